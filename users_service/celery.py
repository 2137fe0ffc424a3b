"""The users service's Celery worker: ``celery -A users_service worker``."""

from common.messaging.celery_app import make_celery_app

app = make_celery_app("users", "users_service")
