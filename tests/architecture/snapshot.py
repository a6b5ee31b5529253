"""Write what a fixed set of pages and API endpoints answers, to compare two builds of the site.

    python tests/architecture/snapshot.py OUTDIR

Loads the content files into a fresh SQLite database, requests each address in several languages through
Django's test client and writes status, the headers a client relies on and the body of each to OUTDIR, with
what changes from run to run (CSRF tokens, dates, version-derived ETags) masked. `diff -r` of two such folders
shows every difference a visitor or a program would see.
"""

import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

PAGES = [
    "/{lang}/",
    "/{lang}/http/",
    "/{lang}/http/5xx/",
    "/{lang}/http/520/",
    "/{lang}/http/104/",
    "/{lang}/http/451-iis/",
    "/{lang}/compare/",
    "/{lang}/compare/http/202-vs-520/",
    "/{lang}/compare/http/104-vs-429/",
    "/{lang}/compare/http/520-vs-202/",
    "/{lang}/compare/?a=404&b=410",
    "/{lang}/compare/?family=zzz",
    "/{lang}/search/?q=gateway",
    "/{lang}/search/?q=401+vs+403",
    "/{lang}/http/999999/",
    "/{lang}/nope/",
]
API = [
    "/api/v1/",
    "/api/v1/languages/",
    "/api/v1/families/",
    "/api/v1/codes/?lang={lang}",
    "/api/v1/codes/?class=5&official=false&lang={lang}",
    "/api/v1/codes/http/520/?lang={lang}",
    "/api/v1/codes/http/520/?lang=all",
    "/api/v1/comparisons/?lang={lang}",
    "/api/v1/comparisons/http/202-vs-520/?lang={lang}",
    "/api/v1/comparisons/http/104-vs-429/?lang={lang}",
    "/api/v1/codes/http/nope/",
    "/api/v1/codes/?lang=xx",
    "/api/v1/codes/?page=99",
]
OTHER = [
    "/api/schema/",
    "/api/schema/?lang=id",
    "/robots.txt",
    "/sitemap.xml",
    "/sitemap-codes.xml",
    "/sitemap-comparisons.xml",
    "/favicon.ico",
    "/",
]
LANGUAGES = ["en", "id", "ja", "ar"]
HEADERS = ("Content-Type", "Content-Language", "Location", "Vary", "Allow", "X-Robots-Tag", "Link")
MASKS = [
    (re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"'), 'name="csrfmiddlewaretoken" value="…"'),
    (re.compile(r"\b20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?"), "<time>"),
    (re.compile(r"(Last updated|Zuletzt aktualisiert|最終更新)[^<]*"), r"\1 …"),
]


def addresses() -> list[str]:
    paths = [path.format(lang=lang) for lang in LANGUAGES for path in PAGES + API]
    return list(dict.fromkeys(paths + OTHER))


def main(out: Path):
    database = Path(tempfile.mkdtemp()) / "snapshot.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.pop("REDIS_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.conf import settings

    # Error pages as visitors get them, not Django's debug pages (static files stay unhashed).
    settings.DEBUG = False
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    with open(os.devnull, "w") as quiet:
        call_command("load_content", verbosity=0, stdout=quiet)
    client = Client(raise_request_exception=False)
    out.mkdir(parents=True, exist_ok=True)
    for index, path in enumerate(addresses()):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode("utf-8", "replace")
        for pattern, replacement in MASKS:
            text = pattern.sub(replacement, text)
        head = [f"{response.status_code} {path}"]
        head += [f"{name}: {response[name]}" for name in HEADERS if response.has_header(name)]
        name = f"{index:03d}-" + re.sub(r"[^a-z0-9]+", "_", path.lower()).strip("_")[:80]
        (out / f"{name}.txt").write_text("\n".join(head) + "\n\n" + text, encoding="utf-8")
    print(f"{len(addresses())} addresses written to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
