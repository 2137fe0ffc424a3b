from django.apps import AppConfig


class ChatConfig(AppConfig):
    name = "chat_service.chat"
    label = "chat"
