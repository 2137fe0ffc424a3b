"""The reviews service's Celery worker: ``celery -A reviews_service worker``."""

from common.messaging.celery_app import make_celery_app

app = make_celery_app("reviews", "reviews_service")
