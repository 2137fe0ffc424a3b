"""The auth service's Celery worker and beat: ``celery -A auth_service worker``, ``celery -A auth_service beat``."""

from common.messaging.celery_app import make_celery_app

app = make_celery_app("auth", "auth_service")
