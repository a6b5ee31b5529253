"""Fault bench: what visitors get while PostgreSQL or Redis hangs or is down, what a query-string flood
costs, and how many of 64 parallel API clients the throttle lets through.

Prints measured numbers; only ever talks to 127.0.0.1 and stops by itself. Needs PostgreSQL (the database
given by --database-url, loaded with content; the Redis-down part edits, renames and deletes in it) and
Redis (--redis-url; only keys under its own prefix are counted). Run: .venv/bin/python bench/faults.py
"""

import argparse
import concurrent.futures
import os
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.faults.hung import hung_service  # noqa: E402

PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "tests.faults.production_like_settings",
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "bench-only-not-secret-" + "x" * 40,
    "DJANGO_SECURE_SSL_REDIRECT": "0",
    # The bench asks from one address, faster than a reader.
    "ATLAS_PAGE_THROTTLE_RATE": "",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str) -> tuple[int, str | None, float]:
    started = time.monotonic()
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.headers.get("Retry-After"), time.monotonic() - started
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After"), time.monotonic() - started


def gunicorn(env: dict, port: int, workers: int = 2) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers),
         "--timeout", "30", "--log-level", "warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("gunicorn did not start")


def hung_database(requests: int) -> None:
    with hung_service() as database:
        env = {**os.environ, **PRODUCTION, "REDIS_URL": "",
               "DATABASE_URL": f"postgres://postgres@127.0.0.1:{database.port}/atlas"}  # fmt: skip
        port = free_port()
        server = gunicorn(env, port)
        try:
            # Each worker loads the URLs, templates and catalogues on its first request (seconds on a busy
            # machine): warm them with robots.txt, which needs no database, so that only the hang is timed.
            with concurrent.futures.ThreadPoolExecutor(8) as pool:
                list(pool.map(lambda _n: fetch(f"http://127.0.0.1:{port}/robots.txt"), range(16)))
            paths = ["/en/http/404/", "/api/v1/codes/http/404/"] * (requests // 2)
            with concurrent.futures.ThreadPoolExecutor(len(paths)) as pool:
                answers = list(pool.map(lambda path: fetch(f"http://127.0.0.1:{port}{path}"), paths))
        finally:
            server.terminate()
            server.wait(10)
    statuses = {status for status, _retry, _seconds in answers}
    with_retry = sum(1 for _status, retry, _seconds in answers if retry)
    slowest = max(seconds for _status, _retry, seconds in answers)
    print(f"hung database: {len(answers)} parallel requests (2 workers): statuses {sorted(statuses)}, "
          f"{with_retry} with Retry-After, slowest answer {slowest:.2f} s "
          "(target: all 503 within 5 s)")  # fmt: skip


def burst(urls: list[str], threads: int = 8) -> list[tuple[int, str]]:
    """GET every URL, several at a time so that every worker answers some; (status, body) of each."""

    def get(url):
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, ""

    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        return list(pool.map(get, urls))


def seconds_until_everywhere(url: str, shows_change, limit: float = 15.0) -> float | None:
    """Ask for the page in bursts until no worker serves the old state for a second; the time since the
    change when the last old answer was seen (None: still old after ``limit``)."""
    started = last_stale = time.monotonic()
    while time.monotonic() - started < limit:
        answers = burst([url] * 16)
        if not all(shows_change(status, body) for status, body in answers):
            last_stale = time.monotonic()
        elif time.monotonic() - last_stale > 1.0:
            return last_stale - started
    return None


def redis_down(database_url: str, workers: int = 4) -> None:
    """Redis down (nothing listens at its address): an editor's save, a vendor rename and a deletion,
    made in another process, reach every gunicorn worker within the content version lease."""
    dead_redis = f"redis://127.0.0.1:{free_port()}/0"
    os.environ.update({**PRODUCTION, "DATABASE_URL": database_url, "REDIS_URL": dead_redis,
                       "ATLAS_CONTENT_VERSION_LEASE": "1"})  # fmt: skip
    import django

    django.setup()
    from codes.models import StatusCode
    from comparisons.models import Comparison

    port = free_port()
    server = gunicorn(dict(os.environ), port, workers=workers)
    base = f"http://127.0.0.1:{port}"
    try:
        code = StatusCode.objects.filter(vendor__isnull=False).select_related("vendor").first()
        comparison = Comparison.objects.filter(status="published").first()
        code_url = f"{base}/en/{code.family.slug}/{code.slug}/"
        compare_url = f"{base}{comparison.get_absolute_url()}"
        burst([code_url, compare_url] * 32)  # every worker holds the pages as they are
        stamp = f"{time.time():.0f}"

        code.summary_en = f"Saved by an editor while Redis is down ({stamp})."
        code.save()
        saved = seconds_until_everywhere(code_url, lambda status, body: f"Redis is down ({stamp})" in body)
        vendor = code.vendor
        vendor.name = f"{vendor.name.split(' (')[0]} ({stamp})"
        vendor.save()
        renamed = seconds_until_everywhere(code_url, lambda status, body: vendor.name in body)
        # The pair's page stays (assembled from the two codes); the curated text must go.
        curated = f"Curated while Redis is down ({stamp})."
        comparison.summary_en = curated
        comparison.save()
        assert seconds_until_everywhere(compare_url, lambda status, body: curated in body) is not None
        comparison.delete()
        deleted = seconds_until_everywhere(compare_url, lambda status, body: curated not in body)
    finally:
        server.terminate()
        server.wait(10)

    def shown(seconds):
        return "still stale after 15 s" if seconds is None else f"{seconds:.1f} s"

    print(f"Redis down, {workers} workers, lease 1 s: an editor's save seen by every worker after "
          f"{shown(saved)}, a vendor rename after {shown(renamed)}, a deletion after {shown(deleted)} "
          "(bound: the lease, 1 s, plus the page's time)")  # fmt: skip


def api_clients(
    database_url: str, redis_url: str, clients: int = 64, workers: int = 4, limit: int = 100
) -> None:
    """64 clients at once from one address against the API's throttle, on freshly started workers and
    again once they run: at most the limit get through (the limit in each worker while Redis is down)."""
    for label, redis in (("Redis up", redis_url), ("Redis down", f"redis://127.0.0.1:{free_port()}/0")):
        env = {**os.environ, **PRODUCTION, "DATABASE_URL": database_url, "REDIS_URL": redis,
               "DJANGO_API_THROTTLE_RATE": f"{limit}/minute"}  # fmt: skip
        port = free_port()
        server = gunicorn(env, port, workers=workers)
        bound = f"{limit + workers}, the limit plus the workers"
        if label == "Redis down":
            bound = f"{limit * workers}, the limit in each worker"
        try:
            for moment in ("just started", "running"):
                # A fresh client address each time: the throttle counts per address as the proxy forwards it.
                request = urllib.request.Request(
                    f"http://127.0.0.1:{port}/api/v1/codes/http/404/",
                    headers={
                        "X-Forwarded-For": f"198.51.{time.time_ns() % 250}.{int(time.time()) % 250 + 1}"
                    },
                )
                with concurrent.futures.ThreadPoolExecutor(clients) as pool:
                    statuses = list(pool.map(fetch_request, [request] * (clients * 5)))
                print(f"API throttle, {label}, workers {moment}: {clients} parallel clients sent "
                      f"{len(statuses)} requests, {statuses.count(200)} got through, {statuses.count(429)} "
                      f"answered 429 (limit {limit}/minute, {workers} workers; bound {bound})")  # fmt: skip
        finally:
            server.terminate()
            server.wait(10)


def fetch_request(request) -> int:
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def in_process(database_url: str, redis_url: str) -> None:
    os.environ.update({**PRODUCTION, "DATABASE_URL": database_url, "REDIS_URL": redis_url,
                       "ATLAS_CONTENT_VERSION_LEASE": "1"})  # fmt: skip
    import django

    django.setup()
    from django.core.cache import caches
    from django.test import Client, override_settings

    from config.settings import redis_cache
    from foundation import cache as breaker_cache

    client = Client(HTTP_X_FORWARDED_PROTO="https")

    def median_ms(path: str, rounds: int = 30) -> float:
        client.get(path)
        times = []
        for _ in range(rounds):
            started = time.perf_counter()
            assert client.get(path).status_code == 200
            times.append(time.perf_counter() - started)
        return statistics.median(times) * 1000

    pages = {"page": "/en/compare/http/202-vs-520/", "API": "/api/v1/codes/http/520/"}
    normal = {name: median_ms(path) for name, path in pages.items()}
    with (
        hung_service() as redis,
        override_settings(CACHES={"default": redis_cache(f"redis://127.0.0.1:{redis.port}/0")}),
    ):
        breaker_cache._breakers.clear()
        hung = {name: median_ms(path) for name, path in pages.items()}
    for name in pages:
        print(f"hung Redis: {name} median {hung[name]:.1f} ms, with Redis answering {normal[name]:.1f} ms "
              f"({hung[name] / normal[name]:.2f}x; target at most 2x)")  # fmt: skip

    breaker_cache._breakers.clear()
    raw = caches["default"].client.get_client()
    before = len(raw.keys("atlas:*"))
    size_before = sum(raw.memory_usage(key) or 0 for key in raw.keys("atlas:*"))
    for number in range(1000):
        client.get(f"/en/http/404/?utm={number}")
    after = len(raw.keys("atlas:*"))
    size_after = sum(raw.memory_usage(key) or 0 for key in raw.keys("atlas:*"))
    print(f"query-string flood: 1,000 distinct ?utm= added {after - before} cache keys, "
          f"{(size_after - size_before) / 1024:.0f} KB "
          "(bound: one entry per page, language and host)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/atlas_bench_small")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/14")
    parser.add_argument("--requests", type=int, default=12)
    parser.add_argument("--only", choices=["hung-database", "redis-down", "api-clients", "in-process"])
    args = parser.parse_args()
    # Each part but hung-database sets Django up with its own settings: run one per process when choosing.
    if args.only in (None, "hung-database"):
        hung_database(args.requests)
    if args.only in (None, "api-clients"):
        api_clients(args.database_url, args.redis_url)
    if args.only == "redis-down":
        redis_down(args.database_url)
    if args.only in (None, "in-process"):
        in_process(args.database_url, args.redis_url)
    if args.only is None:
        command = [sys.executable, __file__, "--only", "redis-down", "--database-url", args.database_url]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
