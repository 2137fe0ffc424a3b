"""The root suite drives real processes: each must choose its own Django settings."""

from __future__ import annotations

import os

import pytest

# The root suite runs without Django settings (common/fleet/suites.py). A test module that
# imports a service's package may set that service's in this process while it is collected;
# every child process started afterwards would inherit them and run as that service.
_SETTINGS_AT_START = os.environ.get("DJANGO_SETTINGS_MODULE")


def pytest_collection_finish(session: pytest.Session) -> None:
    if _SETTINGS_AT_START is None:
        os.environ.pop("DJANGO_SETTINGS_MODULE", None)
