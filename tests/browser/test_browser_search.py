"""Suggestions as you type: typed into the header's box, chosen with the keyboard, announced, accessible."""

import re

import pytest
from browser_helpers import PHONE

BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def open_suggestions(page, lang: str, typed: str):
    """The suggestion list of the header's box, open on ``typed``."""
    page.goto(f"/{lang}/http/")
    box = page.locator("#site-search")
    box.press_sequentially(typed, delay=40)
    page.locator(".suggestions [role=option]").first.wait_for()
    return box


def test_typing_shows_suggestions_and_the_keyboard_picks_one(site, page):
    box = open_suggestions(page, "en", "not fo")
    assert box.get_attribute("aria-expanded") == "true"
    options = page.locator(".suggestions [role=option]")
    assert "Not Found" in options.first.inner_text()
    assert "Suggestions" in page.locator(".suggesting [role=status]").first.inner_text()
    box.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    assert options.first.get_attribute("aria-selected") == "true"
    box.press("Enter")
    page.wait_for_url(re.compile(r"/en/http/404/$"))


def test_escape_closes_the_list_and_enter_then_submits_the_form(site, page):
    box = open_suggestions(page, "id", "404")
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("Enter")
    page.wait_for_url(re.compile(r"/id/search/\?q=404$"))


def test_the_open_suggestion_list_has_no_serious_accessibility_violation(site, page, axe):
    open_suggestions(page, "ar", "404")
    results = axe.run(page)
    blocking = [
        f"{violation['id']}: {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]
    assert not blocking, blocking


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_header_list_keeps_names_on_one_line_on_a_desktop_screen(site, page, lang):
    box = open_suggestions(page, lang, "unknown err")
    listed = page.locator(".suggestions").bounding_box()
    assert listed["width"] > box.bounding_box()["width"]
    for option in page.locator(".suggestions [role=option]").all():
        number = option.locator(".suggestion-number").bounding_box()
        assert option.locator(".suggestion-name").bounding_box()["height"] < 1.5 * number["height"]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_list_stays_on_a_phone_screen(site, new_page, lang):
    page = new_page(viewport=PHONE)
    open_suggestions(page, lang, "unknown err")
    listed = page.locator(".suggestions").bounding_box()
    assert listed["x"] >= 0
    assert listed["x"] + listed["width"] <= PHONE["width"]
