"""When a service is down, visitors get a clear answer and the site keeps what it can."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client

from codes import selectors as code_selectors
from codes.api import views as code_api_views

from .hung import hung_service

pytestmark = pytest.mark.django_db

PROJECT = Path(settings.BASE_DIR)


@pytest.fixture
def visitor():
    # As a real server would: exceptions become responses instead of reaching the test.
    return Client(raise_request_exception=False)


@pytest.fixture
def database_down(monkeypatch):
    def refuse(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5432 failed: Connection refused")

    monkeypatch.setattr(code_selectors, "get_code", refuse)
    monkeypatch.setattr(code_api_views, "get_code", refuse)


def test_page_answers_a_styled_503_with_retry_after(content, visitor, database_down):
    response = visitor.get("/id/http/404/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert '<html lang="id"' in body
    assert 'href="/static/css/atlas.css"' in body
    assert "Traceback" not in body
    assert "connection to server" not in body


def test_api_answers_a_json_503_with_retry_after(content, visitor, database_down):
    response = visitor.get("/api/v1/codes/http/404/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response.json()["code"] == "database_unavailable"


def test_other_server_errors_stay_500_without_a_traceback(content, visitor, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(code_selectors, "get_code", fail)
    response = visitor.get("/en/http/404/")
    assert response.status_code == 500
    assert "secret internal detail" not in response.content.decode()
    assert "Retry-After" not in response


def test_site_keeps_serving_from_the_database_when_redis_is_down(content, visitor, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        },
    }
    assert visitor.get("/en/http/404/").status_code == 200
    assert visitor.get("/en/compare/http/202-vs-520/").status_code == 200
    assert visitor.get("/api/v1/codes/http/202/").status_code == 200


UNREACHABLE_DATABASE_SCRIPT = """
import django, json, os, time
django.setup()
from django.test import Client

from codes import selectors as code_selectors
from codes.api import views as code_api_views
client = Client(raise_request_exception=False)
result = {}
for path in ["/en/http/404/", "/api/v1/codes/http/404/", "/en/"]:
    started = time.monotonic()
    response = client.get(path, secure=True)
    result[path] = [response.status_code, response.get("Retry-After"), response["Content-Type"],
                    response.content.decode()[:2000], time.monotonic() - started]
print(json.dumps(result))
"""


def _requests_with_production_settings(database_url: str) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.faults.production_like_settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "test-only-not-secret-" + "x" * 40,
        "DATABASE_URL": database_url,
        "REDIS_URL": "",
    }
    env.pop("DATABASE_CONNECT_TIMEOUT", None)
    completed = subprocess.run(
        [sys.executable, "-c", UNREACHABLE_DATABASE_SCRIPT],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def _assert_503_with_retry_after(result: dict):
    for path, (status, retry_after, _content_type, body, _seconds) in result.items():
        assert status == 503, (path, status, body)
        assert retry_after == "30", path
        assert "Traceback" not in body
    assert result["/api/v1/codes/http/404/"][2] == "application/problem+json"
    assert "text/html" in result["/en/http/404/"][2]


def test_with_the_database_really_unreachable_nothing_crashes():
    """A separate process with production settings and a PostgreSQL address where nothing listens."""
    _assert_503_with_retry_after(_requests_with_production_settings("postgres://postgres@127.0.0.1:1/atlas"))


def test_a_hung_database_is_answered_503_within_seconds_not_the_worker_timeout():
    """Regression: a database that accepts connections and never answers held each request until
    gunicorn killed the worker (a bare 500, no Retry-After)."""
    with hung_service() as database:
        result = _requests_with_production_settings(f"postgres://postgres@127.0.0.1:{database.port}/atlas")
    _assert_503_with_retry_after(result)
    for path, answer in result.items():
        assert answer[4] < 5, (path, answer[4])


QUEUED_REQUESTS_SCRIPT = """
import django, json, time
django.setup()
from django.test import Client

client = Client(raise_request_exception=False)
answers = []
for path in ["/en/http/404/", "/api/v1/codes/http/404/"] * 6:
    started = time.monotonic()
    response = client.get(path, secure=True)
    answers.append([response.status_code, response.get("Retry-After"), time.monotonic() - started])
print(json.dumps(answers))
"""


def test_requests_queued_behind_a_hung_database_are_answered_at_once_not_each_after_the_timeout():
    """After one connection times out, the next requests of the worker get their 503 without waiting."""
    with hung_service() as database:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.faults.production_like_settings",
            "DJANGO_DEBUG": "0",
            "DJANGO_SECRET_KEY": "test-only-not-secret-" + "x" * 40,
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{database.port}/atlas",
            "DATABASE_CONNECT_TIMEOUT": "2",
            "ATLAS_DATABASE_BREAKER_SECONDS": "30",
            "REDIS_URL": "",
        }
        completed = subprocess.run(
            [sys.executable, "-c", QUEUED_REQUESTS_SCRIPT],
            cwd=PROJECT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        )
    answers = json.loads(completed.stdout.strip().splitlines()[-1])
    assert [(status, retry) for status, retry, _seconds in answers] == [(503, "30")] * 12
    first, *queued = [seconds for _status, _retry, seconds in answers]
    assert first < 5
    assert max(queued) < 0.5, queued
