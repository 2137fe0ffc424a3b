#!/usr/bin/env python
"""Django's command-line utility for the gateway."""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    # The repository root, not this folder, so that "celery" is the library, not celery.py.
    sys.path[0] = str(Path(__file__).resolve().parents[1])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gateway_project.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
