"""The notifications service's Celery worker: ``celery -A notifications_service worker``."""

from common.messaging.celery_app import make_celery_app

app = make_celery_app("notifications", "notifications_service")
