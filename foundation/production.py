"""What production must have before it serves a request: DEBUG off, a secret key of its own, and the static
manifest collectstatic writes (without it every page, the error pages included, answers 500).

``problems()`` names each missing piece with what to do about it. The WSGI entry point refuses to start on any
of them when DEBUG is off, gunicorn's configuration (deploy/gunicorn.conf.py) refuses DEBUG on as well, and
``manage.py check --deploy`` reports them as errors.
"""

from pathlib import Path

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

# The shortest key Django itself calls strong enough, and the prefix of the keys startproject writes.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
INSECURE_PREFIX = "django-insecure"


def secret_key_is_insecure(key: str) -> bool:
    return (
        len(key) < SECRET_KEY_MIN_LENGTH
        or len(set(key)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
        or key.startswith(INSECURE_PREFIX)
    )


def problems(*, debug_allowed: bool = False) -> list[str]:
    found = []
    if settings.DEBUG and not debug_allowed:
        found.append(
            "DEBUG is on: production shows tracebacks to visitors and keeps every query in memory. "
            "Set DJANGO_DEBUG=0."
        )
    if secret_key_is_insecure(settings.SECRET_KEY):
        found.append(
            "The secret key is the local default or too weak (at least 50 characters, not "
            "'django-insecure…'). Set DJANGO_SECRET_KEY to a long random value, e.g. the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`, and keep it secret."
        )
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if not manifest.is_file():
        found.append(
            f"The static files manifest {manifest} is missing: every page would answer 500. "
            "Run `python manage.py collectstatic --noinput` (with the same DJANGO_STATIC_ROOT) "
            "before starting."
        )
    return found


def refuse_unsafe_start(*, debug_allowed: bool = False) -> None:
    found = problems(debug_allowed=debug_allowed)
    if found:
        lines = "\n".join(f"  - {problem}" for problem in found)
        raise ImproperlyConfigured(f"HTTP Status Atlas refuses to start in production mode:\n{lines}")


@checks.register(checks.Tags.security, deploy=True)
def production_ready(app_configs=None, **kwargs):
    """`manage.py check --deploy`: the same refusals as errors, before a deploy goes live."""
    return [checks.Error(problem, id="atlas.E001") for problem in problems()]
