"""Settings of the notifications service: the fleet's settings plus its own apps."""

from common.conf.settings import build_settings

globals().update(build_settings("notifications", apps=["notifications_service.notifications"]))
