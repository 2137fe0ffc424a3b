from django.apps import AppConfig


class InboxConfig(AppConfig):
    name = "common.events.inbox"
    label = "inbox"
    verbose_name = "Event inbox"
    default_auto_field = "django.db.models.BigAutoField"
