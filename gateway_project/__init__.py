"""The API gateway: the fleet's only public HTTP entry point."""

from gateway_project.celery import app as celery_app

__all__ = ["celery_app"]
