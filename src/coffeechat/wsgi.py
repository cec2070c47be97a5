"""WSGI entry point, served by waitress from `coffeechat serve` or by any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coffeechat.settings")
application = get_wsgi_application()
