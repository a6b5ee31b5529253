"""The production stack, tested through nginx over HTTPS as visitors and editors meet it
(tests/deploy/conftest.py starts it: nginx, two gunicorn nodes with production settings, PostgreSQL
and Redis).

The tests of this module share one stack and run in file order: the later ones stop and restart nodes.
"""

import gzip
import http.client
import json
import re
import signal
import time

import pytest
from conftest import EDITOR_PASSWORD
from stack_client import Browser, Load

from deploy.stack import CONTENT_VERSION_LEASE, FRONT_CACHE_SECONDS

# What a publish may take to reach a visitor: the front cache's validity, the app's content-version lease,
# and one request's time (README, "Run it in production").
PUBLISH_BOUND_SECONDS = FRONT_CACHE_SECONDS + CONTENT_VERSION_LEASE + 1

pytestmark = pytest.mark.usefixtures("stack")


def test_plain_http_is_redirected_to_the_same_address_over_https(stack):
    connection = http.client.HTTPConnection("127.0.0.1", stack.http_port, timeout=10)
    connection.request("GET", "/id/http/404/?x=1")
    response = connection.getresponse()
    assert response.status == 301
    assert response.getheader("Location") == f"https://127.0.0.1:{stack.https_port}/id/http/404/?x=1"


def test_pages_and_the_api_answer_over_https_compressed(stack):
    status, headers, body = stack.get("/id/http/404/", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert '<html lang="id"' in gzip.decompress(body).decode()
    assert "strict-transport-security" in headers

    status, headers, body = stack.get("/api/v1/codes/http/404/", {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert json.loads(gzip.decompress(body))["number"] == 404

    status, headers, body = stack.get("/api/v1/codes/http/404/")
    assert "content-encoding" not in headers
    assert json.loads(body)["number"] == 404


def test_the_second_visit_is_served_from_the_front_cache(stack):
    assert stack.get("/de/http/418/")[1]["x-cache-status"] == "MISS"
    assert stack.get("/de/http/418/")[1]["x-cache-status"] == "HIT"


def test_an_api_answer_from_the_front_cache_carries_no_stale_rate_limit_count(stack):
    counted = stack.get("/api/v1/codes/http/409/")[1]
    assert counted["x-cache-status"] == "MISS"
    assert int(counted["ratelimit-remaining"]) >= 0
    assert counted["ratelimit-policy"].endswith(";w=60")
    cached = stack.get("/api/v1/codes/http/409/")[1]
    assert cached["x-cache-status"] == "HIT"
    # The limit and its window still hold; the count and the reset were the earlier request's.
    assert cached["ratelimit-limit"] == counted["ratelimit-limit"]
    assert "ratelimit-remaining" not in cached
    assert "ratelimit-reset" not in cached


def test_the_front_cache_keeps_apart_what_a_response_varies_on(stack):
    stack.get("/fr/http/5xx/")
    # Another language, another encoding, another query, another Accept-Language under /api/.
    assert stack.get("/ja/http/5xx/")[1]["x-cache-status"] == "MISS"
    assert stack.get("/fr/http/5xx/", {"Accept-Encoding": "gzip"})[1]["x-cache-status"] == "MISS"
    assert stack.get("/fr/http/5xx/?page=2")[1]["x-cache-status"] == "MISS"

    french = stack.get("/api/v1/codes/http/503/", {"Accept-Language": "fr"})
    turkish = stack.get("/api/v1/codes/http/503/", {"Accept-Language": "tr"})
    assert turkish[1]["x-cache-status"] == "MISS"
    assert json.loads(french[2])["language"] == "fr"
    assert json.loads(turkish[2])["language"] == "tr"
    assert json.loads(stack.get("/api/v1/codes/http/503/", {"Accept-Language": "fr"})[2])["language"] == "fr"


def test_static_files_come_from_nginx_with_a_year_of_immutable_caching(stack):
    page = stack.get("/en/")[2].decode()
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page).group(1)
    status, headers, body = stack.get(stylesheet, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert headers["cache-control"] == "public, max-age=31536000, immutable"
    assert headers["content-encoding"] == "gzip"
    assert "x-cache-status" not in headers  # not the app, not its cache: the file
    assert gzip.decompress(body) == (stack.static_root / stylesheet.removeprefix("/static/")).read_bytes()


def test_the_admin_is_never_cached(stack):
    for _visit in range(2):
        status, headers, _body = stack.get("/admin/login/")
        assert status == 200
        assert "x-cache-status" not in headers


def test_a_logged_in_editor_gets_pages_from_the_app_and_none_enter_the_cache(stack):
    editor = Browser(stack, node=0)
    editor.log_in("stack-editor", EDITOR_PASSWORD)
    cookie = {"Cookie": f"sessionid={editor.cookies['sessionid']}; csrftoken={editor.cookies['csrftoken']}"}
    for _visit in range(2):
        status, headers, _body = stack.get("/ko/http/500/", cookie)
        assert status == 200
        assert headers["x-cache-status"] == "BYPASS"
    assert stack.get("/ko/http/500/")[1]["x-cache-status"] == "MISS"
    # A CSRF cookie alone (a visitor who opened a form) also goes around the cache.
    assert stack.get("/ko/http/500/", {"Cookie": "csrftoken=abc"})[1]["x-cache-status"] == "BYPASS"


def _comparison_id(stack, slug: str) -> int:
    code = f"from comparisons.models import Comparison; print(Comparison.objects.get(slug='{slug}').pk)"
    # The shell may announce what it imported before the printed id.
    return int(stack.manage("shell", "-c", code).split()[-1])


def test_a_publish_on_one_node_reaches_visitors_through_the_other_within_the_bound(stack):
    page, api = "/en/compare/http/401-vs-403/", "/api/v1/comparisons/http/401-vs-403/?lang=en"
    stack.get(page)
    stack.get(api)
    assert stack.get(page)[1]["x-cache-status"] == "HIT"
    assert stack.get(api)[1]["x-cache-status"] == "HIT"

    editor = Browser(stack, node=0)
    editor.log_in("stack-editor", EDITOR_PASSWORD)
    change = f"/admin/comparisons/comparison/{_comparison_id(stack, '401-vs-403')}/change/"
    fields = editor.form(change, "comparison_form")
    summary = "Published through node 0 and served by every node within the bound."
    fields = [[name, summary if name == "summary_en" else value] for name, value in fields]
    status, _headers, body = editor.request("POST", change, [*fields, ["_publish", "1"]])
    assert status == 302, body[:2000]
    published = time.monotonic()

    seen = {}
    while len(seen) < 2 and time.monotonic() - published < PUBLISH_BOUND_SECONDS + 5:
        for path in (page, api):
            if path not in seen and summary in stack.get(path)[2].decode():
                seen[path] = time.monotonic() - published
        time.sleep(0.2)
    assert set(seen) == {page, api}, f"not visible after {PUBLISH_BOUND_SECONDS + 5} s"
    assert max(seen.values()) <= PUBLISH_BOUND_SECONDS, seen


def test_stale_pages_are_served_while_the_app_is_down(stack):
    page = "/tr/http/429/"
    _status, _headers, cached = stack.get(page)
    for node in list(stack.nodes):
        stack.stop_node(node)
    try:
        # Past the front cache's validity: the copy is stale, and no node answers to refresh it.
        time.sleep(FRONT_CACHE_SECONDS + 0.5)
        status, headers, body = stack.get(page)
        assert status == 200
        assert headers["x-cache-status"] == "STALE"
        assert body == cached
        assert stack.get("/tr/http/430-never-cached/")[0] == 502
    finally:
        for node in range(len(stack.node_ports)):
            stack.start_node(node)
        for node in range(len(stack.node_ports)):
            stack.wait_for_node(node)


# Pages that reach the nodes on every request (a session cookie goes around the cache), and cached ones.
UNCACHED = {"Cookie": "sessionid=a-visitor-without-a-session"}
LOAD_PATHS = ["/en/http/404/", "/id/compare/http/401-vs-403/", "/api/v1/codes/http/503/", "/de/"]


def test_killing_a_node_under_load_loses_no_get(stack):
    with Load(stack, LOAD_PATHS, headers=UNCACHED) as uncached, Load(stack, LOAD_PATHS, threads=2) as cached:
        time.sleep(1)
        stack.stop_node(1, signal.SIGKILL)
        time.sleep(3)
    stack.start_node(1)
    stack.wait_for_node(1)
    assert uncached.total > 50
    assert uncached.failed == {}, uncached.statuses
    assert cached.failed == {}, cached.statuses
    assert set(uncached.statuses) == {200}


def test_a_rolling_restart_under_load_answers_no_5xx(stack):
    with Load(stack, LOAD_PATHS, headers=UNCACHED) as uncached, Load(stack, LOAD_PATHS, threads=2) as cached:
        for node in range(len(stack.node_ports)):
            stack.restart_node(node)
    assert uncached.total > 50
    assert uncached.failed == {}, uncached.statuses
    assert cached.failed == {}, cached.statuses
    assert set(uncached.statuses) == {200}
