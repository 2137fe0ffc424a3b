"""Settings of the chat service: the fleet's settings plus its own apps."""

from common.conf.settings import build_settings

globals().update(build_settings("chat", apps=["chat_service.chat"]))
