"""The gateway's Celery worker: pushes events to the parties' websockets (``realtime/handlers.py``).

Start it beside the web process (``make up`` does)::

    celery -A gateway_project worker -Q gateway.tasks -c 1 -n gateway@%h

It consumes ``gateway.events`` (SUBSCRIPTIONS["gateway"]) and sends each event to the
``user.<id>`` groups of the Redis channel layer; the gateway has no database, so its
inbox is in Redis (``common.events.handlers``).
"""

from common.messaging.celery_app import make_celery_app

app = make_celery_app("gateway", "gateway_project")
