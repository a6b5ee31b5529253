import os
import re
import subprocess
import sys
from pathlib import Path

from django.conf import settings

PROJECT = Path(settings.BASE_DIR)
PRODUCTION_ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "test-only-" + "k" * 50,
    "DJANGO_ALLOWED_HOSTS": "atlas.example.org",
    "DATABASE_URL": "",
    "REDIS_URL": "",
}


def manage(*args, **env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_has_no_warnings_with_production_settings(tmp_path):
    (tmp_path / "staticfiles.json").write_text("{}")
    env = {**PRODUCTION_ENV, "DJANGO_STATIC_ROOT": str(tmp_path)}
    result = manage("check", "--deploy", "--fail-level", "WARNING", **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {**PRODUCTION_ENV}
    env.pop("DJANGO_SECRET_KEY")
    result = manage("check", **env, DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


SECRET_PATTERNS = [
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    re.compile(r"AKIA[0-9A-Z]{16}"),  # AWS access key id
    # A long literal assigned to a secret-looking name; Django's marked local-only key is not a secret.
    re.compile(r"(?i)(secret_key|password|api_key|token)\s*=\s*['\"](?!django-insecure-)[^'\"\s]{16,}['\"]"),
]


def test_no_secret_is_committed():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.split()
    findings = []
    for name in tracked:
        path = PROJECT / name
        if not path.is_file() or path.suffix in {".png", ".mo", ".jpg", ".ico", ".woff2"}:
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        findings += [f"{name}: {p.pattern}" for p in SECRET_PATTERNS if p.search(text)]
    assert not findings
