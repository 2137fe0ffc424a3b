from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications_service.notifications"
    label = "notifications"
