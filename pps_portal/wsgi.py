"""WSGI entry point: ``gunicorn pps_portal.wsgi`` or any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pps_portal.settings")

application = get_wsgi_application()
