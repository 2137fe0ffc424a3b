"""The gateway's Celery worker: ``celery -A gateway_project worker`` (pushes events to websockets later)."""

from common.messaging.celery_app import make_celery_app

app = make_celery_app("gateway", "gateway_project")
