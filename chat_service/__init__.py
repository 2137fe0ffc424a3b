"""The chat service: conversations, messages, offers."""

from chat_service.celery import app as celery_app

__all__ = ["celery_app"]
