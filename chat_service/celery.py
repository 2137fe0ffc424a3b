"""The chat service's Celery worker: ``celery -A chat_service worker``."""

from common.messaging.celery_app import make_celery_app

app = make_celery_app("chat", "chat_service")
