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
6. Survival (bench/survival.py): the share of 2,000 warm pages and API answers that one comparison's save,
   then one code's, leaves served from the cache.
7. The cold walk (bench/servers.py): under the same gunicorn, 20,000 comparison pages drawn at random among
   every pair in the 12 languages, each requested once with wrk right after the cache is emptied, against
   the trivial view's rate before and after; then the same addresses again.

Every row of the issue's table of targets is printed at the end, met or missed (bench/targets.py).

Production settings throughout (bench/settings.py: config.settings plus /bench/trivial/): DJANGO_DEBUG=0,
a random DJANGO_SECRET_KEY, whitenoise with collectstatic into a temporary STATIC_ROOT, Redis as the cache,
requests marked as coming through the TLS proxy (X-Forwarded-Proto: https), and the API throttle at its
production rate with requests spread over many client addresses (X-Forwarded-For), as real traffic is.

Only 127.0.0.1 is ever contacted. Every loop is bounded and every child process is stopped at the end.

Where things are: bench/common.py (what is measured, the paths, the children's environment),
bench/data_sets.py (step 1), bench/measure.py (steps 2 and 3, in a child process), bench/servers.py (steps 4
and 5), bench/targets.py (the targets and the summary printed at the end), bench/machine.py and
bench/report.py (docs/benchmarks.md). This file holds the command line and the order of the steps.
"""

from __future__ import annotations

import argparse
import json
import secrets
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

# Run as a script, Python puts bench/ itself first on sys.path; the modules beside this one are imported
# from the repository root as the package bench, as bench.settings and bench.scale_data are.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import search as search_bench
from bench.common import BASE_DIR, HOST, WORK_DIR, child_env, local_only, say, setup_django
from bench.data_sets import child_build, prepare_databases
from bench.machine import machine
from bench.measure import child_measure
from bench.report import write_report
from bench.servers import Processes, under_servers
from bench.survival import child_survival, write_walk
from bench.targets import print_summary, verdicts


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


def make_parser() -> argparse.ArgumentParser:
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
    parser.add_argument(
        "--walk-addresses", type=int, default=20000, help="comparison pages of the cold walk (0 skips it)"
    )
    parser.add_argument("--walk-seconds", type=int, default=600, help="at most this long for each walk")
    parser.add_argument("--load-connections", type=int, default=64)
    parser.add_argument("--search", action="store_true", help="also measure search (bench/search.py)")
    parser.add_argument("--no-servers", action="store_true", help="skip gunicorn, nginx, wrk and the load")
    parser.add_argument("--no-survival", action="store_true", help="skip what a save leaves cached")
    parser.add_argument(
        "--quick", action="store_true", help="a short smoke run (writes nothing unless --write)"
    )
    parser.add_argument("--write", action="store_true", help="write docs/benchmarks.md even with --quick")
    return parser


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.quick:
        args.rounds, args.max_seconds = min(args.rounds, 15), min(args.max_seconds, 60)
        args.wrk_rounds, args.wrk_seconds, args.load_seconds = 1, 3, min(args.load_seconds, 5)
        args.walk_addresses = min(args.walk_addresses, 2000)
    if args.walk_addresses < 0:
        parser.error("--walk-addresses must be 0 or more")
    for name in ("rounds", "wrk_rounds", "wrk_seconds", "workers", "wrk_connections", "load_connections"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    local_only(args.redis)
    if not args.no_servers and not shutil.which("wrk"):
        parser.error("wrk is not installed (apt-get install wrk), or pass --no-servers")
    return args


def main(argv: list[str]) -> int:
    args = parse_arguments(argv)
    args.secret_key = secrets.token_urlsafe(50)
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    results: dict = {"argv": argv, "machine": machine(args)}
    started = time.monotonic()

    say(f"Databases ({args.db}) and static files")
    urls = prepare_databases(args)
    build_data_sets(args, urls, results)
    collect_static(args, urls["scale"])
    measure_in_process(args, urls, results)
    if not args.no_survival:
        say("What an editor's save leaves cached: 2,000 mixed addresses, one comparison saved, then one code")
        flush_cache(args)
        results["survival"] = run_child(args, urls["scale"], "_survival", timeout=1800)
    if args.search:
        results["search"] = search_bench.run(args, urls["scale"])
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
    write_report(results, args, started)
    return 0 if all(met for _target, _measured, met in results["verdicts"]) else 1


def build_data_sets(args, urls: dict[str, str], results: dict) -> None:
    """Step 1: each data set built in a child process, or kept from the previous run with --keep-data."""
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


def collect_static(args, database_url: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--clear", "-v0"],
        env=child_env(args, database_url),
        cwd=BASE_DIR,
        check=True,
        timeout=600,
    )


def measure_in_process(args, urls: dict[str, str], results: dict) -> None:
    """Steps 2 and 3, in child processes: query counts on the small data set, the rounds on the scale one."""
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


def child_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("step", choices=["_build", "_measure", "_survival", "_walk"])
    parser.add_argument("kind", nargs="?", choices=["small", "scale"])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--max-seconds", type=float, default=300)
    parser.add_argument("--counts-only", action="store_true")
    parser.add_argument("--count", type=int, default=20000)
    args = parser.parse_args(argv)
    if args.step == "_build":
        child_build(args.kind, args.out)
    elif args.step == "_survival":
        child_survival(args.out)
    elif args.step == "_walk":
        setup_django()
        write_walk(args.out, args.count)
    else:
        child_measure(args.out, args.rounds, args.max_seconds, args.counts_only)
    return 0


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments and arguments[0].startswith("_"):
        sys.exit(child_main(arguments))
    sys.exit(main(arguments))
