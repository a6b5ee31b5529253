"""What the benchmark measures and where: its paths, the one host it talks to, the pages and endpoints, and
the environment of every child process (production settings through bench/settings.py).

Imported as ``bench.common``, as every module of bench/ is: bench/run.py puts the repository root on
``sys.path`` before it imports them, and the children run with it on ``PYTHONPATH``.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
# A machine shared with other runs: BENCH_WORK_DIR and BENCH_DATABASE_PREFIX keep this run's files and
# databases apart (the Redis database is --redis, the ports BENCH_PORTS).
WORK_DIR = Path(os.environ.get("BENCH_WORK_DIR", "/tmp/atlas-bench"))
RESULTS_FILE = BASE_DIR / "docs" / "benchmarks.md"
HOST = "127.0.0.1"
_PREFIX = os.environ.get("BENCH_DATABASE_PREFIX", "atlas_bench")
PG_DATABASES = {"scale": _PREFIX, "small": f"{_PREFIX}_small"}

# What is measured: pages and API endpoints that exist on both data sets.
CURATED_PAIR = "502-vs-504"  # curated in content/
ASSEMBLED_PAIR = ("404", "500")  # curated nowhere; a draft in the scale data set
SCENARIOS = [
    ("code page", "/en/http/404/", ""),
    ("comparison, curated", f"/en/compare/http/{CURATED_PAIR}/", ""),
    ("comparison, assembled", f"/en/compare/http/{ASSEMBLED_PAIR[0]}-vs-{ASSEMBLED_PAIR[1]}/", ""),
    ("search", "/en/search/", "q=timeout"),
    ("API code detail", "/api/v1/codes/http/404/", ""),
    ("API comparison detail", f"/api/v1/comparisons/http/{CURATED_PAIR}/", ""),
    ("API code list", "/api/v1/codes/", ""),
    ("API comparison list", "/api/v1/comparisons/", ""),
]
TRIVIAL = ("trivial view", "/bench/trivial/", "")
# Parts of an uncached comparison page, measured on their own beside it (bench/urls.py).
PARTS = [
    ("one query", "/bench/parts/one-query/", ""),
    ("the page's reads", "/bench/parts/reads/", ""),
    ("the frame", "/bench/parts/frame/", ""),
]
# Pages that list many comparisons: no target, but they show what the scale data set does to them.
OTHER_PAGES = [
    ("home page", "/en/", ""),
    ("class page", "/en/http/5xx/", ""),
    ("comparison index", "/en/compare/", ""),
    ("sitemap index", "/sitemap.xml", ""),
    ("sitemap file", "/sitemap-comparisons.xml", ""),
]
COMPARISON_PAGE = SCENARIOS[1][1]
API_ENDPOINT = SCENARIOS[5][1]


def say(text: str = "") -> None:
    print(text, flush=True)


def client_address(n: int) -> str:
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def local_only(url: str) -> str:
    if not re.match(
        rf"^(?:https?|postgres(?:ql)?|redis)://(?:[^@/]*@)?(?:{HOST}|localhost)(?::\d+)?(?:/|$)", url
    ):
        raise SystemExit(f"The benchmark only talks to {HOST}: refusing {url!r}.")
    return url


def setup_django():
    """Inside a child process: Django with the settings child_env() chose."""
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def child_env(args, database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    for name in list(env):
        if name.startswith(("DJANGO_", "DATABASE_", "REDIS_", "ATLAS_")):
            del env[name]
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=args.secret_key,
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_LOG_LEVEL="WARNING",
        DATABASE_URL=database_url,
        ATLAS_BENCH_STATIC_ROOT=str(WORK_DIR / "static"),
        PYTHONPATH=str(BASE_DIR),
        PYTHONHASHSEED="0",
    )
    if args.cache == "redis":
        env["REDIS_URL"] = args.redis
    return env
