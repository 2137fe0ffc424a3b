"""gunicorn reads this file from the working directory (the repository root) before it starts.

A service's settings are loaded once in gunicorn's master, before any worker is forked: a
missing secret or a malformed setting then stops the server with the one line
``common.conf.production`` prints, instead of every worker failing on its own (and
gunicorn tracing back as it halts while the next one dies).
"""

from __future__ import annotations

import importlib
from typing import Any


def on_starting(server: Any) -> None:
    """Load ``<package>.settings`` of the app being served (``orders_service.wsgi`` → ``orders_service``)."""
    package = str(server.app.app_uri).split(":", 1)[0].rsplit(".", 1)[0]
    if package:
        importlib.import_module(f"{package}.settings")
