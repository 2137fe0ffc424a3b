"""The notifications service: emails, in-app notifications."""

from notifications_service.celery import app as celery_app

__all__ = ["celery_app"]
