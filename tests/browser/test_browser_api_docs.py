"""The API's docs (/api/docs/, Swagger UI) as a reader uses them: the schema rendered, every operation opened
and one tried out, no serious or critical axe violation in light or dark mode, and still there once the
throttles are used up."""

import pytest
from browser_helpers import expect
from django.core.cache import cache
from test_browser_accessibility import blocking_violations

DOCS = "/api/docs/"
# Swagger UI draws a schema of this size in a few seconds, longer on a busy machine.
DRAWN_MS = 30_000


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def open_docs(page, path: str = DOCS):
    """The docs once the schema is rendered: the code list's operation is on the page."""
    response = page.goto(path)
    assert response.status == 200
    assert response.headers["content-type"].startswith("text/html")
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/codes/").first).to_be_visible(
        timeout=DRAWN_MS
    )
    return response


def open_every_operation(page) -> int:
    count = page.locator(".opblock-summary-control").count()
    page.evaluate("document.querySelectorAll('.opblock-summary-control').forEach((toggle) => toggle.click())")
    expect(page.locator(".opblock-body")).to_have_count(count, timeout=DRAWN_MS)
    # Parameters and responses are drawn a moment after the body opens.
    expect(page.locator(".opblock-body .responses-wrapper")).to_have_count(count, timeout=DRAWN_MS)
    return count


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_api_docs_pass_axe_with_every_operation_open(site, new_page, axe, screenshots, scheme):
    page = new_page(color_scheme=scheme)
    open_docs(page)
    assert page.locator("html").get_attribute("lang") == "en"
    # Once drawn, one main landmark and one level-one heading (both Swagger UI's), as on every page.
    expect(page.get_by_role("main")).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    expect(page.get_by_role("heading", level=1)).to_contain_text("HTTP Status Atlas API")
    # Swagger UI's own dark theme follows the reader's system.
    dark = page.evaluate("document.documentElement.classList.contains('dark-mode')")
    assert dark == (scheme == "dark")
    assert open_every_operation(page) >= 10
    # And one of them tried out: its form, the request it sent and the answer it got.
    codes = page.locator(".opblock", has=page.locator(".opblock-summary-path", has_text="/api/v1/codes/"))
    codes.first.get_by_role("button", name="Try it out").click()
    codes.first.get_by_role("button", name="Execute").click()
    expect(codes.first.locator(".live-responses-table .response-col_status:not(.col_header)")).to_have_text(
        "200", timeout=DRAWN_MS
    )
    page.screenshot(path=screenshots / f"api-docs-{scheme}.png")
    assert blocking_violations(axe, page) == []


def test_the_docs_page_speaks_the_asked_language(site, page):
    open_docs(page, DOCS + "?lang=id")
    assert page.locator("html").get_attribute("lang") == "id"
    # The schema behind it is the Indonesian one (tests/api/test_api_schema_language.py reads its texts).
    expect(page.get_by_role("link", name="/api/schema/?lang=id")).to_be_visible(timeout=DRAWN_MS)


def test_the_docs_still_load_once_the_throttles_are_used_up(site, page, settings):
    # Hourly windows: a minute's window could end between two of these requests and start the count again.
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/hour"}}
    settings.ATLAS_PAGE_THROTTLE_RATE = "1/hour"
    cache.clear()
    api = [page.request.get("/api/v1/").status for _ in range(3)]
    pages = [page.request.get("/en/").status for _ in range(2)]
    assert api == [200, 200, 429]
    assert pages == [200, 429]
    for _ in range(2):
        open_docs(page)
        assert page.locator("#swagger-ui .information-container").is_visible()
    # The API itself is still refused to this address: only the docs and their schema are free.
    assert page.request.get("/api/v1/").status == 429
