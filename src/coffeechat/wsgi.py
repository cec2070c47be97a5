"""WSGI entry point, served by waitress from `coffeechat serve` or by any WSGI server."""

import os

from django.core.wsgi import get_wsgi_application

from coffeechat.core.private_files import private_umask

private_umask()  # the data folder's files are created readable by their owner only
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coffeechat.settings")
application = get_wsgi_application()
