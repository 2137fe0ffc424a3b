from django.apps import AppConfig


class RealtimeConfig(AppConfig):
    name = "gateway_project.realtime"
    label = "realtime"
