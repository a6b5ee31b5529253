"""The front cache against a file, and two nodes against one, through the production stack (deploy/stack.py).

    .venv/bin/python bench/front_cache.py --database-url postgres://…/atlas_bench_front --redis-url redis://…/14

starts nginx and two gunicorn nodes on 127.0.0.1 (ports 8190-8195 unless --base-port), prepares the database
it is given (migrate, load_content: it must be one it may write to), and measures with wrk over HTTPS, in
alternating rounds within one run:

1. a curated comparison page served from nginx's front cache (X-Cache-Status: HIT) against the same bytes
   served by the same nginx as a static file: target, the cached page at 50 % of the file's rate or more;
2. the same page with the front cache bypassed (a session cookie sends every request to the app: the "cold"
   rate of the nodes) with two nodes, then with one (the other stopped for that measurement), in each round.

Prints every round and the ratios (medians over the rounds); exit status 0 when the target is met.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from deploy.stack import Stack  # noqa: E402

PAGE = "/en/compare/http/401-vs-403/"
STATIC_COPY = "bench/comparison.html"
TARGET = 0.5
UNCACHED = "Cookie: sessionid=bench-not-a-session"


def wrk(url: str, *, seconds: int, connections: int, header: str | None = None) -> float:
    """Requests per second; any non-2xx answer or socket error fails the run."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "5s"]
    if header:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True, timeout=seconds + 60)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", output.stdout)
    if errors:
        raise RuntimeError(f"wrk against {url} saw errors:\n{output.stdout}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", output.stdout).group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", required=True, help="PostgreSQL database the bench may migrate and load"
    )
    parser.add_argument("--redis-url", required=True, help="a Redis database the bench may write to")
    parser.add_argument("--base-port", type=int, default=8190)
    parser.add_argument("--seconds", type=int, default=5, help="per measurement")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per node")
    args = parser.parse_args()
    for tool in ("wrk", "nginx", "openssl"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            print(f"{tool} is missing: apt-get install {tool}", file=sys.stderr)
            return 2

    work_dir = Path(tempfile.mkdtemp(prefix="atlas-bench-front-"))
    env = {"ATLAS_PAGE_THROTTLE_RATE": "", "ATLAS_CACHE_KEY_PREFIX": "atlas-bench-front"}
    stack = Stack(
        work_dir,
        database_url=args.database_url,
        redis_url=args.redis_url,
        base_port=args.base_port,
        workers=args.workers,
        env=env,
    )
    print(f"Preparing the stack in {work_dir} (collectstatic, migrate, load_content)…", flush=True)
    stack.prepare()
    try:
        stack.start()
        status, _headers, page = stack.get(PAGE)
        if status != 200:
            raise RuntimeError(f"{PAGE} answered {status}")
        copy = stack.static_root / STATIC_COPY
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(page)
        if stack.get(PAGE)[1].get("x-cache-status") != "HIT":
            raise RuntimeError("the comparison page is not served from the front cache")
        cached_url, file_url = f"{stack.url}{PAGE}", f"{stack.url}/static/{STATIC_COPY}"
        print(f"Page: {PAGE} ({len(page):,} bytes), {args.connections} connections, {args.seconds} s each\n")

        ratios, two_nodes, one_node = [], [], []
        for round_ in range(1, args.rounds + 1):
            cached = wrk(cached_url, seconds=args.seconds, connections=args.connections)
            static = wrk(file_url, seconds=args.seconds, connections=args.connections)
            ratios.append(cached / static)
            two = wrk(cached_url, seconds=args.seconds, connections=args.connections, header=UNCACHED)
            two_nodes.append(two)
            # The other node stopped for this measurement only: both node counts meet the same moment's load.
            stack.stop_node(1)
            one = wrk(cached_url, seconds=args.seconds, connections=args.connections, header=UNCACHED)
            one_node.append(one)
            stack.start_node(1)
            stack.wait_for_node(1)
            print(
                f"round {round_}: front-cached page {cached:,.0f}/s, static file {static:,.0f}/s "
                f"({cached / static:.0%}); app behind the cache, two nodes {two:,.0f}/s, "
                f"one node {one:,.0f}/s ({two / one:.2f}×)",
                flush=True,
            )
    finally:
        stack.stop()
        shutil.rmtree(work_dir, ignore_errors=True)

    ratio = statistics.median(ratios)
    nodes = statistics.median(two / one for two, one in zip(two_nodes, one_node, strict=True))
    print(f"\nfront-cached page / static file through the same nginx: {ratio:.0%} (target ≥ {TARGET:.0%}: "
          f"{'met' if ratio >= TARGET else 'NOT met'})")  # fmt: skip
    print(f"uncached rate, two nodes / one node: {nodes:.2f}× ({args.workers} workers per node, "
          f"{os.cpu_count()} cores)")  # fmt: skip
    return 0 if ratio >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
