"""The reviews service: reviews and ratings."""

from reviews_service.celery import app as celery_app

__all__ = ["celery_app"]
