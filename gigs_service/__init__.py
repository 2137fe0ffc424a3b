"""The gigs service: gigs, categories, search, ratings summary."""

from gigs_service.celery import app as celery_app

__all__ = ["celery_app"]
