"""The targets of the issue, whether a run met them, and the summary printed at the end of a run."""

from __future__ import annotations

from bench.common import OTHER_PAGES, SCENARIOS, TRIVIAL, say

# Cold: right after an editor's save, nothing cached. Each as a multiple of the trivial view's time in the
# same rounds (requests of the in-process scenarios) or of its median around them (the list pages).
TARGET_COLD = {
    "comparison, curated": 10.0,
    "comparison, assembled": 10.0,
    "code page": 10.0,
    "API comparison detail": 5.0,
    "API code detail": 12.0,
    "API code list": 15.0,
    "API comparison list": 15.0,
    "home page": 20.0,
    "class page": 20.0,
    "comparison index": 20.0,
    "sitemap file": 1000.0,
    "one query": 1.5,
}
TARGET_CACHED = 1.5
TARGET_GUNICORN_SHARE = 0.75
# The walk over comparison pages nobody asked for yet, as a share of the trivial view's rate.
TARGET_COLD_WALK_SHARE = 0.10
# Shares of a warm cache of 2,000 mixed addresses still valid after one save.
TARGET_SURVIVAL = {"comparison": 0.99, "code": 0.95}


def cold_ratios(results: dict) -> dict[str, float]:
    """Every cold request of the targets as a multiple of the trivial view."""
    inproc = results["in_process"]
    medians = inproc["medians_ms"]
    trivial = medians[f"{TRIVIAL[0]}|uncached"]
    ratios = {}
    for name in TARGET_COLD:
        if f"{name}|uncached" in medians:
            ratios[name] = medians[f"{name}|uncached"] / trivial
        elif name in inproc.get("other_ms", {}):
            ratios[name] = inproc["other_ms"][name]["uncached"] / trivial
    return ratios


def verdicts(results: dict) -> list[tuple[str, str, bool]]:
    """(target, measured, met) for every target of the issue."""
    medians = results["in_process"]["medians_ms"]
    checks = []
    for name, ratio in cold_ratios(results).items():
        target = TARGET_COLD[name]
        checks.append((f"{name}, cold ≤ {target:,g}× trivial", f"{ratio:,.2f}×", ratio <= target))
    for name in ("comparison, curated", "comparison, assembled", "code page"):
        cached = medians[f"{name}|cached"] / medians[f"{TRIVIAL[0]}|cached"]
        checks.append(
            (f"{name}, cached ≤ {TARGET_CACHED:g}× trivial", f"{cached:.2f}×", cached <= TARGET_CACHED)
        )
    small, scale = results["counts_small"], results["in_process"]["counts"]
    equal = small == scale
    checks.append(
        ("query counts equal on the small and the scale data set", "equal" if equal else "differ", equal)
    )
    for kind, share in TARGET_SURVIVAL.items():
        run = results.get("survival", {}).get(kind)
        if run:
            measured = run["survived"] / run["total"]
            checks.append(
                (
                    f"a save of one {kind} leaves ≥ {share:.0%} of {run['total']:,} cached addresses valid",
                    f"{measured:.1%} ({run['saved']})",
                    measured >= share,
                )
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
        walk = servers.get("cold_walk")
        if walk:
            checks.append(
                (
                    f"cold walk over {walk['addresses']:,} comparison addresses ≥ "
                    f"{TARGET_COLD_WALK_SHARE:.0%} of the trivial view's rate",
                    f"{walk['share']:.1%} ({walk['rps']:,.0f} against {walk['trivial_rps']:,.0f} req/s)",
                    walk["share"] >= TARGET_COLD_WALK_SHARE,
                )
            )
        for name, run in servers["load"].items():
            errors = run["non_2xx_3xx"] + run["socket_errors"]
            checks.append((f"load on the {name}: no errors", f"{errors} errors", errors == 0))
    # Search's own targets (bench/search.py), when the run measured them.
    checks += [tuple(verdict) for verdict in results.get("search", {}).get("verdicts", [])]
    return checks


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
