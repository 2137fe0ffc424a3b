"""``make_celery_app(service)``: one Celery configuration for every worker of the fleet."""

from __future__ import annotations

import os

from celery import Celery


def make_celery_app(service: str, package: str) -> Celery:
    """A Celery app for ``package`` whose tasks survive a killed worker.

    Late acks plus reject-on-worker-lost mean a message is only removed from its queue
    once its task finished; a task that was running when the worker died is redelivered.
    Publishing waits for the broker's confirm, so a task that was "sent" is really queued.
    The worker also consumes the service's events (:mod:`common.messaging.consumer`), with
    or without a database.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", f"{package}.settings")
    app = Celery(service)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    from django.conf import settings

    app.conf.update(
        broker_url=settings.RABBITMQ_URL,
        broker_transport_options={"confirm_publish": True},
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_default_queue=f"{service}.tasks",
        broker_connection_retry_on_startup=True,
        broker_connection_max_retries=None,
        worker_hijack_root_logger=False,
        timezone="UTC",
    )
    app.autodiscover_tasks()
    # Every worker consumes its service's events; one without a database (the gateway's)
    # keeps its inbox in Redis (common.events.handlers.apply).
    from common.messaging import correlation
    from common.messaging.consumer import attach_event_consumer

    attach_event_consumer(app)
    # Tasks carry the request id and causation id of whoever queued them into their log lines.
    correlation.connect()
    return app
