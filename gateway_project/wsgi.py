"""WSGI entry point of the gateway's Django part only (health, schema, docs).

The gateway is an ASGI application (see ``asgi.py``): the proxy path is served there.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gateway_project.settings")
application = get_wsgi_application()
