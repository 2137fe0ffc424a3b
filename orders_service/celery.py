"""The orders service's Celery worker: ``celery -A orders_service worker``."""

from common.messaging.celery_app import make_celery_app

app = make_celery_app("orders", "orders_service")
