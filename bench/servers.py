"""Outside Django: the scale data set under gunicorn (sync workers), measured with wrk against the trivial
view and against nginx serving the same HTML as a file, then the load runs. Every server is a child process,
stopped by its own process id when the run ends, however it ends.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.common import (
    API_ENDPOINT,
    BASE_DIR,
    COMPARISON_PAGE,
    HOST,
    TRIVIAL,
    WORK_DIR,
    child_env,
    local_only,
    say,
)
from bench.load_tool import shares_of_trivial, wrk, wrk_rounds


def free_port() -> int:
    """A free port: within BENCH_PORTS ("8100-8119") when set (a machine shared with other runs), else any."""
    low, _, high = os.environ.get("BENCH_PORTS", "0-0").partition("-")
    for port in range(int(low), int(high or low) + 1):
        with socket.socket() as sock:
            try:
                sock.bind((HOST, port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"No free port in BENCH_PORTS={os.environ['BENCH_PORTS']}.")


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
    base, log = start_gunicorn(args, database_url, processes)
    wait_for(f"{base}{TRIVIAL[1]}")
    status, page = fetch(f"{base}{COMPARISON_PAGE}")
    if status != 200 or b"assembled-note" in page:
        raise RuntimeError(f"The curated comparison page answered {status} under gunicorn.")
    result = {"workers": args.workers, "page_bytes": len(page), "throughput": {}, "load": {}}

    targets = {"trivial view": f"{base}{TRIVIAL[1]}", "comparison page, cached": f"{base}{COMPARISON_PAGE}"}
    if shutil.which("nginx"):
        targets["nginx, same HTML as a file"] = start_nginx(args, processes, page)
    else:
        say("  nginx is not installed: no comparison with a static file")

    runs = wrk_rounds(args, targets)
    result["throughput"] = shares_of_trivial(runs)
    if "nginx, same HTML as a file" in runs:
        pairs = zip(runs["comparison page, cached"], runs["nginx, same HTML as a file"], strict=True)
        result["page_to_nginx"] = statistics.median(page["rps"] / nginx["rps"] for page, nginx in pairs)

    if args.walk_addresses:
        result["cold_walk"] = cold_walk(args, base, database_url)
    if args.load_seconds:
        result["load"] = load_runs(args, base)
    result["server_errors_logged"] = len(re.findall(r"Traceback|\[ERROR\]", log.read_text()))
    return result


def start_gunicorn(args, database_url: str, processes: Processes) -> tuple[str, Path]:
    """gunicorn on a free port; its base URL and its error log."""
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
    return base, log


def start_nginx(args, processes: Processes, page: bytes) -> str:
    """nginx serving the page as a file, once it serves the same HTML; the page's URL there."""
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
    return nginx_url


def load_runs(args, base: str) -> dict:
    """The load: a comparison page, then an API endpoint, each from many client addresses."""
    load = {}
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
        load[name] = run
        say(
            f"    {run['requests']} requests, {run['rps']:.0f} req/s, p50 {run['p50_ms']:.1f} ms, "
            f"p99 {run['p99_ms']:.1f} ms, non-2xx/3xx {run['non_2xx_3xx']}, "
            f"socket errors {run['socket_errors']}"
        )
    return load


WRK_WALK = """
-- Every address of the list once: thread i of n takes addresses i, i + n, i + 2n, ... and stops after its
-- last answer, writing its number to a file; wrk is stopped when every thread has (bench/load_tool.py), so
-- requests/s are those of the whole walk.
local threads = 0
function setup(thread)
  thread:set("first", threads)
  threads = threads + 1
end
function init(args)
  paths = {}
  for line in io.lines("%(file)s") do paths[#paths + 1] = line end
  step = %(threads)d
  next_index = first + 1
  answered = 0
  mine = 0
  for i = first + 1, #paths, step do mine = mine + 1 end
  if mine == 0 then finished() end
end
function finished()
  local marker = io.open("%(finished)s", "a")
  marker:write(first, "\\n")
  marker:close()
  wrk.thread:stop()
end
function request()
  local path = paths[next_index] or paths[first + 1]
  next_index = next_index + step
  return wrk.format("GET", path)
end
function response(status, headers, body)
  answered = answered + 1
  if answered == mine then finished() end
end
"""


# One wrk thread drives the walk's connections. A wrk thread that has all its answers stops its event loop
# with connections it had already reopened but will never write on; a sync worker that accepts one waits
# for its request until gunicorn's timeout (30 s) while the other threads' requests queue: with two
# threads, a walk of 20,000 cached pages measured 246 and 404 requests/s instead of about 1,200.
WALK_THREADS = 1


def cold_walk(args, base: str, database_url: str) -> dict:
    """Comparison pages in the 12 languages that nobody asked for since the last save, each once, against
    the trivial view's rate measured right before and after (the median of the two)."""
    listing = walk_addresses(args, database_url)
    count = len(listing.read_text().split())
    script = WORK_DIR / "walk.lua"
    finished = WORK_DIR / "walk-finished.txt"
    script.write_text(WRK_WALK % {"file": listing, "threads": WALK_THREADS, "finished": finished})
    trivial = [
        wrk(
            f"{base}{TRIVIAL[1]}",
            seconds=args.wrk_seconds,
            connections=args.wrk_connections,
            threads=args.wrk_threads,
        )
    ]
    say(f"  cold walk: {count:,} comparison addresses in every language, each requested once")
    flush_redis(args)
    fetch(f"{base}{TRIVIAL[1]}")
    # The walk ends when every thread has its answers, or after --walk-seconds on a machine too busy to
    # finish it (the rate is then that of the addresses answered); a cold page may wait behind others.
    walk = wrk(
        f"{base}/",
        seconds=args.walk_seconds,
        connections=args.wrk_connections,
        threads=WALK_THREADS,
        script=script,
        timeout=30,
        finished=finished,
    )
    again = wrk(
        f"{base}/",
        seconds=args.walk_seconds,
        connections=args.wrk_connections,
        threads=WALK_THREADS,
        script=script,
        timeout=30,
        finished=finished,
    )
    trivial.append(
        wrk(
            f"{base}{TRIVIAL[1]}",
            seconds=args.wrk_seconds,
            connections=args.wrk_connections,
            threads=args.wrk_threads,
        )
    )
    trivial_rps = statistics.median(run["rps"] for run in trivial)
    result = {
        "addresses": count,
        "threads": WALK_THREADS,
        "rps": walk["rps"],
        "requests": walk["requests"],
        "p50_ms": walk["p50_ms"],
        "p99_ms": walk["p99_ms"],
        "errors": walk["non_2xx_3xx"] + walk["socket_errors"],
        "again_rps": again["rps"],
        "again_p50_ms": again["p50_ms"],
        "trivial_rps": trivial_rps,
        "trivial_runs": [run["rps"] for run in trivial],
        "share": walk["rps"] / trivial_rps,
    }
    say(
        f"    {walk['requests']:,} requests, {walk['rps']:.0f} req/s, p50 {walk['p50_ms']:.1f} ms, "
        f"p99 {walk['p99_ms']:.1f} ms, errors {result['errors']}; the same again {again['rps']:.0f} req/s; "
        f"trivial view {trivial_rps:.0f} req/s: {result['share']:.1%}"
    )
    return result


def walk_addresses(args, database_url: str) -> Path:
    """A file of ``args.walk_addresses`` comparison addresses (bench/survival.py's write_walk, in a child)."""
    out = WORK_DIR / "walk-addresses.txt"
    subprocess.run(
        [
            sys.executable,
            str(BASE_DIR / "bench" / "run.py"),
            "_walk",
            "--count",
            str(args.walk_addresses),
            "--out",
            str(out),
        ],
        env=child_env(args, database_url),
        cwd=BASE_DIR,
        check=True,
        timeout=300,
    )
    return out


def flush_redis(args) -> None:
    if args.cache == "redis":
        import redis

        redis.Redis.from_url(local_only(args.redis)).flushdb()
