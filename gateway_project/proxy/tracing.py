"""The tracing agent around the raw ASGI proxy, which Django's tracing middleware never sees.

On exactly when every process traces (``ELASTIC_APM_SERVER_URL``, ``common/logging/tracing.py``).
"""

from __future__ import annotations

from typing import Any


def traced_asgi(app: Any) -> Any:
    """``app`` inside the agent's ASGI middleware when tracing is on (the gateway's proxy path)."""
    from django.conf import settings

    if not getattr(settings, "ELASTIC_APM", None):
        return app
    from elasticapm.contrib.asgi import ASGITracingMiddleware

    return ASGITracingMiddleware(app)
