"""Production refuses to start, saying what to do, without DEBUG off, a secret key of its own and the static
files manifest: the WSGI entry point, gunicorn's configuration (deploy/gunicorn.conf.py) and
`check --deploy`."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PROJECT = Path(settings.BASE_DIR)
GUNICORN = Path(sys.executable).with_name("gunicorn")
GOOD_KEY = "test-only-" + "k" * 30 + "abcdefghij" * 2


@pytest.fixture
def static_root(tmp_path):
    (tmp_path / "staticfiles.json").write_text('{"paths": {}, "version": "1.1"}')
    return tmp_path


def run(command, **env):
    base = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DATABASE_URL": "",
        "REDIS_URL": "",
        "DJANGO_ALLOWED_HOSTS": "atlas.example.org",
    }
    return subprocess.run(
        command, cwd=PROJECT, env={**base, **env}, capture_output=True, text=True, timeout=60
    )


def wsgi(**env):
    return run([sys.executable, "-c", "import config.wsgi"], **env)


def gunicorn(**env):
    # The refusal comes before gunicorn binds its port or forks a worker; one that started would time out.
    command = [str(GUNICORN), "-c", "deploy/gunicorn.conf.py"]
    return run(command, GUNICORN_BIND="127.0.0.1:0", GUNICORN_WORKERS="1", **env)


def test_the_wsgi_application_starts_with_what_production_needs(static_root):
    result = wsgi(DJANGO_DEBUG="0", DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_STATIC_ROOT=str(static_root))
    assert result.returncode == 0, result.stderr


def test_a_missing_static_manifest_stops_the_wsgi_application_and_says_to_collect_static(tmp_path):
    result = wsgi(DJANGO_DEBUG="0", DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_STATIC_ROOT=str(tmp_path))
    assert result.returncode != 0
    assert "refuses to start in production mode" in result.stderr
    assert "collectstatic --noinput" in result.stderr


@pytest.mark.parametrize("key", ["short-key", "django-insecure-" + "x" * 60, "ab" * 40])
def test_an_insecure_secret_key_stops_the_wsgi_application(static_root, key):
    result = wsgi(DJANGO_DEBUG="0", DJANGO_SECRET_KEY=key, DJANGO_STATIC_ROOT=str(static_root))
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY to a long random value" in result.stderr


def test_gunicorn_refuses_debug_on(static_root):
    result = gunicorn(DJANGO_DEBUG="1", DJANGO_SECRET_KEY=GOOD_KEY, DJANGO_STATIC_ROOT=str(static_root))
    assert result.returncode == 1
    assert "DEBUG is on" in result.stderr
    assert "Set DJANGO_DEBUG=0" in result.stderr


def test_gunicorn_names_every_missing_piece_at_once(tmp_path):
    result = gunicorn(DJANGO_DEBUG="", DJANGO_SECRET_KEY="", DJANGO_STATIC_ROOT=str(tmp_path))
    assert result.returncode == 1
    for advice in ("Set DJANGO_DEBUG=0", "Set DJANGO_SECRET_KEY", "collectstatic --noinput"):
        assert advice in result.stderr


def test_check_deploy_reports_the_same_as_errors(tmp_path):
    result = run(
        [sys.executable, "manage.py", "check", "--deploy"],
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=GOOD_KEY,
        DJANGO_STATIC_ROOT=str(tmp_path),
    )
    assert result.returncode != 0
    assert "atlas.E001" in result.stderr
    assert "collectstatic" in result.stderr
