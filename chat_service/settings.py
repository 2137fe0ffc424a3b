"""Settings of the chat service: the fleet's settings plus its own apps."""

from common.conf.env import env_str
from common.conf.settings import build_settings

globals().update(build_settings("chat", apps=["chat_service.chat"]))

# Attachment links in message JSON point at the public gateway, the only host clients reach.
GATEWAY_URL = env_str("GATEWAY_URL").rstrip("/")
