"""``GET /health``: readiness of one service (its database answers)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def database_ok() -> bool:
    """True when the service's database answers ``SELECT 1``."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        logger.warning("health: database unreachable", exc_info=True)
        return False


# GET only: any other method is a 405 (never a 403 from the CSRF check before it).
@csrf_exempt
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """200 ``{"status": "ok"}`` when ready, 503 naming the failing check otherwise."""
    checks = {"database": "ok" if database_ok() else "down"}
    ready = all(value == "ok" for value in checks.values())
    body = {"service": settings.SERVICE_NAME, "status": "ok" if ready else "down", "checks": checks}
    return JsonResponse(body, status=200 if ready else 503)
