import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive.settings")
application = get_wsgi_application()
# Fail at start-up, not on the first request, when SECRET_KEY is missing.
settings.SECRET_KEY  # noqa: B018

if settings.ARCHIVE_FACET_COLUMNS_AT_START:
    # Before the first request (and, under gunicorn --preload, once for every worker: the
    # arrays are never written, so forked workers share their pages).
    from archive import columns

    columns.read_at_start()
