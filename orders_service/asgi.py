"""ASGI entry point of the orders service."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "orders_service.settings")
application = get_asgi_application()
