"""In one process, inside Django (a child process of bench/run.py): every page and API endpoint timed through
Django's WSGI handler against a trivial view, uncached and cached; queries per request; and where an
uncached page's time goes, under the profiler.
"""

from __future__ import annotations

import io
import json
import random
import statistics
import sys
import time
from pathlib import Path

from bench.common import (
    ASSEMBLED_PAIR,
    COMPARISON_PAGE,
    CURATED_PAIR,
    HOST,
    OTHER_PAGES,
    PARTS,
    SCENARIOS,
    TRIVIAL,
    client_address,
    setup_django,
)
from bench.data_sets import database_version


class InProcess:
    """Requests through Django's WSGI handler, as gunicorn calls it, without a network in between."""

    def __init__(self):
        setup_django()
        from django.core.cache import cache
        from django.core.wsgi import get_wsgi_application

        from foundation.versions import mark_content_changed

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

    warm_up(site)
    report.update(timed_rounds(site, rounds, max_seconds))
    report["other_ms"] = time_other_pages(site)
    report["profile"] = profile_uncached(site, COMPARISON_PAGE)
    from config.sitemaps import URLS_PER_FILE
    from foundation.pagination import COMPARISONS_PER_PAGE

    report["list_sizes"] = {"per_page": COMPARISONS_PER_PAGE, "urls_per_file": URLS_PER_FILE}
    out.write_text(json.dumps(report))


def warm_up(site: InProcess) -> None:
    # Warm up what a running server has warm: templates, catalogues, connections.
    for _ in range(3):
        for _name, path, query in [TRIVIAL, *SCENARIOS, *PARTS]:
            site.forget_pages()
            site.get(path, query)
            site.get(path, query)


def timed_rounds(site: InProcess, rounds: int, max_seconds: float) -> dict:
    """The rounds, until there are enough or the time is up: their number, seconds, medians and p90s."""
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
    return {
        "rounds": done,
        "seconds": time.perf_counter() - started,
        "medians_ms": {key: statistics.median(values) * 1000 for key, values in samples.items() if values},
        "p90_ms": {
            key: statistics.quantiles(values, n=10)[-1] * 1000 if len(values) > 1 else values[0] * 1000
            for key, values in samples.items()
            if values
        },
    }


def time_other_pages(site: InProcess) -> dict:
    # Slow pages, timed a few times each after the rounds, each time right after a save.
    other = {}
    for name, path, query in OTHER_PAGES:
        times = []
        for _ in range(3):
            site.forget_pages()
            times.append(site.timed(path, query))
        _status, body = site.get(path, query)
        cached = [site.timed(path, query) for _ in range(3)]
        other[name] = {
            "uncached": statistics.median(times) * 1000,
            "cached": statistics.median(cached) * 1000,
            "bytes": len(body),
            "urls": body.count(b"<url>"),
        }
    return other


# Where an uncached page's time goes, by the functions that contain it (cumulative time under cProfile).
PROFILE_PARTS = {
    "total": ("foundation/caching.py", "wrapper"),
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
