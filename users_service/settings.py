"""Settings of the users service: the fleet's settings plus its own apps."""

from common.conf.settings import build_settings

globals().update(build_settings("users", apps=["users_service.profiles"]))
