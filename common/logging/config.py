"""The ``LOGGING`` dict every process uses."""

from __future__ import annotations

from typing import Any


def build_logging(service: str, *, level: str) -> dict[str, Any]:
    """ECS JSON lines on stdout for every level; a collector ships them (docs/operations.md#logs)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "context": {"()": "common.logging.context.ContextFilter", "service": service},
            "secrets": {"()": "common.logging.secrets.TaskArgumentsFilter"},
        },
        "formatters": {"ecs": {"()": "common.logging.ecs.EcsFormatter"}},
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "ecs",
                "filters": ["context", "secrets"],
            }
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            "django.server": {"level": "WARNING"},
            # A 4xx is said by the request's own line (its status); Django's "Not Found: /x" or
            # "Method Not Allowed: /x" beside it would be its twin. A 5xx keeps Django's line: it
            # carries the traceback.
            "django.request": {"level": "ERROR"},
            "httpx": {"level": "WARNING"},
            "elastic_transport": {"level": "WARNING", "propagate": False},
        },
    }
