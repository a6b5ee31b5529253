"""Bytes of the API's large answers, measured in one run over the current database (load the published
content first): each answer as served (lean list items, 1.1.0) against the same with ``?html=true`` (the
items as they were before 1.1.0, with ``html``), and each gzip-compressed, as the API sends it to a client
that accepts gzip.

    .venv/bin/python bench/api_payloads.py
"""

import gzip
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

ANSWERS = [
    ("codes, first page (50)", "/api/v1/codes/"),
    ("codes, lang=all, 200 a page", "/api/v1/codes/?page_size=200&lang=all"),
    ("comparisons, first page", "/api/v1/comparisons/"),
    ("comparisons, lang=all", "/api/v1/comparisons/?lang=all"),
    ("export, lang=id", "/api/v1/export/?lang=id"),
    ("export, lang=all", "/api/v1/export/?lang=all"),
]


def size(client, path: str) -> tuple[int, int]:
    response = client.get(path, headers={"accept": "application/json"})
    assert response.status_code == 200, (path, response.status_code)
    return len(response.content), len(gzip.compress(response.content, compresslevel=6))


def main() -> None:
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute"}}
    client = Client()
    print(f"{'answer':32} {'with html':>11} {'lean':>11} {'lean/html':>9} {'gzip lean':>10} {'gzip/lean':>9}")
    for name, path in ANSWERS:
        joiner = "&" if "?" in path else "?"
        full, _ = size(client, f"{path}{joiner}html=true")
        lean, zipped = size(client, path)
        print(f"{name:32} {full:11,} {lean:11,} {lean / full:9.2f} {zipped:10,} {zipped / lean:9.2f}")
    schema = client.get("/api/schema/", headers={"accept": "application/vnd.oai.openapi+json"}).content
    print(f"{'OpenAPI schema (JSON)':32} {'':11} {len(schema):11,} {'':9} {len(gzip.compress(schema)):10,}")


if __name__ == "__main__":
    main()
