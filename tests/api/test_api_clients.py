"""Clients generated from the schema work as they are: the Redocly linter finds no error in the schema, a
Python client (openapi-python-client) installs and runs a script that passes ``mypy --strict``, and the
TypeScript types (openapi-typescript) type-check a script under ``tsc --strict``; no cast in either.

The npm tools are pinned in tests/api/clients/package-lock.json (``make test`` installs them), the Python
ones in tests/api/clients/requirements.txt (installed by this test into a throw-away environment, reused
while that file is unchanged). Without npm or the package registries the test is skipped locally and
fails under CI=true.
"""

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

import pytest

CLIENTS = Path(__file__).parent / "clients"
NODE_BIN = CLIENTS / "node_modules" / ".bin"
REQUIREMENTS = CLIENTS / "requirements.txt"
OPENAPI_JSON = "application/vnd.oai.openapi+json"
# The linters and generators must not phone home.
QUIET = {"REDOCLY_TELEMETRY": "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE": "true", "NO_UPDATE_NOTIFIER": "1"}


def missing(reason: str):
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the client test must run)", pytrace=False)
    pytest.skip(reason)


def run(*command, cwd=None, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, **QUIET},
        check=False,
    )


@pytest.fixture(scope="module")
def node_tools():
    if not (NODE_BIN / "redocly").exists():
        if not shutil.which("npm"):
            missing("npm is missing (apt-get install npm): the client test needs @redocly/cli and TypeScript")
        installed = run("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", cwd=CLIENTS)
        if installed.returncode != 0:
            missing(f"npm ci in tests/api/clients failed: {installed.stderr[-500:]}")
    return NODE_BIN


@pytest.fixture(scope="module")
def python_tools():
    """A virtual environment with the generator and mypy, kept between runs while the pins are unchanged."""
    digest = hashlib.sha256(REQUIREMENTS.read_bytes()).hexdigest()[:12]
    venv = Path(tempfile.gettempdir()) / f"atlas-api-client-tools-{digest}"
    python = venv / "bin" / "python"
    if not (venv / ".complete").exists():
        shutil.rmtree(venv, ignore_errors=True)
        created = run(sys.executable, "-m", "venv", venv)
        installed = created.returncode == 0 and run(python, "-m", "pip", "install", "-q", "-r", REQUIREMENTS)
        if not installed or installed.returncode != 0:
            missing(f"could not install {REQUIREMENTS.name}: {getattr(installed, 'stderr', '')[-500:]}")
        (venv / ".complete").touch()
    return venv / "bin"


@pytest.fixture
def schema_file(live_server, content, tmp_path, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"}}
    request = urllib.request.Request(f"{live_server.url}/api/schema/", headers={"Accept": OPENAPI_JSON})
    with urllib.request.urlopen(request, timeout=30) as answer:
        schema = json.load(answer)
    path = tmp_path / "schema.json"
    path.write_text(json.dumps(schema))
    return path


def assert_ran(result: subprocess.CompletedProcess, what: str):
    assert result.returncode == 0, f"{what}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


def test_redocly_finds_no_error_in_the_schema(node_tools, schema_file):
    result = run(
        node_tools / "redocly", "lint", schema_file, "--config", CLIENTS / "redocly.yaml", "--format=stylish"
    )
    assert_ran(result, "redocly lint")
    assert not re.search(r"^\s*\d+:\d+\s+error\b", result.stdout, re.MULTILINE), result.stdout


def test_generated_python_client_installs_type_checks_and_does_the_job(
    python_tools, schema_file, live_server, tmp_path
):
    script = CLIENTS / "atlas_client_script.py"
    assert not re.search(r"\bcast\(|type:\s*ignore|\bAny\b", script.read_text())
    generated = tmp_path / "client"
    env_path = f"{python_tools}{os.pathsep}{os.environ.get('PATH', '')}"
    result = subprocess.run(
        [
            python_tools / "openapi-python-client",
            "generate",
            "--path",
            schema_file,
            "--output-path",
            generated,
        ]
        + ["--meta", "setup"],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PATH": env_path},
        check=False,
    )
    assert_ran(result, "openapi-python-client generate")
    assert "Warning" not in result.stdout + result.stderr, result.stdout + result.stderr
    assert_ran(
        run(
            python_tools / "pip",
            "install",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "--force-reinstall",
            generated,
        ),
        "pip install of the generated client",
    )
    assert_ran(
        run(python_tools / "mypy", "--strict", "--no-incremental", script, cwd=tmp_path), "mypy --strict"
    )
    used = run(python_tools / "python", script, live_server.url, cwd=tmp_path, timeout=120)
    assert_ran(used, "the script with the generated client")
    assert "HTTP 202" in used.stdout
    assert "comparisons" in used.stdout


def test_generated_typescript_types_type_check_a_client_under_strict(node_tools, schema_file, tmp_path):
    script = CLIENTS / "atlas_client.ts"
    assert not re.search(r"\bas\s+[A-Za-z{]|\bany\b|@ts-", script.read_text())
    for name in ["atlas_client.ts", "tsconfig.json"]:
        shutil.copy(CLIENTS / name, tmp_path / name)
    assert_ran(
        run(node_tools / "openapi-typescript", schema_file, "-o", tmp_path / "atlas-api.d.ts"),
        "openapi-typescript",
    )
    assert_ran(run(node_tools / "tsc", "-p", tmp_path / "tsconfig.json", cwd=tmp_path), "tsc --strict")
