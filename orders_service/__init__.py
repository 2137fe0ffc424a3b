"""The orders service: orders, payments, deliveries, extensions."""

from orders_service.celery import app as celery_app

__all__ = ["celery_app"]
