"""The decision guide in a real browser: a visitor walks from the home page to a comparison with the
keyboard alone (Tab and Enter); the guide's pages and an unregistered number's page pass axe (light and
dark, left-to-right and right-to-left) and the Nu HTML Checker."""

import urllib.error
import urllib.request

import pytest
from browser_helpers import expect
from test_browser_accessibility import blocking_violations
from test_browser_validity import errors_of

GUIDE_PAGES = {
    "guide-start": "/{lang}/which-code/",
    "guide-step": "/{lang}/which-code/missing/",
    "unregistered": "/{lang}/http/299/",
}
MAX_TABS = 80


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture
def guide_site(live_server, small_guide):
    return live_server


def tab_to(page, href: str) -> None:
    """Press Tab until the link to ``href`` has the focus, as a keyboard user would."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.getAttribute('href')") == href:
            return
    raise AssertionError(f"no link to {href} within {MAX_TABS} presses of Tab on {page.url}")


def test_a_keyboard_walk_from_the_home_page_to_a_comparison(guide_site, page, screenshots):
    page.goto("/en/")
    tab_to(page, "/en/which-code/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/which-code/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Which status code should my API return?")
    tab_to(page, "/en/which-code/missing/")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/which-code/missing/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Why is it not there?")
    # The focused answer is visibly marked.
    tab_to(page, "/en/compare/http/404-vs-451/")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.screenshot(path=screenshots / "guide-step-focus-en.png")
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/compare/http/404-vs-451/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("404")
    expect(page.get_by_role("heading", level=1)).to_contain_text("451")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", ["en", "id", "ar"])
def test_no_serious_accessibility_violation_on_the_guide(guide_site, new_page, axe, lang, scheme):
    page = new_page(color_scheme=scheme)
    found = {}
    for name, path in GUIDE_PAGES.items():
        page.goto(path.format(lang=lang))
        if violations := blocking_violations(axe, page):
            found[name] = violations
    assert not found, found


def sent_html(base_url: str, path: str) -> str:
    try:
        with urllib.request.urlopen(base_url + path, timeout=30) as response:
            return response.read().decode()
    except urllib.error.HTTPError as error:
        if error.code != 404:  # the unregistered number's page is a 404 with a body; nothing else is
            raise
        return error.read().decode()


def test_the_guide_pages_are_valid_html(guide_site, vnu, tmp_path):
    paths = {}
    for lang in ("en", "id", "ar"):
        for name, path in GUIDE_PAGES.items():
            file = tmp_path / f"{name}-{lang}.html"
            file.write_text(sent_html(guide_site.url, path.format(lang=lang)), encoding="utf-8")
            paths[file] = path.format(lang=lang)
    reports = vnu(list(paths))
    errors = [
        f"{paths[file]} {error}"
        for file in paths
        for error in errors_of(reports.get(str(file), [{"type": "error", "message": "not checked"}]))
    ]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)
