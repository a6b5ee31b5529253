"""The machine a run is on, as docs/benchmarks.md describes it: processor, memory, system, and the versions
of Python, Django, the database driver, Redis, gunicorn, wrk and nginx.
"""

from __future__ import annotations

import contextlib
import platform
import shutil
import subprocess
import sys
from pathlib import Path


def command_output(*command: str) -> str:
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return "not available"
    return (done.stdout or done.stderr).strip("\n").rstrip()


def machine(args) -> dict:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    from importlib.metadata import version

    redis_version = "not used (local memory)"
    if args.cache == "redis":
        import redis

        redis_version = redis.Redis.from_url(args.redis).info("server")["redis_version"]
    os_name = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                os_name = line.split("=", 1)[1].strip('"')
    return {
        "nproc": command_output("nproc"),
        "free": command_output("free", "-h"),
        "cpu": cpu,
        "os": f"{os_name}, Linux {platform.release()}",
        "python": platform.python_version(),
        "django": version("Django"),
        "djangorestframework": version("djangorestframework"),
        "psycopg": version("psycopg"),
        "gunicorn": version("gunicorn")
        if shutil.which(str(Path(sys.executable).with_name("gunicorn")))
        else "-",
        "redis": redis_version,
        "wrk": command_output("wrk", "-v").split(" Copyright")[0] if shutil.which("wrk") else "not installed",
        "nginx": command_output("nginx", "-v").removeprefix("nginx version: ")
        if shutil.which("nginx")
        else "nginx not installed",
    }
