"""The users service: buyer and seller profiles, seller stats."""

from users_service.celery import app as celery_app

__all__ = ["celery_app"]
