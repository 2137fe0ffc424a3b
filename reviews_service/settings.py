"""Settings of the reviews service: the fleet's settings plus its own apps."""

from common.conf.settings import build_settings

globals().update(build_settings("reviews", apps=["reviews_service.reviews"]))
