"""The ``LOGGING`` dict every process uses."""

from __future__ import annotations

from typing import Any


def build_logging(service: str, *, level: str, elasticsearch_url: str) -> dict[str, Any]:
    """JSON lines on stdout for everything; ERROR+ also to Elasticsearch when configured."""
    handlers: dict[str, Any] = {
        "stdout": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["context", "secrets"],
        }
    }
    if elasticsearch_url:
        handlers["elasticsearch"] = {
            "()": "common.logging.elasticsearch.ElasticsearchHandler",
            "url": elasticsearch_url,
            "level": "ERROR",
            "formatter": "json",
            "filters": ["context", "secrets"],
        }
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "context": {"()": "common.logging.context.ContextFilter", "service": service},
            "secrets": {"()": "common.logging.secrets.TaskArgumentsFilter"},
        },
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(service)s %(request_id)s %(user_id)s",
                "rename_fields": {"asctime": "timestamp", "levelname": "level", "name": "logger"},
            }
        },
        "handlers": handlers,
        "root": {"handlers": list(handlers), "level": level},
        "loggers": {
            "django.server": {"level": "WARNING"},
            "httpx": {"level": "WARNING"},
            "elastic_transport": {"level": "WARNING", "propagate": False},
        },
    }
