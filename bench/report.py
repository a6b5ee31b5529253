"""The report: docs/benchmarks.md, section by section, and the raw results in bench/results/latest.json."""

from __future__ import annotations

import json
import time

from bench.common import (
    ASSEMBLED_PAIR,
    BASE_DIR,
    HOST,
    OTHER_PAGES,
    PARTS,
    RESULTS_FILE,
    SCENARIOS,
    TRIVIAL,
    WORK_DIR,
    say,
)
from bench.search import report_section as search_section
from bench.targets import TARGET_COLD


def write_report(results: dict, args, started: float) -> None:
    """The raw results always; docs/benchmarks.md unless the run was --quick without --write."""
    raw = BASE_DIR / "bench" / "results"
    raw.mkdir(exist_ok=True)
    (raw / "latest.json").write_text(json.dumps(results, indent=2, default=str))
    if not args.quick or args.write:
        RESULTS_FILE.write_text(markdown(results, args))
        say(f"\nWrote {RESULTS_FILE.relative_to(BASE_DIR)} ({time.monotonic() - started:.0f} s in all)")


def markdown(results: dict, args) -> str:
    lines = [
        *introduction(results),
        *machine_section(results, args),
        *data_sets_section(results),
        *one_process_section(results),
        *queries_section(results),
        *list_pages_section(results),
    ]
    lines += survival_section(results) + (search_section(results["search"]) if "search" in results else [])
    servers = results.get("servers")
    if servers:
        lines += gunicorn_section(servers, args) + cold_walk_section(servers, args)
        if servers["load"]:
            lines += load_section(servers, args)
    lines += settings_section(results)
    return "\n".join(lines)


def introduction(results: dict) -> list[str]:
    return [
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
    ]


def machine_section(results: dict, args) -> list[str]:
    m = results["machine"]
    scale = results["build_scale"]
    return [
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
    ]


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


def data_sets_section(results: dict) -> list[str]:
    scale, small = results["build_scale"], results["build_small"]
    return [
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
    ]


def one_process_section(results: dict) -> list[str]:
    inproc = results["in_process"]
    medians, p90 = inproc["medians_ms"], inproc["p90_ms"]
    trivial_u, trivial_c = medians[f"{TRIVIAL[0]}|uncached"], medians[f"{TRIVIAL[0]}|cached"]
    lines = [
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
    ]
    return lines


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
    one_query = medians[f"{PARTS[0][0]}|uncached"]
    reads = medians[f"{PARTS[1][0]}|uncached"]
    frame = medians[f"{PARTS[2][0]}|uncached"]
    target = TARGET_COLD["comparison, curated"]
    lines += [
        "",
        f"The target of {target:g}× the trivial view leaves {target * trivial:.2f} ms for the whole page. "
        f"Of this run's {page:.1f} ms, the page's reads alone (its {queries} queries and the objects they "
        f"build, through the same middleware) take {reads:.1f} ms ({reads / trivial:.1f}×), one indexed "
        f"query alone {one_query:.2f} ms ({one_query / trivial:.1f}×) and the empty frame {frame:.1f} ms "
        f"({frame / trivial:.1f}×); the rest, {max(page - reads - frame + trivial, 0):.1f} ms, is building "
        "and rendering the content. *Cold* here is strict: the whole cache is cleared before each request; "
        "the cold walk under gunicorn below measures pages nobody asked for yet on a running site.",
        "",
    ]
    return lines


def survival_section(results: dict) -> list[str]:
    survival = results.get("survival")
    if not survival:
        return []
    lines = [
        "",
        "## What a save leaves cached",
        "",
        "2,000 addresses drawn at random (bench/survival.py: comparison pages, code pages, API code and "
        "comparison details in every language, class pages and API list pages) are requested once, then "
        "one comparison (then one code) is saved as the admin saves it, and every address is requested "
        "again: one that runs no query was served from the cache.",
        "",
        "| save | still cached | stale, for example |",
        "|---|---|---|",
    ]
    for kind in ("comparison", "code"):
        run = survival.get(kind)
        if run:
            examples = ", ".join(f"`{address}`" for address in run["stale_examples"][:6]) or "-"
            lines.append(
                f"| {run['saved']} | {run['survived']:,} of {run['total']:,} "
                f"({run['survived'] / run['total']:.1%}) | {examples} |"
            )
    return lines


def cold_walk_section(servers: dict, args) -> list[str]:
    walk = servers.get("cold_walk")
    if not walk:
        return []
    return [
        "",
        "## Cold walk",
        "",
        f"{walk['addresses']:,} comparison pages drawn at random (seeded) among every published pair in the "
        f"12 languages, each requested once with wrk ({walk['threads']} thread{'s' * (walk['threads'] > 1)}, "
        f"{args.wrk_connections} connections) against the same gunicorn, right after the cache was emptied: "
        "nearly every request builds its page. Then the same addresses once more (each served from the "
        "cache), and the trivial view before and after.",
        "",
        "| run | requests/s | p50 | p99 | share of the trivial view |",
        "|---|---|---|---|---|",
        f"| cold walk | {walk['rps']:,.0f} | {walk['p50_ms']:.1f} ms | {walk['p99_ms']:.1f} ms | "
        f"{walk['share']:.1%} |",
        f"| the same addresses again | {walk['again_rps']:,.0f} | {walk['again_p50_ms']:.1f} ms | - | "
        f"{walk['again_rps'] / walk['trivial_rps']:.1%} |",
        f"| trivial view (before, after) | {walk['trivial_rps']:,.0f} "
        f"({', '.join(f'{rps:,.0f}' for rps in walk['trivial_runs'])}) | - | - | 100% |",
        "",
        f"Errors during the walk: {walk['errors']}.",
    ]


def queries_section(results: dict) -> list[str]:
    inproc = results["in_process"]
    lines = [
        "## Queries per request",
        "",
        "| request | small, uncached | scale, uncached | small, cached | scale, cached |",
        "|---|---|---|---|---|",
    ]
    for name, _path, _query in [*SCENARIOS, *OTHER_PAGES]:
        a, b = results["counts_small"][name], inproc["counts"][name]
        lines.append(f"| {name} | {a['uncached']} | {b['uncached']} | {a['cached']} | {b['cached']} |")
    return lines


def list_pages_section(results: dict) -> list[str]:
    scale, inproc = results["build_scale"], results["in_process"]
    medians = inproc["medians_ms"]
    trivial_u, trivial_c = medians[f"{TRIVIAL[0]}|uncached"], medians[f"{TRIVIAL[0]}|cached"]
    per_page = inproc["list_sizes"]["per_page"]
    lines = [
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
    return lines


def gunicorn_section(servers: dict, args) -> list[str]:
    throughput = servers["throughput"]
    lines = [
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
    return lines


def load_section(servers: dict, args) -> list[str]:
    lines = [
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
    return lines


def settings_section(results: dict) -> list[str]:
    return [
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
