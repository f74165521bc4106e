"""WSGI entry point for gunicorn: ``gunicorn oneworkforce.config.wsgi``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "oneworkforce.config.settings.production")

application = get_wsgi_application()
