"""The schema's examples: real answers of the API over the published content (``content/``), recorded by
``manage.py record_api_examples`` into ``examples.json`` beside this module.

Each list in an answer is cut to its first two items, so that the schema stays small; everything else is
the answer as served. The recorded host, ``http://testserver``, becomes the host the schema is served from.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from foundation.api.errors import PROBLEMS, problem_body

EXAMPLES_FILE = Path(__file__).with_name("examples.json")
RECORDED_HOST = "http://testserver"
LIST_ITEMS = 2


@dataclass(frozen=True)
class Example:
    name: str
    summary: str
    path: str
    status: int
    # The operation whose answer it shows; None: every operation's answer of that status.
    operation: str | None
    accept: str = "application/json"


EXAMPLES = [
    Example("root", "The endpoints", "/api/v1/", 200, "root"),
    Example(
        "languages", "The languages, named in Japanese", "/api/v1/languages/?lang=ja", 200, "languages_list"
    ),
    Example("families", "The families", "/api/v1/families/", 200, "families_list"),
    Example("family", "HTTP in German", "/api/v1/families/http/?lang=de", 200, "families_retrieve"),
    Example(
        "japanese-vendor-5xx",
        "Japanese: 5xx codes some vendor defines (page size 2)",
        "/api/v1/codes/?class=5&official=false&lang=ja&page_size=2",
        200,
        "codes_list",
    ),
    Example(
        "404-id", "404 Not Found in Indonesian", "/api/v1/codes/http/404/?lang=id", 200, "codes_retrieve"
    ),
    Example(
        "comparisons",
        "Curated comparisons in Brazilian Portuguese (page size 2)",
        "/api/v1/comparisons/?lang=pt-br&page_size=2",
        200,
        "comparisons_list",
    ),
    Example(
        "202-vs-520-id",
        "202 Accepted vs 520 (Cloudflare) in Indonesian",
        "/api/v1/comparisons/http/202-vs-520/?lang=id",
        200,
        "comparisons_retrieve",
    ),
    Example(
        "520-vs-202",
        "The pair in the other order",
        "/api/v1/comparisons/http/520-vs-202/?lang=id",
        301,
        "comparisons_retrieve",
    ),
    Example("vendors", "Who defines unofficial codes", "/api/v1/vendors/", 200, "vendors_list"),
    Example("problems", "The problem types in Spanish", "/api/v1/problems/?lang=es", 200, "problems_list"),
    Example(
        "problem-type",
        "One problem type in French",
        "/api/v1/problems/no-such-resource/?lang=fr",
        200,
        "problems_retrieve",
    ),
    Example("guide", "The decision guide's steps", "/api/v1/guide/", 200, "guide_list"),
    Example("guide-step", "The guide's first question", "/api/v1/guide/start/", 200, "guide_retrieve"),
    Example("search", "Searching for “gateway”", "/api/v1/search/?q=gateway&limit=2", 200, "search"),
    Example("export", "Everything in Korean (two items a list)", "/api/v1/export/?lang=ko", 200, "export"),
    Example(
        "not-found-id",
        "No such code, in Indonesian",
        "/api/v1/codes/http/nonexistent/?lang=id",
        404,
        None,
    ),
    Example("invalid-class", "An invalid class", "/api/v1/codes/?class=9", 400, None),
    Example("not-acceptable", "`Accept: text/html`", "/api/v1/codes/", 406, None, accept="text/html"),
    Example(
        "unregistered-id",
        "An unregistered number, in Indonesian",
        "/api/v1/codes/http/299/?lang=id",
        404,
        "codes_retrieve",
    ),
]


def cut(value):
    """``value`` with every list cut to its first items."""
    if isinstance(value, dict):
        return {key: cut(item) for key, item in value.items()}
    if isinstance(value, list):
        return [cut(item) for item in value[:LIST_ITEMS]]
    return value


def record(client) -> dict:
    """Each example's answer, from ``client`` (a Django test client over the content)."""
    recorded = {}
    for example in EXAMPLES:
        response = client.get(example.path, headers={"accept": example.accept})
        assert response.status_code == example.status, (example.path, response.status_code)
        recorded[example.name] = cut(response.json())
    return recorded


def recorded() -> dict:
    return json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))


# Problems no request to a healthy server shows: their body as the error handler writes it.
UNRECORDED = {"429": "too-many-requests", "500": "server-error", "503": "service-unavailable"}


def add_examples(schema: dict, server: str) -> None:
    """Put the recorded answers in each operation's responses, on the host the schema is served from; the
    problems every operation may answer are components, written once."""
    bodies = json.loads(EXAMPLES_FILE.read_text(encoding="utf-8").replace(RECORDED_HOST, server))
    shared = schema["components"].setdefault("examples", {})
    for slug in UNRECORDED.values():
        body = problem_body(None, slug)
        body["type"] = server + body["type"]
        shared[slug] = {"summary": str(PROBLEMS[slug].title), "value": body}
    for example in EXAMPLES:
        if example.operation is None:
            shared[example.name] = {
                "summary": example.summary,
                "description": f"`GET {example.path}`",
                "value": bodies[example.name],
            }
    for item in schema["paths"].values():
        for operation in item.values():
            for status, slug in UNRECORDED.items():
                for media in operation["responses"].get(status, {}).get("content", {}).values():
                    media["examples"] = {slug: {"$ref": f"#/components/examples/{slug}"}}
            for example in EXAMPLES:
                if example.operation not in (None, operation["operationId"]):
                    continue
                response = operation["responses"].get(str(example.status))
                for media in (response or {}).get("content", {}).values():
                    media.setdefault("examples", {})[example.name] = (
                        {"$ref": f"#/components/examples/{example.name}"}
                        if example.operation is None
                        else {
                            "summary": example.summary,
                            "description": f"`GET {example.path}`",
                            "value": bodies[example.name],
                        }
                    )
