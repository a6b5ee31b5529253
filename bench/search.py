"""Search at scale: cold (right after an editor's save, and in a worker just started) and warm, in one
process against the trivial view; then under gunicorn with wrk, the search endpoints' rates against the
cached comparison page's. Queries rotate through a list of what people type, so no answer is reused
within a round.

    .venv/bin/python bench/search.py --database-url postgres://postgres@127.0.0.1:5432/atlas_search_bench \
        --redis redis://127.0.0.1:6379/2 --port 8120

builds the scale data set there (unless --keep-data), measures, and prints the ratios and the verdicts.
bench/run.py --search runs the same measurements on its own scale database after its own.
"""

from __future__ import annotations

import argparse
import json
import random
import secrets
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.common import BASE_DIR, COMPARISON_PAGE, HOST, TRIVIAL, WORK_DIR, child_env, local_only, say

TARGET_COLD = 5.0  # × the trivial view, in one process
TARGET_LOAD_SHARE = 0.25  # of the cached comparison page's rate, under gunicorn
QUERIES = [
    "timeout", "gatway timeout", "unprocesable", "cloudflar 520", "401 vs 403", "502 oder 504", "not found",
    "payload too large", "too many requests", "request body too large", "nginx 499", "teapot", "rate limit",
    "service unavailable", "bad gateway", "forbidden", "redirect", "cache", "retry after", "proxy",
]  # fmt: skip
KINDS = {
    "search page": ("/en/search/", "q={q}"),
    "search API": ("/api/v1/search/", "q={q}&lang=de"),
    "suggestions": ("/api/v1/search/", "q={q}&lang=en&limit=8"),
}


def _query(template: str, number: int) -> str:
    return template.format(q=quote(QUERIES[number % len(QUERIES)]))


def child_measure(out: Path, rounds: int) -> None:
    """In the child: each round times the trivial view and every search kind cold (a new content version,
    nothing cached, in a worker that served these searches before), in a shuffled order; then the same
    requests again, warm; then a just-started worker. Then the parts of a cold search on their own."""
    from bench.measure import InProcess
    from search import selectors
    from search.index import forget_built, index_for
    from search.ranking import rank

    site = InProcess()
    times: dict[str, list[float]] = {}
    rng = random.Random(7)
    for name, (path, query) in KINDS.items():
        status, _body = site.get(path, _query(query, 0))
        if status != 200:
            raise RuntimeError(f"{name} answered {status}")
    for number in range(rounds):
        for phase in ("cold", "warm", "new worker"):
            order = [
                ("trivial view", TRIVIAL[1], ""),
                *((k, p, _query(q, number)) for k, (p, q) in KINDS.items()),
            ]
            rng.shuffle(order)
            if phase == "cold":
                # A worker in its steady state: it has served every kind (and language) since it started.
                for _name, path, query in order:
                    site.get(path, query)
            for name, path, query in order:
                if name != "trivial view" and phase != "warm":
                    site.forget_pages()
                    if phase == "new worker":
                        forget_built()
                times.setdefault(f"{name}|{phase}", []).append(site.timed(path, query))
        _time_parts(site, times, QUERIES[number % len(QUERIES)], selectors, index_for, rank)
    medians = {key: statistics.median(values) * 1000 for key, values in times.items()}
    out.write_text(json.dumps({"rounds": rounds, "medians_ms": medians}))


def _time_parts(site, times: dict, query: str, selectors, index_for, rank) -> None:
    """What a cold search spends, part by part, beside the trivial view: reading the codes, the index of
    a new content version, the ranking, the search page without results (the frame every page has) and
    an empty API answer (what every API answer goes through)."""

    def timed(call) -> float:
        started = time.perf_counter()
        call()
        return time.perf_counter() - started

    index_for("en")
    site.forget_pages()
    times.setdefault("part: codes read|cold", []).append(timed(lambda: selectors.code_rows(language="en")))
    site.forget_pages()
    times.setdefault("part: index, new version|cold", []).append(timed(lambda: index_for("en")))
    index = index_for("en")
    times.setdefault("part: ranking|cold", []).append(timed(lambda: rank(query, index)))
    site.forget_pages()
    times.setdefault("part: page, no query|cold", []).append(site.timed("/en/search/", ""))
    site.forget_pages()
    empty_answer = site.timed("/bench/parts/api-frame/", "lang=de")
    times.setdefault("part: API, empty answer|cold", []).append(empty_answer)


WRK_QUERIES = """
-- Each request with the next query of the list, from one of many client addresses.
local queries = {QUERIES}
local n = 0
function request()
  n = n + 1
  local q = queries[(n % #queries) + 1]
  wrk.headers["X-Forwarded-For"] = string.format("10.1.%d.%d", math.floor(n / 256) % 256, n % 256)
  return wrk.format(nil, "{PATH}?{BEFORE}" .. q .. "{AFTER}")
end
"""


def _wrk_script(name: str, path: str, query: str) -> Path:
    before, after = query.split("{q}")
    listed = "{" + ", ".join(json.dumps(quote(q)) for q in QUERIES) + "}"
    script = WORK_DIR / f"search-{name.replace(' ', '-')}.lua"
    text = WRK_QUERIES.replace("{QUERIES}", listed).replace("{PATH}", path)
    script.write_text(text.replace("{BEFORE}", before).replace("{AFTER}", after))
    return script


def start_gunicorn(args, database_url: str, processes) -> str:
    """gunicorn on the port given (or a free one), as bench/servers.py starts it."""
    from bench.servers import free_port

    port = getattr(args, "port", None) or free_port()
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "config.wsgi:application", "--chdir", str(BASE_DIR), "--bind", f"{HOST}:{port}"]
    command += ["--workers", str(args.workers), "--worker-class", "sync", "--timeout", "30"]
    command += ["--log-level", "warning", "--error-logfile", str(WORK_DIR / "search-gunicorn.log")]
    processes.start("gunicorn", command, env=child_env(args, database_url), cwd=BASE_DIR)
    return f"http://{HOST}:{port}"


def under_load(args, database_url: str) -> dict:
    from bench.load_tool import wrk
    from bench.servers import Processes, fetch, wait_for

    processes = Processes()
    try:
        base = start_gunicorn(args, database_url, processes)
        wait_for(f"{base}{TRIVIAL[1]}")
        fetch(f"{base}{COMPARISON_PAGE}")
        targets = {"trivial view": (TRIVIAL[1], None), "comparison page, cached": (COMPARISON_PAGE, None)}
        for name, (path, query) in KINDS.items():
            targets[name] = (path, _wrk_script(name, path, query))
        runs: dict[str, list[float]] = {name: [] for name in targets}
        names = list(targets)
        for number in range(args.wrk_rounds):
            for name in names[number % len(names) :] + names[: number % len(names)]:
                path, script = targets[name]
                run = wrk(
                    f"{base}{path}",
                    seconds=args.wrk_seconds,
                    connections=args.wrk_connections,
                    threads=args.wrk_threads,
                    script=script,
                )
                if run["non_2xx_3xx"] + run["socket_errors"]:
                    raise RuntimeError(
                        f"{name}: {run['non_2xx_3xx']} errors, {run['socket_errors']} socket errors"
                    )
                runs[name].append(run["rps"])
                say(
                    f"    round {number + 1}: {name:<26} {run['rps']:>8.0f} req/s, p50 {run['p50_ms']:.1f} ms"
                )
    finally:
        processes.stop_all()
    page = runs["comparison page, cached"]
    return {
        name: {
            "rps": statistics.median(rates),
            "share_of_page": statistics.median(r / p for r, p in zip(rates, page, strict=True)),
        }
        for name, rates in runs.items()
    }


def verdicts(result: dict) -> list[tuple[str, str, bool]]:
    found = []
    medians = result["in_process"]["medians_ms"]
    for name in KINDS:
        for phase in ("cold", "warm"):
            ratio = medians[f"{name}|{phase}"] / medians[f"trivial view|{phase}"]
            found.append(
                (f"{name}, {phase} ≤ {TARGET_COLD:g}× trivial", f"{ratio:.1f}×", ratio <= TARGET_COLD)
            )
    for name in KINDS:
        if name in result.get("load", {}):
            share = result["load"][name]["share_of_page"]
            found.append(
                (f"{name} under load ≥ {TARGET_LOAD_SHARE:.0%} of the cached comparison page", f"{share:.0%}",
                 share >= TARGET_LOAD_SHARE)
            )  # fmt: skip
    return found


def report_section(result: dict) -> list[str]:
    """Search's section of docs/benchmarks.md."""
    medians = result["in_process"]["medians_ms"]
    lines = [
        "",
        "## Search",
        "",
        f"bench/search.py, in one process ({result['in_process']['rounds']} rounds; each round a query of "
        f"{len(QUERIES)} that people type, rotating): *cold* is right after a save (a new content version, "
        "nothing cached; the worker has served every kind of search before), *warm* the same request again "
        "under the same version, *new worker* a worker that has built no index yet. Each is compared with "
        "the trivial view of its own phase. The parts are a cold search's steps on their own.",
        "",
        "| request | phase | median | × trivial |",
        "|---|---|---|---|",
    ]
    for key in sorted(medians, key=lambda key: (key.startswith("part"), key)):
        name, phase = key.split("|")
        if name != "trivial view":
            ratio = medians[key] / medians[f"trivial view|{phase}"]
            lines.append(f"| {name} | {phase} | {medians[key]:.2f} ms | {ratio:.1f}× |")
    if result.get("load"):
        lines += [
            "",
            "Under gunicorn with wrk, the queries rotating, against the cached comparison page of the same "
            "run:",
            "",
            "| target | requests/s | share of the cached comparison page |",
            "|---|---|---|",
        ]
        lines += [
            f"| {name} | {load['rps']:,.0f} | {load['share_of_page']:.0%} |"
            for name, load in result["load"].items()
        ]
    return lines


def print_summary(result: dict) -> None:
    medians = result["in_process"]["medians_ms"]
    say(f"Search in one process ({result['in_process']['rounds']} rounds), medians:")
    for key in sorted(medians):
        name, phase = key.split("|")
        ratio = medians[key] / medians[f"trivial view|{phase}"]
        say(f"  {name:<27} {phase:<10} {medians[key]:>8.2f} ms  {ratio:>6.1f}× trivial")
    for name, load in result.get("load", {}).items():
        say(f"  under load: {name:<26} {load['rps']:>8.0f} req/s  {load['share_of_page']:>5.0%} of the page")
    for target, measured, met in verdicts(result):
        say(f"  {'met ' if met else 'MISS'} {target}: {measured}")


def run(args, database_url: str) -> dict:
    """Both parts on an existing, migrated scale database with collected static files."""
    out = WORK_DIR / f"search-{secrets.token_hex(4)}.json"
    rounds = getattr(args, "search_rounds", 40)
    command = [sys.executable, str(Path(__file__).resolve()), "_measure", "--rounds", str(rounds)]
    subprocess.run([*command, "--out", str(out)], env=child_env(args, database_url), cwd=BASE_DIR, check=True)
    result = {"in_process": json.loads(out.read_text())}
    out.unlink()
    if not args.no_servers:
        result["load"] = under_load(args, database_url)
    result["verdicts"] = verdicts(result)
    print_summary(result)
    return result


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=f"sqlite:///{WORK_DIR}/search-scale.sqlite3")
    parser.add_argument("--redis", default=f"redis://{HOST}:6379/2")
    parser.add_argument("--cache", choices=["redis", "locmem"], default="redis")
    parser.add_argument("--port", type=int, default=8120)
    parser.add_argument("--keep-data", action="store_true")
    parser.add_argument("--search-rounds", type=int, default=40)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--wrk-rounds", type=int, default=3)
    parser.add_argument("--wrk-seconds", type=int, default=5)
    parser.add_argument("--wrk-connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=2)
    parser.add_argument("--no-servers", action="store_true")
    args = parser.parse_args(argv)
    args.secret_key = secrets.token_urlsafe(50)
    local_only(args.redis)
    if not args.database_url.startswith("sqlite"):
        local_only(args.database_url)
    WORK_DIR.mkdir(parents=True, exist_ok=True)
    env = child_env(args, args.database_url)
    if not args.keep_data:
        say("Building the scale data set")
        out = WORK_DIR / "search-build.json"
        build = [sys.executable, str(BASE_DIR / "bench" / "run.py"), "_build", "scale", "--out", str(out)]
        subprocess.run(build, env=env, cwd=BASE_DIR, check=True)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--clear", "-v0"],
        env=env,
        cwd=BASE_DIR,
        check=True,
    )
    started = time.monotonic()
    result = run(args, args.database_url)
    say(f"Done in {time.monotonic() - started:.0f} s")
    return 0 if all(met for _target, _measured, met in result["verdicts"]) else 1


if __name__ == "__main__":
    arguments = sys.argv[1:]
    if arguments and arguments[0] == "_measure":
        child = argparse.ArgumentParser()
        child.add_argument("step")
        child.add_argument("--rounds", type=int, default=40)
        child.add_argument("--out", type=Path, required=True)
        parsed = child.parse_args(arguments)
        from bench.common import setup_django

        setup_django()
        child_measure(parsed.out, parsed.rounds)
        sys.exit(0)
    sys.exit(main(arguments))
