"""Settings of the users service: the fleet's settings plus its own apps."""

from common.conf.env import env_str
from common.conf.settings import build_settings

globals().update(build_settings("users", apps=["users_service.profiles"]))

# Profiles link local profile pictures through the gateway (``/api/v1/media/users/...``).
GATEWAY_URL = env_str("GATEWAY_URL").rstrip("/")
