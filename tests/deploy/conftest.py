"""The deploy stack (deploy/stack.py) for the tests: nginx and two gunicorn nodes with production settings, on
a PostgreSQL database and a Redis key prefix of their own, started once for the module that asks for it.

It needs PostgreSQL (DATABASE_URL), Redis (REDIS_URL), nginx and openssl. Where one is missing the tests are
skipped with the reason, except under CI=true in the PostgreSQL run, where they fail.
"""

import os
import shutil
import tempfile
import urllib.parse
from pathlib import Path

import psycopg
import pytest

from deploy.stack import NGINX, Stack

EDITOR_PASSWORD = "stack-editor-" + "pw" * 8
STACK_PORT = int(os.environ.get("ATLAS_STACK_TEST_PORT", "8180"))


def _missing_reason() -> str | None:
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith(("postgres://", "postgresql://")):
        return "the deploy stack runs on PostgreSQL: set DATABASE_URL=postgres://…"
    if not os.environ.get("REDIS_URL"):
        return "the deploy stack shares Redis between its nodes: set REDIS_URL=redis://…"
    if not Path(NGINX).exists():
        return f"nginx not found at {NGINX}: apt-get install nginx"
    if not shutil.which("openssl"):
        return "openssl is missing: apt-get install openssl"
    return None


def _stack_database(database_url: str) -> str:
    """A database of the stack's own beside the one the tests use, made afresh."""
    parts = urllib.parse.urlsplit(database_url)
    name = parts.path.lstrip("/") + "_stack"
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


@pytest.fixture(scope="module")
def stack():
    reason = _missing_reason()
    if reason:
        if os.environ.get("CI", "").lower() == "true" and os.environ.get("DATABASE_URL", "").startswith(
            "postgres"
        ):
            pytest.fail(f"{reason} (CI=true: the deploy stack must be tested)", pytrace=False)
        pytest.skip(reason)
    env = {
        "ATLAS_CACHE_KEY_PREFIX": "atlas-stack-tests",
        "ATLAS_EDITOR_USERNAME": "stack-editor",
        "ATLAS_EDITOR_PASSWORD": EDITOR_PASSWORD,
        # Every request of these tests comes from 127.0.0.1: the throttles would answer 429 to the load.
        "ATLAS_PAGE_THROTTLE_RATE": "1000000/minute",
        "DJANGO_API_THROTTLE_RATE": "1000000/minute",
    }
    work_dir = Path(tempfile.mkdtemp(prefix="atlas-stack-tests-"))
    stack = Stack(
        work_dir,
        database_url=_stack_database(os.environ["DATABASE_URL"]),
        redis_url=os.environ["REDIS_URL"],
        base_port=STACK_PORT,
        env=env,
    )
    stack.prepare()
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
        shutil.rmtree(work_dir, ignore_errors=True)
