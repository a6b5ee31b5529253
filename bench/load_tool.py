"""wrk, the load tool of every bench run: one run parsed into numbers, rounds that rotate their targets, and
each target's share of the trivial view's rate measured in the same rounds."""

from __future__ import annotations

import re
import signal
import statistics
import subprocess
import time
from pathlib import Path

from bench.common import local_only, say

_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * _UNITS[unit]


def wrk(
    url: str,
    *,
    seconds: int,
    connections: int,
    threads: int,
    script: Path | None = None,
    timeout: int = 5,
    finished: Path | None = None,
) -> dict:
    """One wrk run. With ``finished``, a script that writes a line to that file when each of its threads
    has all its answers: wrk is stopped once every thread has written one, so that a walk's rate is that
    of the walk itself (wrk otherwise sleeps for the whole duration whether or not its threads stopped)."""
    local_only(url)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--latency",
        "--timeout",
        f"{timeout}s",
    ]
    command += ["-H", "X-Forwarded-Proto: https"]
    if script:
        command += ["-s", str(script)]
    if finished is None:
        output = subprocess.run(
            [*command, url], capture_output=True, text=True, timeout=seconds + 60, check=True
        ).stdout
    else:
        output = _until_every_thread_finished([*command, url], finished, threads, seconds)
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


def _until_every_thread_finished(command: list[str], finished: Path, threads: int, seconds: int) -> str:
    finished.write_text("")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + seconds + 60
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if len(finished.read_text().split()) >= threads:
                process.send_signal(signal.SIGINT)  # wrk prints its summary of the time it really ran
                break
            time.sleep(0.05)
        output, _errors = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    if process.returncode != 0:
        raise subprocess.CalledProcessError(process.returncode, command, output)
    return output


def wrk_rounds(args, targets: dict[str, str]) -> dict[str, list[dict]]:
    """Every target once a round, in an order that rotates from round to round; each target's runs."""
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
    return runs


def shares_of_trivial(runs: dict[str, list[dict]]) -> dict:
    """Each target's rates, and their shares of the trivial view's rate in the same rounds."""
    throughput = {}
    # The machine is shared: rates are compared within each round, where they ran minutes apart at most.
    trivial_runs = runs["trivial view"]
    for name, name_runs in runs.items():
        shares = [run["rps"] / base["rps"] for run, base in zip(name_runs, trivial_runs, strict=True)]
        throughput[name] = {
            "rps": statistics.median(run["rps"] for run in name_runs),
            "runs": [run["rps"] for run in name_runs],
            "shares": shares,
            "share": statistics.median(shares),
            "errors": sum(run["non_2xx_3xx"] + run["socket_errors"] for run in name_runs),
        }
    return throughput
