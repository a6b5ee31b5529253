"""How much of a warm cache an editor's save leaves valid (a child process of bench/run.py, scale data set).

2,000 addresses drawn at random (seeded): comparison pages, code pages, API code and comparison details in
every language, class pages and API list pages. All are requested once (stored), then one comparison, or
one code, is saved as the admin saves it (a model save in a transaction, its stamps written on commit), and
every address is requested again: one that runs no query was served from the cache, it survived.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

from bench.measure import InProcess

ADDRESSES = 2000


def mixed_addresses(rng: random.Random) -> list[str]:
    from codes.models import StatusCode
    from comparisons.models import Comparison
    from foundation.languages import LANGUAGE_CODES

    codes = list(StatusCode.objects.values_list("family__slug", "slug"))
    pairs = list(Comparison.objects.published().values_list("family__slug", "slug"))
    kinds = [
        (0.55, lambda lang: "/{}/compare/{}/{}/".format(lang, *rng.choice(pairs))),
        (0.20, lambda lang: f"/{lang}/http/{rng.choice(codes)[1]}/"),
        (0.10, lambda lang: "/api/v1/codes/{}/{}/?lang={}".format(*rng.choice(codes), lang)),
        (0.10, lambda lang: "/api/v1/comparisons/{}/{}/?lang={}".format(*rng.choice(pairs), lang)),
        (0.03, lambda lang: f"/{lang}/http/{rng.randint(1, 5)}xx/"),
        (0.02, lambda lang: f"/api/v1/codes/?lang={lang}&page={rng.randint(1, 2)}"),
    ]
    addresses: list[str] = []
    seen: set[str] = set()
    while len(addresses) < ADDRESSES:
        draw, lang = rng.random(), rng.choice(LANGUAGE_CODES)
        for share, make in kinds:
            if draw < share:
                address = make(lang)
                if address not in seen:
                    seen.add(address)
                    addresses.append(address)
                break
            draw -= share
    return addresses


def surviving(site: InProcess, addresses: list[str], save) -> dict:
    """Warm every address, save, and count those still served without a query."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from foundation.versions import CLOCK_MARGIN

    site.forget_pages()
    # What is built within the clock margin of a save counts as possibly older than the save (foundation.
    # versions): the warm cache is the one built after it.
    time.sleep(CLOCK_MARGIN + 0.1)
    for address in addresses:
        site.get(*_split(address))
    saved = save()
    survived, stale = 0, []
    for address in addresses:
        with CaptureQueriesContext(connection) as queries:
            status, _body = site.get(*_split(address))
        if status != 200:
            raise RuntimeError(f"{address} answered {status}")
        if len(queries) == 0:
            survived += 1
        else:
            stale.append(address)
    return {"saved": saved, "survived": survived, "total": len(addresses), "stale_examples": stale[:12]}


def write_walk(out: Path, count: int, seed: int = 18) -> None:
    """``count`` comparison pages, one address a line, drawn at random without repeating one among every
    published pair in every language."""
    from comparisons.models import Comparison
    from foundation.languages import LANGUAGE_CODES

    pairs = list(Comparison.objects.published().order_by("pk").values_list("family__slug", "slug"))
    every = len(pairs) * len(LANGUAGE_CODES)
    picks = random.Random(seed).sample(range(every), min(count, every))
    addresses = []
    for pick in picks:
        family, slug = pairs[pick // len(LANGUAGE_CODES)]
        addresses.append(f"/{LANGUAGE_CODES[pick % len(LANGUAGE_CODES)]}/compare/{family}/{slug}/")
    out.write_text("\n".join(addresses) + "\n")


def _split(address: str) -> tuple[str, str]:
    path, _, query = address.partition("?")
    return path, query


def save_one_comparison(rng: random.Random):
    from django.db import transaction

    from comparisons.models import Comparison

    def save():
        comparison = rng.choice(list(Comparison.objects.published().order_by("pk")))
        comparison.summary_en = f"{comparison.summary_en} (edited)"
        with transaction.atomic():
            comparison.save()
        return f"comparison {comparison.family.slug}/{comparison.slug}, its summary"

    return save


def save_one_code(rng: random.Random):
    from django.db import transaction

    from codes.models import StatusCode

    def save():
        code = rng.choice(list(StatusCode.objects.order_by("pk")))
        code.summary_en = f"{code.summary_en} (edited)"
        with transaction.atomic():
            code.save()
        return f"code {code.family.slug}/{code.slug}, its summary"

    return save


def child_survival(out: Path) -> None:
    site = InProcess()
    rng = random.Random(18)
    addresses = mixed_addresses(rng)
    report = {
        "comparison": surviving(site, addresses, save_one_comparison(rng)),
        "code": surviving(site, addresses, save_one_code(rng)),
    }
    out.write_text(json.dumps(report))
