from django.apps import AppConfig


class MessagingConfig(AppConfig):
    """The broker side of events: its management commands (``relay_events``, ``dead_letters``)."""

    name = "common.messaging"
    label = "messaging"
    verbose_name = "Messaging"
