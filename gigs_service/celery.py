"""The gigs service's Celery worker: ``celery -A gigs_service worker``."""

from common.messaging.celery_app import make_celery_app

app = make_celery_app("gigs", "gigs_service")
