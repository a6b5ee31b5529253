"""Benchmarks of HTTP Status Atlas at scale, and a load test; writes docs/benchmarks.md.

    .venv/bin/python bench/run.py            # everything, about 10 minutes; writes docs/benchmarks.md
    .venv/bin/python bench/run.py --quick    # a short smoke run; writes nothing unless --write

Steps, each printed as it runs:

1. Two databases (PostgreSQL ``atlas_bench`` and ``atlas_bench_small`` on 127.0.0.1, or SQLite files under
   /tmp with ``--db sqlite``), migrated from scratch: *small* holds content/ as ``load_content`` loads it;
   *scale* adds every pair of codes as a published comparison and every text in all 12 languages
   (bench/scale_data.py). One pair stays a draft, so that its page is assembled.
2. In one process, through Django's full WSGI handler: the median time per request of each page and API
   endpoint, uncached (right after an editor's save) and cached, as a ratio to a trivial view timed among
   them: each round times the uncached requests and the trivial view in a shuffled order, then the cached
   requests and the trivial view in another. Then the pages that list every comparison, for the record.
3. Queries per request on the small and on the scale data set: they must be equal.
4. Under gunicorn (sync workers) with wrk: requests per second of the cached comparison page against the
   trivial view, and against nginx serving the same HTML as a file.
5. Load: 60 s at 64 connections on a comparison page and on an API endpoint; errors, p50 and p99.

Production settings throughout (bench/settings.py: config.settings plus /bench/trivial/): DJANGO_DEBUG=0,
a random DJANGO_SECRET_KEY, whitenoise with collectstatic into a temporary STATIC_ROOT, Redis as the cache,
requests marked as coming through the TLS proxy (X-Forwarded-Proto: https), and the API throttle at its
production rate with requests spread over many client addresses (X-Forwarded-For), as real traffic is.

Only 127.0.0.1 is ever contacted. Every loop is bounded and every child process is stopped at the end.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import platform
import random
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
WORK_DIR = Path("/tmp/atlas-bench")
RESULTS_FILE = BASE_DIR / "docs" / "benchmarks.md"
HOST = "127.0.0.1"
PG_DATABASES = {"scale": "atlas_bench", "small": "atlas_bench_small"}

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

TARGET_UNCACHED = 4.0
TARGET_CACHED = 1.5
TARGET_GUNICORN_SHARE = 0.75


def say(text: str = "") -> None:
    print(text, flush=True)


def client_address(n: int) -> str:
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


# ---------------------------------------------------------------------------------------------------
# Inside Django: building the data sets, timing requests, counting queries (run as child processes).
# ---------------------------------------------------------------------------------------------------


def _django():
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()


def database_version() -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0]}"
        cursor.execute("SELECT sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


def database_size() -> int:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_database_size(current_database())")
            return cursor.fetchone()[0]
    return Path(connection.settings_dict["NAME"]).stat().st_size


def child_build(kind: str, out: Path) -> None:
    _django()
    from django.core.management import call_command

    from codes.models import StatusCode
    from comparisons.models import Comparison

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrated = time.perf_counter() - started
    if kind == "small":
        call_command("load_content", path=str(BASE_DIR / "content"), stdout=io.StringIO())
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as the scale set does: both planned from fresh statistics
        report = {
            "codes": StatusCode.objects.count(),
            "comparisons": Comparison.objects.count(),
            "published": Comparison.objects.published().count(),
            "drafts": [],
            "seconds": time.perf_counter() - started - migrated,
        }
    else:
        from bench import scale_data

        built = scale_data.build(content=BASE_DIR / "content", drafts=[ASSEMBLED_PAIR])
        report = {
            "codes": built.codes,
            "comparisons": built.comparisons,
            "published": built.published,
            "drafts": built.drafts,
            "code_texts_generated": built.code_texts_generated,
            "comparison_texts_generated": built.comparison_texts_generated,
            "seconds": built.seconds,
        }
    report.update(migrate_seconds=migrated, database=database_version(), bytes=database_size())
    out.write_text(json.dumps(report))


class InProcess:
    """Requests through Django's WSGI handler, as gunicorn calls it, without a network in between."""

    def __init__(self):
        _django()
        from django.core.cache import cache
        from django.core.wsgi import get_wsgi_application

        from codes.freshness import mark_content_changed

        self.app = get_wsgi_application()
        self.cache = cache
        self.mark_content_changed = mark_content_changed
        self.clients = 0

    def environ(self, path: str, query: str) -> dict:
        self.clients += 1
        return {
            "REQUEST_METHOD": "GET",
            "SCRIPT_NAME": "",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": HOST,
            "SERVER_PORT": "8000",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": HOST,
            "HTTP_HOST": HOST,
            "HTTP_ACCEPT": "text/html,application/json",
            # As behind the production TLS proxy: the request came over HTTPS from some client.
            "HTTP_X_FORWARDED_PROTO": "https",
            "HTTP_X_FORWARDED_FOR": client_address(self.clients),
            "wsgi.version": (1, 0),
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(b""),
            "wsgi.errors": sys.stderr,
            "wsgi.multithread": False,
            "wsgi.multiprocess": True,
            "wsgi.run_once": False,
        }

    def get(self, path: str, query: str = "") -> tuple[int, bytes]:
        status = []
        result = self.app(self.environ(path, query), lambda s, headers, exc_info=None: status.append(s))
        try:
            body = b"".join(result)
        finally:
            result.close()  # request_finished: what a WSGI server does after each response
        return int(status[0].split()[0]), body

    def forget_pages(self) -> None:
        """The state after an editor's save: a new content version, no page or API answer cached for it."""
        self.cache.clear()
        self.mark_content_changed()  # outside a transaction: at once

    def timed(self, path: str, query: str) -> float:
        started = time.perf_counter()
        status, _body = self.get(path, query)
        elapsed = time.perf_counter() - started
        if status != 200:
            raise RuntimeError(f"{path}?{query} answered {status}")
        return elapsed

    def check(self) -> dict:
        """Every scenario answers 200 with what it should show; returns the response sizes."""
        from comparisons.selectors import get_pair

        assert get_pair(family="http", pair=CURATED_PAIR).curated
        assert not get_pair(family="http", pair="-vs-".join(ASSEMBLED_PAIR)).curated
        sizes = {}
        for name, path, query in [TRIVIAL, *SCENARIOS]:
            self.forget_pages()
            status, body = self.get(path, query)
            if status != 200:
                raise RuntimeError(f"{name}: {path}?{query} answered {status}")
            sizes[name] = len(body)
            if name == "comparison, assembled" and b"assembled-note" not in body:
                raise RuntimeError("The assembled comparison page does not say it is assembled.")
            if name == "comparison, curated" and b"assembled-note" in body:
                raise RuntimeError("The curated comparison page is assembled.")
        return sizes

    def query_counts(self) -> dict:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        counts = {}
        for name, path, query in [*SCENARIOS, *OTHER_PAGES]:
            self.forget_pages()
            with CaptureQueriesContext(connection) as uncached:
                self.get(path, query)
            with CaptureQueriesContext(connection) as cached:
                self.get(path, query)
            counts[name] = {"uncached": len(uncached), "cached": len(cached)}
        return counts


def child_measure(out: Path, rounds: int, max_seconds: float, counts_only: bool) -> None:
    site = InProcess()
    report = {"database": database_version()}
    report["sizes"] = site.check()
    report["counts"] = site.query_counts()
    if counts_only:
        out.write_text(json.dumps(report))
        return

    # Warm up what a running server has warm: templates, catalogues, connections.
    for _ in range(3):
        for _name, path, query in [TRIVIAL, *SCENARIOS, *PARTS]:
            site.forget_pages()
            site.get(path, query)
            site.get(path, query)

    # Two phases a round, each in a shuffled order with the trivial view among its requests: whatever
    # follows a full rendering runs slower (caches, garbage collection), so each request is compared with
    # the trivial view timed under the same conditions.
    samples: dict[str, list[float]] = {}
    for name, _path, _query in [TRIVIAL, *SCENARIOS, *PARTS]:
        samples[f"{name}|uncached"] = []
        samples[f"{name}|cached"] = []
    jobs = [TRIVIAL, *SCENARIOS]
    uncached_jobs = [*jobs, *PARTS]  # the parts are never cached: timed with the uncached requests
    rng = random.Random(2024)
    started = time.perf_counter()
    done = 0
    for _round in range(rounds):
        done += 1
        rng.shuffle(uncached_jobs)
        for name, path, query in uncached_jobs:
            if name != TRIVIAL[0]:
                site.forget_pages()
            samples[f"{name}|uncached"].append(site.timed(path, query))
        for _name, path, query in SCENARIOS:
            site.get(path, query)  # stored again: the first phase left nothing cached
        rng.shuffle(jobs)
        for name, path, query in jobs:
            samples[f"{name}|cached"].append(site.timed(path, query))
        if time.perf_counter() - started > max_seconds:
            break
    report["rounds"] = done
    report["seconds"] = time.perf_counter() - started
    report["medians_ms"] = {
        key: statistics.median(values) * 1000 for key, values in samples.items() if values
    }
    report["p90_ms"] = {
        key: statistics.quantiles(values, n=10)[-1] * 1000 if len(values) > 1 else values[0] * 1000
        for key, values in samples.items()
        if values
    }
    # Slow pages, timed a few times each after the rounds, each time right after a save.
    report["other_ms"] = {}
    for name, path, query in OTHER_PAGES:
        times = []
        for _ in range(3):
            site.forget_pages()
            times.append(site.timed(path, query))
        _status, body = site.get(path, query)
        cached = [site.timed(path, query) for _ in range(3)]
        report["other_ms"][name] = {
            "uncached": statistics.median(times) * 1000,
            "cached": statistics.median(cached) * 1000,
            "bytes": len(body),
            "urls": body.count(b"<url>"),
        }
    report["profile"] = profile_uncached(site, COMPARISON_PAGE)
    from codes.pages import COMPARISONS_PER_PAGE
    from config.sitemaps import URLS_PER_FILE

    report["list_sizes"] = {"per_page": COMPARISONS_PER_PAGE, "urls_per_file": URLS_PER_FILE}
    out.write_text(json.dumps(report))


# Where an uncached page's time goes, by the functions that contain it (cumulative time under cProfile).
PROFILE_PARTS = {
    "total": ("codes/pages.py", "wrapper"),
    "template": ("django/template/response.py", "rendered_content"),
    "database": ("django/db/backends/utils.py", "_execute"),
    "sql": ("django/db/models/sql/compiler.py", "as_sql"),
    "instances": ("django/db/models/base.py", "from_db"),
}


def profile_uncached(site: InProcess, path: str, times: int = 20) -> dict:
    """Shares of an uncached page's time, under the profiler (which slows Python more than the database)."""
    import cProfile
    import pstats

    profiler = cProfile.Profile()
    for _ in range(times):
        site.forget_pages()
        profiler.enable()
        site.get(path)
        profiler.disable()
    stats = pstats.Stats(profiler).stats  # {(file, line, function): (cc, nc, tt, ct, callers)}
    seconds = dict.fromkeys(PROFILE_PARTS, 0.0)
    for (filename, _line, function), (_cc, _nc, _tt, cumulative, _callers) in stats.items():
        for part, (suffix, name) in PROFILE_PARTS.items():
            # pstats already sums every call of a function (and counts a recursive one once).
            if function == name and filename.endswith(suffix):
                seconds[part] = max(seconds[part], cumulative)
    total = seconds.pop("total") or 1.0
    return {part: value / total for part, value in seconds.items()}


# ---------------------------------------------------------------------------------------------------
# Outside Django: databases, child processes, gunicorn, nginx and wrk.
# ---------------------------------------------------------------------------------------------------


def local_only(url: str) -> str:
    if not re.match(
        rf"^(?:https?|postgres(?:ql)?|redis)://(?:[^@/]*@)?(?:{HOST}|localhost)(?::\d+)?(?:/|$)", url
    ):
        raise SystemExit(f"The benchmark only talks to {HOST}: refusing {url!r}.")
    return url


def prepare_databases(args) -> dict[str, str]:
    """Fresh, empty databases for both data sets; their URLs."""
    if args.db == "sqlite":
        urls = {}
        for kind in PG_DATABASES:
            path = WORK_DIR / f"{kind}.sqlite3"
            if not args.keep_data:
                for suffix in ("", "-journal", "-wal", "-shm"):
                    Path(f"{path}{suffix}").unlink(missing_ok=True)
            urls[kind] = f"sqlite:///{path}"
        return urls
    import psycopg

    server = local_only(args.postgres.rstrip("/"))
    if not args.keep_data:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as connection:
            for name in PG_DATABASES.values():
                connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
                connection.execute(f'CREATE DATABASE "{name}"')
    return {kind: f"{server}/{name}" for kind, name in PG_DATABASES.items()}


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


def run_child(args, database_url: str, *child_args: str, timeout: float) -> dict:
    out = WORK_DIR / f"child-{secrets.token_hex(4)}.json"
    command = [sys.executable, str(Path(__file__).resolve()), *child_args, "--out", str(out)]
    subprocess.run(command, env=child_env(args, database_url), cwd=BASE_DIR, check=True, timeout=timeout)
    result = json.loads(out.read_text())
    out.unlink()
    return result


def flush_cache(args) -> None:
    if args.cache != "redis":
        return
    import redis

    redis.Redis.from_url(local_only(args.redis)).flushdb()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def fetch(url: str, headers: dict | None = None) -> tuple[int, bytes]:
    local_only(url)
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - 127.0.0.1 only
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError):
            if fetch(url)[0] == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{url} did not come up within {seconds:.0f} s.")


class Processes:
    """Child servers, stopped by their own process ids when the run ends, however it ends."""

    def __init__(self):
        self.running: list[tuple[str, subprocess.Popen, int]] = []

    def start(self, name: str, command: list[str], stop_signal=signal.SIGTERM, **kwargs) -> subprocess.Popen:
        process = subprocess.Popen(command, start_new_session=True, **kwargs)
        self.running.append((name, process, stop_signal))
        return process

    def stop_all(self) -> None:
        for _name, process, stop_signal in reversed(self.running):
            if process.poll() is None:
                process.send_signal(stop_signal)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(timeout=10)
        self.running.clear()


WRK_ROTATING_CLIENTS = """
-- Each request from one of 20,000 client addresses per thread, as a proxy would report them.
local threads = 0
function setup(thread)
  thread:set("offset", threads * 20000)
  threads = threads + 1
end
local n = 0
function request()
  n = n + 1
  local i = offset + n % 20000
  local a, b, c = math.floor(i / 65536) % 256, math.floor(i / 256) % 256, i % 256
  wrk.headers["X-Forwarded-For"] = string.format("10.%d.%d.%d", a, b, c)
  return wrk.format(nil)
end
"""

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * _UNITS[unit]


def wrk(url: str, *, seconds: int, connections: int, threads: int, script: Path | None = None) -> dict:
    local_only(url)
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    command += ["-H", "X-Forwarded-Proto: https"]
    if script:
        command += ["-s", str(script)]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=seconds + 60, check=True
    ).stdout
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "non_2xx_3xx": 0,
        "socket_errors": 0,
    }
    for label in ("50", "99"):
        result[f"p{label}_ms"] = _ms(re.search(rf"^\s+{label}%\s+(\S+)", output, re.MULTILINE).group(1))
    if match := re.search(r"Non-2xx or 3xx responses: (\d+)", output):
        result["non_2xx_3xx"] = int(match.group(1))
    if match := re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output):
        result["socket_errors"] = sum(int(group) for group in match.groups())
    return result


NGINX_CONF = """
worker_processes {workers};
daemon off;
pid {dir}/nginx.pid;
error_log {dir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    client_body_temp_path {dir}/nginx-temp/body;
    proxy_temp_path {dir}/nginx-temp/proxy;
    fastcgi_temp_path {dir}/nginx-temp/fastcgi;
    uwsgi_temp_path {dir}/nginx-temp/uwsgi;
    scgi_temp_path {dir}/nginx-temp/scgi;
    server {{
        listen {host}:{port};
        root {dir}/nginx-root;
        location / {{ index index.html; }}
    }}
}}
"""


def under_servers(args, database_url: str, processes: Processes) -> dict:
    """gunicorn against the trivial view and nginx, then the load runs."""
    env = child_env(args, database_url)
    port = free_port()
    base = f"http://{HOST}:{port}"
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = WORK_DIR / "gunicorn.log"
    log.write_text("")
    say(f"  gunicorn: {args.workers} sync workers on {base}")
    processes.start(
        "gunicorn",
        [
            str(gunicorn),
            "config.wsgi:application",
            "--chdir",
            str(BASE_DIR),
            "--bind",
            f"{HOST}:{port}",
            "--workers",
            str(args.workers),
            "--worker-class",
            "sync",
            "--timeout",
            "30",
            "--log-level",
            "warning",
            "--error-logfile",
            str(log),
        ],
        env=env,
        cwd=BASE_DIR,
    )
    wait_for(f"{base}{TRIVIAL[1]}")
    status, page = fetch(f"{base}{COMPARISON_PAGE}")
    if status != 200 or b"assembled-note" in page:
        raise RuntimeError(f"The curated comparison page answered {status} under gunicorn.")
    result = {"workers": args.workers, "page_bytes": len(page), "throughput": {}, "load": {}}

    targets = {"trivial view": f"{base}{TRIVIAL[1]}", "comparison page, cached": f"{base}{COMPARISON_PAGE}"}
    if shutil.which("nginx"):
        nginx_port = free_port()
        root = WORK_DIR / "nginx-root" / COMPARISON_PAGE.strip("/")
        root.mkdir(parents=True, exist_ok=True)
        (root / "index.html").write_bytes(page)
        for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (WORK_DIR / "nginx-temp" / temp).mkdir(parents=True, exist_ok=True)
        conf = WORK_DIR / "nginx.conf"
        conf.write_text(NGINX_CONF.format(workers=args.workers, dir=WORK_DIR, host=HOST, port=nginx_port))
        say(f"  nginx: {args.workers} workers on http://{HOST}:{nginx_port}, the same HTML as a file")
        processes.start("nginx", ["nginx", "-c", str(conf), "-p", str(WORK_DIR)], stop_signal=signal.SIGQUIT)
        nginx_url = f"http://{HOST}:{nginx_port}{COMPARISON_PAGE}"
        wait_for(nginx_url)
        if fetch(nginx_url)[1] != page:
            raise RuntimeError("nginx does not serve the same HTML.")
        targets["nginx, same HTML as a file"] = nginx_url
    else:
        say("  nginx is not installed: no comparison with a static file")

    runs: dict[str, list[dict]] = {name: [] for name in targets}
    order = list(targets)
    for round_number in range(args.wrk_rounds):
        for name in order[round_number % len(order) :] + order[: round_number % len(order)]:
            run = wrk(
                targets[name],
                seconds=args.wrk_seconds,
                connections=args.wrk_connections,
                threads=args.wrk_threads,
            )
            runs[name].append(run)
            errors = run["non_2xx_3xx"] + run["socket_errors"]
            say(f"    round {round_number + 1}: {name:<28} {run['rps']:>9.0f} req/s  errors {errors}")
    # The machine is shared: rates are compared within each round, where they ran minutes apart at most.
    trivial_runs = runs["trivial view"]
    for name, name_runs in runs.items():
        shares = [run["rps"] / base["rps"] for run, base in zip(name_runs, trivial_runs, strict=True)]
        result["throughput"][name] = {
            "rps": statistics.median(run["rps"] for run in name_runs),
            "runs": [run["rps"] for run in name_runs],
            "shares": shares,
            "share": statistics.median(shares),
            "errors": sum(run["non_2xx_3xx"] + run["socket_errors"] for run in name_runs),
        }
    if "nginx, same HTML as a file" in runs:
        pairs = zip(runs["comparison page, cached"], runs["nginx, same HTML as a file"], strict=True)
        result["page_to_nginx"] = statistics.median(page["rps"] / nginx["rps"] for page, nginx in pairs)

    if args.load_seconds:
        script = WORK_DIR / "rotating-clients.lua"
        script.write_text(WRK_ROTATING_CLIENTS)
        fetch(f"{base}{API_ENDPOINT}")
        for name, path in [("comparison page", COMPARISON_PAGE), ("API comparison detail", API_ENDPOINT)]:
            say(f"  load: {path} for {args.load_seconds} s at {args.load_connections} connections")
            run = wrk(
                f"{base}{path}",
                seconds=args.load_seconds,
                connections=args.load_connections,
                threads=args.wrk_threads,
                script=script,
            )
            run["path"] = path
            result["load"][name] = run
            say(
                f"    {run['requests']} requests, {run['rps']:.0f} req/s, p50 {run['p50_ms']:.1f} ms, "
                f"p99 {run['p99_ms']:.1f} ms, non-2xx/3xx {run['non_2xx_3xx']}, "
                f"socket errors {run['socket_errors']}"
            )
    result["server_errors_logged"] = len(re.findall(r"Traceback|\[ERROR\]", log.read_text()))
    return result


# ---------------------------------------------------------------------------------------------------
# The report.
# ---------------------------------------------------------------------------------------------------


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


def verdicts(results: dict) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for every target of the issue."""
    medians = results["in_process"]["medians_ms"]
    checks = []
    for name in ("comparison, curated", "comparison, assembled"):
        uncached = medians[f"{name}|uncached"] / medians[f"{TRIVIAL[0]}|uncached"]
        cached = medians[f"{name}|cached"] / medians[f"{TRIVIAL[0]}|cached"]
        checks.append(
            (
                f"{name}, uncached ≤ {TARGET_UNCACHED:g}× trivial",
                f"{uncached:.2f}×",
                uncached <= TARGET_UNCACHED,
            )
        )
        checks.append(
            (f"{name}, cached ≤ {TARGET_CACHED:g}× trivial", f"{cached:.2f}×", cached <= TARGET_CACHED)
        )
    small, scale = results["counts_small"], results["in_process"]["counts"]
    equal = small == scale
    checks.append(
        ("query counts equal on the small and the scale data set", "equal" if equal else "differ", equal)
    )
    servers = results.get("servers")
    if servers:
        throughput = servers["throughput"]
        share = throughput["comparison page, cached"]["share"]
        checks.append(
            (
                f"cached comparison page under gunicorn ≥ {TARGET_GUNICORN_SHARE:.0%} of the trivial "
                "view's rate",
                f"{share:.0%}",
                share >= TARGET_GUNICORN_SHARE,
            )
        )
        for name, run in servers["load"].items():
            errors = run["non_2xx_3xx"] + run["socket_errors"]
            checks.append((f"load on the {name}: no errors", f"{errors} errors", errors == 0))
    return checks


def uncached_analysis(results: dict) -> list[str]:
    """Why an uncached comparison page cannot come near the trivial view, with this run's numbers."""
    inproc = results["in_process"]
    medians, shares = inproc["medians_ms"], inproc["profile"]
    page = medians["comparison, curated|uncached"]
    trivial = medians[f"{TRIVIAL[0]}|uncached"]
    queries = inproc["counts"]["comparison, curated"]["uncached"]
    lines = [
        "### Where an uncached comparison page's time goes",
        "",
        f"An uncached comparison page takes {page:.1f} ms with {queries} queries. Under the profiler "
        f"(20 renderings), {shares['template']:.0%} of it is rendering the templates, "
        f"{shares['sql']:.0%} turning querysets into SQL, {shares['database']:.0%} waiting for and "
        f"reading the database and {shares['instances']:.0%} building model instances from the rows; the "
        "rest is building the page: the texts in the active language, the request-path diagram, the "
        "language links.",
        "",
        "Its parts, measured on their own in the same rounds (bench/urls.py), each through the same "
        "middleware as the trivial view, so each includes the trivial view's own time once:",
        "",
        "| part | uncached | × trivial |",
        "|---|---|---|",
    ]
    described = {
        "one query": "one query of the page alone (a comparison's id, found by its two codes)",
        "the page's reads": f"the page's {queries} queries and the objects they build, nothing rendered",
        "the frame": "the frame of every page (head, header, language links, footer) around no content",
    }
    for name, path, _query in PARTS:
        value = medians[f"{name}|uncached"]
        lines.append(f"| {described[name]} `{path}` | {value:.2f} ms | {value / trivial:.1f}× |")
    lines.append(f"| the whole comparison page | {page:.2f} ms | {page / trivial:.1f}× |")
    one_query = medians[f"{PARTS[0][0]}|uncached"] - trivial
    frame = medians[f"{PARTS[2][0]}|uncached"] / trivial
    lines += [
        "",
        f"The target of {TARGET_UNCACHED:g}× the trivial view leaves {TARGET_UNCACHED * trivial:.2f} ms "
        f"for the whole page. One query through Django's ORM adds {one_query:.2f} ms to the trivial view "
        f"({(one_query + trivial) / trivial:.1f}× it), so a page that reads its content in {queries} "
        f"queries is past the target before anything is rendered, and the shared frame alone is "
        f"{frame:.1f}× the trivial view. An uncached page meets the target only if it neither reads the "
        "database nor renders a template: that is what the page cache does (the *cached* column, which "
        "meets its target). Making the uncached page cheaper still pays, for the first visitor after "
        "every save. Found with this benchmark and fixed: the compare form rendered its two lists of "
        "every code through a template per option (half of the rendering time), the codes to pick from "
        "were built as model instances (a plain row each now), the pages read every language's texts of "
        "the codes they show (now the page's language and English), PostgreSQL had no planner "
        "statistics after the bulk load (nested loops over every comparison, 1.4 s a page; the builder "
        "now runs `ANALYZE`, as autovacuum would), and lists read every text column of what they list "
        "(75 ms a page before).",
        "",
    ]
    return lines


def data_set_row(label: str, built: dict, languages: str) -> str:
    cells = [
        label,
        built["codes"],
        built["comparisons"],
        built["published"],
        ", ".join(built["drafts"]) or "0",
        languages,
        f"{built['bytes'] / 2**20:.0f} MiB",
        f"{built['seconds']:.1f} s",
    ]
    return "| " + " | ".join(str(cell) for cell in cells) + " |"


def markdown(results: dict, args) -> str:
    m = results["machine"]
    scale, small = results["build_scale"], results["build_small"]
    inproc = results["in_process"]
    medians, p90 = inproc["medians_ms"], inproc["p90_ms"]
    trivial_u, trivial_c = medians[f"{TRIVIAL[0]}|uncached"], medians[f"{TRIVIAL[0]}|cached"]
    lines = [
        "# Benchmarks",
        "",
        f"Written by `bench/run.py` on {results['finished']}; run it again to replace this file "
        "(how: the README's *Benchmarks* section). All numbers come from one run on the machine below; "
        "compare ratios, not absolute times, across machines.",
        "",
        "## Targets",
        "",
        "| target | measured | met |",
        "|---|---|---|",
        *(
            f"| {target} | {measured} | {'yes' if met else '**no**'} |"
            for target, measured, met in results["verdicts"]
        ),
        "",
        "## Machine",
        "",
        f"- CPU: {m['cpu']}, `nproc` = {m['nproc']}",
        f"- OS: {m['os']}",
        f"- Python {m['python']}, Django {m['django']}, Django REST framework {m['djangorestframework']}, "
        f"psycopg {m['psycopg']}",
        f"- Database: {scale['database']} on {HOST} ({args.db}); cache: "
        + (f"Redis {m['redis']} at `{args.redis}`" if args.cache == "redis" else "local memory, per process"),
        f"- gunicorn {m['gunicorn']}, {m['wrk']}, {m['nginx']}",
        "- Memory (`free -h`):",
        "",
        "```",
        m["free"],
        "```",
        "",
        "## Data sets",
        "",
        "| data set | codes | comparisons | published | drafts | languages | database size | built in |",
        "|---|---|---|---|---|---|---|---|",
        data_set_row("small: content/ as `load_content` loads it", small, "as written"),
        data_set_row("scale: every pair of codes, every text in 12 languages", scale, "12"),
        "",
        f"The scale set generated {scale['code_texts_generated']:,} code texts and "
        f"{scale['comparison_texts_generated']:,} comparison texts from the real sentences of each "
        "language, at the length of the real texts (bench/scale_data.py), with `bulk_create` and "
        f"`bulk_update` (migrations took {scale['migrate_seconds']:.1f} s more). The pair "
        f"{'-vs-'.join(ASSEMBLED_PAIR)} is the one draft, so its page stays assembled.",
        "",
        "## One process, scale data set",
        "",
        f"Median time per request through Django's WSGI handler ({inproc['rounds']} rounds, "
        f"{inproc['seconds']:.0f} s), as a multiple of the trivial view (`/bench/trivial/`, a two-byte "
        "response through the same middleware). *Uncached*: as right after an editor's save, a new "
        "content version and nothing cached for it (neither in Redis nor in the worker's memory); "
        "*cached*: the same request again. Each round times every uncached request and the trivial view "
        "in a shuffled order, then every cached request and the trivial view in another: a request that "
        "follows a full rendering runs slower (processor caches, garbage collection), so each column is "
        "compared with the trivial view of its own phase: "
        f"**{trivial_u:.3f} ms** among the uncached requests, **{trivial_c:.3f} ms** among the cached.",
        "",
        "| request | uncached | × trivial | cached | × trivial | p90 uncached / cached | bytes |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, path, query in SCENARIOS:
        un, ca = medians[f"{name}|uncached"], medians[f"{name}|cached"]
        url = f"{path}?{query}" if query else path
        lines.append(
            f"| {name} `{url}` | {un:.2f} ms | {un / trivial_u:.1f}× | {ca:.3f} ms | {ca / trivial_c:.2f}× | "
            f"{p90[f'{name}|uncached']:.2f} / {p90[f'{name}|cached']:.3f} ms | {inproc['sizes'][name]:,} |"
        )
    lines += [
        "",
        "Search results are never stored (any query is possible); its *cached* column is a second request "
        "with the content version warm.",
        "",
        *uncached_analysis(results),
        "## Queries per request",
        "",
        "| request | small, uncached | scale, uncached | small, cached | scale, cached |",
        "|---|---|---|---|---|",
    ]
    for name, _path, _query in [*SCENARIOS, *OTHER_PAGES]:
        a, b = results["counts_small"][name], inproc["counts"][name]
        lines.append(f"| {name} | {a['uncached']} | {b['uncached']} | {a['cached']} | {b['cached']} |")
    per_page = inproc["list_sizes"]["per_page"]
    lines += [
        "",
        "## Pages that list many comparisons",
        "",
        "No target, but they grow with the data set. Lists of comparisons come in pages of "
        f"{per_page} (the comparison index has {-(-scale['published'] // per_page)} at this scale), "
        f"the sitemap is an index of files of at most {inproc['list_sizes']['urls_per_file']:,} URLs, "
        "one copy for every language; the lists read no text they do not show. Timed on their own "
        "after the rounds: the median of three requests, each right after a save, and of three from "
        "the cache.",
        "",
        "| page | uncached | × trivial | cached | × trivial | size | URLs |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, path, query in OTHER_PAGES:
        other = inproc["other_ms"][name]
        url = f"{path}?{query}" if query else path
        urls = f"{other['urls']:,}" if other["urls"] else "-"
        lines.append(
            f"| {name} `{url}` | {other['uncached']:,.1f} ms | {other['uncached'] / trivial_u:,.0f}× | "
            f"{other['cached']:.3f} ms | {other['cached'] / trivial_c:.2f}× | "
            f"{other['bytes'] / 2**20:.2f} MiB | {urls} |"
        )
    sitemap = inproc["other_ms"]["sitemap file"]
    fits = sitemap["urls"] <= 50_000 and sitemap["bytes"] <= 50 * 10**6
    lines += [
        "",
        f"A sitemap file holds {sitemap['urls']:,} URLs with their alternates "
        f"({sitemap['bytes'] / 2**20:.1f} MiB): "
        + (
            "within the protocol's 50,000 URLs and 50 MB a file."
            if fits
            else "**over the protocol's 50,000 URLs or 50 MB a file.**"
        ),
    ]
    servers = results.get("servers")
    if servers:
        throughput = servers["throughput"]
        lines += [
            "",
            "## Under gunicorn",
            "",
            f"gunicorn with {servers['workers']} sync workers on {HOST}, the scale database, production "
            f"settings; wrk with {args.wrk_threads} threads and {args.wrk_connections} connections, "
            f"{args.wrk_rounds} rounds of {args.wrk_seconds} s per target in rotating order. wrk runs on "
            "the same machine and takes its share of the CPUs, which other work may share too: each rate is "
            "compared with the trivial view's in the same round, and the median of those shares counts. "
            "Sync workers close the connection after each response; nginx keeps it open.",
            "",
            "| target | requests/s, each round | median | share of the trivial view, each round | "
            "median share | errors |",
            "|---|---|---|---|---|---|",
        ]
        for name, run in throughput.items():
            runs = ", ".join(f"{rps:,.0f}" for rps in run["runs"])
            shares = ", ".join(f"{share:.0%}" for share in run["shares"])
            lines.append(
                f"| {name} | {runs} | {run['rps']:,.0f} | {shares} | {run['share']:.0%} | {run['errors']} |"
            )
        page_share = throughput["comparison page, cached"]["share"]
        lines.append("")
        lines.append(
            f"The cached comparison page ({servers['page_bytes']:,} bytes) runs at {page_share:.0%} of the "
            "trivial view's rate"
            + (
                f" and {servers['page_to_nginx']:.0%} of nginx's rate for the same HTML as a file."
                if "page_to_nginx" in servers
                else "."
            )
        )
        if servers["load"]:
            lines += [
                "",
                "## Load",
                "",
                f"wrk, {args.load_seconds} s at {args.load_connections} connections "
                f"({args.wrk_threads} threads), against the same gunicorn; each request from one of "
                f"{args.wrk_threads * 20000:,} client addresses (X-Forwarded-For, trusted from one proxy as "
                "in production), so the API throttle works at its production rate, as for real visitors.",
                "",
                "| target | requests | requests/s | p50 | p99 | non-2xx/3xx | socket errors |",
                "|---|---|---|---|---|---|---|",
            ]
            for name, run in servers["load"].items():
                lines.append(
                    f"| {name} `{run['path']}` | {run['requests']:,} | {run['rps']:.0f} | "
                    f"{run['p50_ms']:.1f} ms | {run['p99_ms']:.1f} ms | {run['non_2xx_3xx']} | "
                    f"{run['socket_errors']} |"
                )
            lines += ["", f"Errors or tracebacks in gunicorn's log: {servers['server_errors_logged']}."]
    lines += [
        "",
        "## Settings of this run",
        "",
        f"`bench/run.py {' '.join(results['argv'])}`".replace("bench/run.py ``", "bench/run.py`"),
        "",
        "`DJANGO_SETTINGS_MODULE=bench.settings` (config.settings plus `/bench/trivial/`), `DJANGO_DEBUG=0`, "
        "a random `DJANGO_SECRET_KEY`, whitenoise's compressed manifest storage after `collectstatic` into "
        f"{WORK_DIR}/static, requests with `X-Forwarded-Proto: https` as from the TLS proxy, "
        "`DATABASE_CONN_MAX_AGE` at its default (60 s) with health checks, `ATLAS_CONTENT_VERSION_LEASE` at "
        "its production default (1 s: a worker re-reads the content version from Redis at most once a "
        "second and keeps the pages it served for that version in memory).",
        "",
    ]
    return "\n".join(lines)


def print_summary(results: dict) -> None:
    inproc = results["in_process"]
    medians = inproc["medians_ms"]
    trivial_u, trivial_c = medians[f"{TRIVIAL[0]}|uncached"], medians[f"{TRIVIAL[0]}|cached"]
    say()
    say(
        f"In one process ({inproc['rounds']} rounds): trivial view {trivial_u:.3f} ms among the uncached "
        f"requests, {trivial_c:.3f} ms among the cached"
    )
    say(f"  {'request':<24} {'uncached':>10} {'×':>6} {'cached':>10} {'×':>6}   queries small/scale")
    for name, _path, _query in SCENARIOS:
        un, ca = medians[f"{name}|uncached"], medians[f"{name}|cached"]
        a, b = results["counts_small"][name], inproc["counts"][name]
        say(
            f"  {name:<24} {un:>8.2f}ms {un / trivial_u:>5.1f}× {ca:>8.3f}ms {ca / trivial_c:>5.2f}×   "
            f"{a['uncached']}/{b['uncached']} uncached, {a['cached']}/{b['cached']} cached"
        )
    for name, _path, _query in OTHER_PAGES:
        other = inproc["other_ms"][name]
        a, b = results["counts_small"][name], inproc["counts"][name]
        say(
            f"  {name:<24} {other['uncached']:>8.1f}ms {other['uncached'] / trivial_u:>5.0f}× "
            f"{other['cached']:>8.3f}ms {other['cached'] / trivial_c:>5.2f}×   "
            f"{a['uncached']}/{b['uncached']} uncached, {a['cached']}/{b['cached']} cached"
        )
    say()
    for target, measured, met in results["verdicts"]:
        say(f"  {'MET   ' if met else 'MISSED'} {target}: {measured}")


# ---------------------------------------------------------------------------------------------------


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument(
        "--postgres", default=f"postgres://postgres@{HOST}:5432", help="server URL, no database"
    )
    parser.add_argument("--cache", choices=["redis", "locmem"], default="redis")
    parser.add_argument(
        "--redis", default=f"redis://{HOST}:6379/14", help="a Redis database the run may flush"
    )
    parser.add_argument("--keep-data", action="store_true", help="reuse the databases of the previous run")
    parser.add_argument(
        "--rounds", type=int, default=300, help="in-process rounds (each times every request)"
    )
    parser.add_argument(
        "--max-seconds", type=float, default=300, help="stop the in-process rounds after this"
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (and nginx workers)")
    parser.add_argument("--wrk-rounds", type=int, default=5)
    parser.add_argument("--wrk-seconds", type=int, default=8)
    parser.add_argument("--wrk-connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--load-seconds", type=int, default=60, help="0 skips the load runs")
    parser.add_argument("--load-connections", type=int, default=64)
    parser.add_argument("--no-servers", action="store_true", help="skip gunicorn, nginx, wrk and the load")
    parser.add_argument(
        "--quick", action="store_true", help="a short smoke run (writes nothing unless --write)"
    )
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md even with --quick")
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.max_seconds = min(args.rounds, 15), min(args.max_seconds, 60)
        args.wrk_rounds, args.wrk_seconds, args.load_seconds = 1, 3, min(args.load_seconds, 5)
    for name in ("rounds", "wrk_rounds", "wrk_seconds", "workers", "wrk_connections", "load_connections"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    local_only(args.redis)
    if not args.no_servers and not shutil.which("wrk"):
        parser.error("wrk is not installed (apt-get install wrk), or pass --no-servers")
    args.secret_key = secrets.token_urlsafe(50)
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    results: dict = {"argv": argv, "machine": machine(args)}
    started = time.monotonic()

    say(f"Databases ({args.db}) and static files")
    urls = prepare_databases(args)
    for kind in ("small", "scale"):
        if args.keep_data and (WORK_DIR / f"build-{kind}.json").exists():
            results[f"build_{kind}"] = json.loads((WORK_DIR / f"build-{kind}.json").read_text())
            say(f"  {kind}: kept from the previous run")
            continue
        report = run_child(args, urls[kind], "_build", kind, timeout=1800)
        (WORK_DIR / f"build-{kind}.json").write_text(json.dumps(report))
        results[f"build_{kind}"] = report
        say(
            f"  {kind}: {report['codes']} codes, {report['comparisons']} comparisons "
            f"({report['published']} published) in {report['seconds']:.1f} s, "
            f"{report['bytes'] / 2**20:.0f} MiB"
        )
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--clear", "-v0"],
        env=child_env(args, urls["scale"]),
        cwd=BASE_DIR,
        check=True,
        timeout=600,
    )

    say("Query counts on the small data set")
    flush_cache(args)
    results["counts_small"] = run_child(args, urls["small"], "_measure", "--counts-only", timeout=600)[
        "counts"
    ]
    say(f"In one process on the scale data set: up to {args.rounds} rounds, {args.max_seconds:.0f} s")
    flush_cache(args)
    results["in_process"] = run_child(
        args,
        urls["scale"],
        "_measure",
        "--rounds",
        str(args.rounds),
        "--max-seconds",
        str(args.max_seconds),
        timeout=args.max_seconds + 600,
    )

    if not args.no_servers:
        say("Under gunicorn")
        flush_cache(args)
        processes = Processes()
        try:
            results["servers"] = under_servers(args, urls["scale"], processes)
        finally:
            processes.stop_all()
    flush_cache(args)

    results["finished"] = datetime.now(tz=UTC).strftime("%Y-%m-%d %H:%M UTC")
    results["verdicts"] = verdicts(results)
    print_summary(results)
    raw = BASE_DIR / "bench" / "results"
    raw.mkdir(exist_ok=True)
    (raw / "latest.json").write_text(json.dumps(results, indent=2, default=str))
    if not args.quick or args.write:
        RESULTS_FILE.write_text(markdown(results, args))
        say(f"\nWrote {RESULTS_FILE.relative_to(BASE_DIR)} ({time.monotonic() - started:.0f} s in all)")
    return 0 if all(met for _target, _measured, met in results["verdicts"]) else 1


def child_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["_build", "_measure"])
    parser.add_argument("kind", nargs="?", choices=["small", "scale"])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--counts-only", action="store_true")
    args = parser.parse_args(argv)
    if args.step == "_build":
        child_build(args.kind, args.out)
    else:
        child_measure(args.out, args.rounds, args.max_seconds, args.counts_only)
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments and arguments[0].startswith("_"):
        sys.exit(child_main(arguments))
    sys.exit(main(arguments))
