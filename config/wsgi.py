import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

from django.conf import settings  # noqa: E402 - after the application has set Django up

if not settings.DEBUG:
    # Production mode: no request is served without a secret key of its own and the static manifest.
    from foundation.production import refuse_unsafe_start

    refuse_unsafe_start()
