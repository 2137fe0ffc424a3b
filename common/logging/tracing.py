"""The optional tracing agent: Elastic APM's official Python agent, off unless one setting is set.

``ELASTIC_APM_SERVER_URL`` turns it on for every process: the agent's Django app and tracing
middleware (a transaction per request, with its database, Redis and HTTP spans), its Celery
instrumentation (a transaction per task, set up by the Django app in workers), and in the
gateway a wrapper around the raw ASGI proxy, which Django never sees
(``gateway_project/proxy/tracing.py``). The agent reads its
other options from its own ``ELASTIC_APM_*`` variables (``ELASTIC_APM_SECRET_TOKEN``,
``ELASTIC_APM_API_KEY``, ``ELASTIC_APM_TRANSACTION_SAMPLE_RATE`` ...).
"""

from __future__ import annotations

import importlib.util
from typing import Any

from common.conf.env import ConfigurationError

DJANGO_APP = "elasticapm.contrib.django"
MIDDLEWARE = "elasticapm.contrib.django.middleware.TracingMiddleware"


def with_tracing(settings: dict[str, Any], server_url: str) -> dict[str, Any]:
    """``settings`` of one process, plus the agent when ``server_url`` is set (unchanged otherwise)."""
    if not server_url:
        return settings
    if importlib.util.find_spec("elasticapm") is None:
        raise ConfigurationError("ELASTIC_APM_SERVER_URL is set but elastic-apm is not installed (requirements.txt)")
    return {
        **settings,
        "INSTALLED_APPS": [*settings["INSTALLED_APPS"], DJANGO_APP],
        # First, so a request's transaction covers every other middleware.
        "MIDDLEWARE": [MIDDLEWARE, *settings["MIDDLEWARE"]],
        "ELASTIC_APM": {
            "SERVICE_NAME": f"bazaar-{settings['SERVICE_NAME']}",
            "SERVER_URL": server_url,
            "ENVIRONMENT": settings["BAZAAR_ENV"],
            # The agent stays silent under Django's DEBUG unless told: whoever sets the URL wants traces.
            "DEBUG": True,
        },
    }
