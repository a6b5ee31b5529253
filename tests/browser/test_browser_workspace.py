"""The translation workspace in a real browser: a German translator works through the next texts with the
keyboard, sees a dropped code span flagged as they type, sees what changed in the English of an outdated
text, and the status page moves; axe finds nothing serious in the workspace."""

import re

import pytest
import reversion
from browser_helpers import expect, log_in
from django.contrib.auth.models import Group, Permission

from codes.models import StatusCode
from editorial import history
from editorial import workspace as ws
from editorial.roles import TRANSLATORS

BLOCKING = {"serious", "critical"}
SUMMARY_202 = "The server took the request; poll the `Location` it returns."


@pytest.fixture
def german_work(content):
    """A code span in the next missing text, and an English change that makes a German text outdated."""
    code = StatusCode.objects.get(slug="202")
    code.summary_en = SUMMARY_202
    code.save()
    code = StatusCode.objects.get(slug="404")
    history.record_current_state(code)
    code.summary_en = "The server has nothing at this address."
    with reversion.create_revision():
        code.save()


def texts_percent(page) -> str:
    page.goto("/admin/codes/translationstatus/")
    row = page.locator("tr", has=page.get_by_role("link", name="Deutsch", exact=True))
    return row.locator(".atlas-texts-percent").inner_text()


def blocking_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


def test_a_translator_works_through_german_texts_in_the_workspace(
    site, staff, german_work, new_page, screenshots
):
    staff("dora", role="translator", languages="de")
    # Her role publishes her language without review, so her saves move the status page at once.
    Group.objects.get(name=TRANSLATORS).permissions.add(
        Permission.objects.get(codename="publish_own_language")
    )
    page = new_page()
    log_in(page, "dora")
    before = texts_percent(page)

    page.goto("/admin/")
    page.locator("#workspace-module").get_by_role("link", name="Deutsch").click()
    expect(page.locator("#ws-progress-text")).to_contain_text("texts translated and up to date")
    page.screenshot(path=screenshots / "workspace-list-de.png", full_page=True)
    page.locator(".ws-start").click()
    expect(page.locator("h1")).to_contain_text("Title")
    expect(page.locator("h1")).to_contain_text("202 Accepted")

    # Keyboard only: type, then Ctrl+Enter saves and opens the next text.
    page.wait_for_selector("#ws-form[data-ready]")
    page.locator("#ws-text").fill("Angenommen")
    page.keyboard.press("Control+Enter")
    page.wait_for_url(re.compile(r"/summary/$"))
    expect(page.locator("h1")).to_contain_text("Summary")
    page.wait_for_selector("#ws-form[data-ready]")

    field = page.get_by_label("Translation into Deutsch")
    field.fill("Der Server hat die Anfrage angenommen; fragen Sie die angegebene Adresse ab.")
    expect(page.locator("#ws-findings")).to_contain_text("code spans of the source missing: Location")
    page.screenshot(path=screenshots / "workspace-text-de-warning.png", full_page=True)
    field.fill("Der Server hat die Anfrage angenommen; fragen Sie den `Location`-Header ab.")
    expect(page.locator("#ws-findings")).to_have_text("No warnings.")
    expect(page.locator("#ws-preview code")).to_have_text("Location")
    page.get_by_role("button", name="Save and next").click()
    expect(page.locator(".messagelist .success")).to_contain_text("Saved: Summary")
    expect(page.locator("h1")).to_contain_text("520")
    assert StatusCode.objects.get(slug="202").summary_de.startswith("Der Server hat die Anfrage angenommen")

    # An outdated text shows what changed in the English since it was translated.
    page.goto("/admin/workspace/de/?show=outdated")
    page.get_by_role("link", name="Summary").first.click()
    expect(page.locator(".ws-diff del")).to_have_text("URL")
    expect(page.locator(".ws-diff ins")).to_have_text("address")
    page.screenshot(path=screenshots / "workspace-text-de-outdated.png", full_page=True)

    after = texts_percent(page)
    codes, comparisons = ws.records()
    expected = ws.progress_of(ws.all_items("de", codes, comparisons)).percent
    assert after == f"{expected}%"
    assert after != before


def test_axe_finds_nothing_serious_in_the_workspace(site, staff, german_work, new_page):
    staff("dora", role="translator", languages="de")
    page = new_page()
    log_in(page, "dora")
    found = {}
    for path in ("/admin/workspace/de/", "/admin/workspace/de/?show=all"):
        page.goto(path)
        found[path] = blocking_violations(page)
    page.locator(".ws-start").click()
    page.wait_for_selector("#ws-form[data-ready]")
    page.locator("#ws-text").fill("Der Server hat die Anfrage angenommen.")
    expect(page.locator("#ws-findings li")).to_have_count(1)
    found["text"] = blocking_violations(page)
    page.goto("/admin/workspace/de/?show=outdated")
    page.locator(".ws-list a").first.click()
    found["outdated"] = blocking_violations(page)
    assert not any(found.values()), found


def test_text_typed_before_the_session_expired_is_back_after_signing_in_again(
    site, staff, german_work, new_page
):
    staff("dora", role="translator", languages="de")
    page = new_page()
    log_in(page, "dora")
    page.goto("/admin/workspace/de/")
    page.locator(".ws-start").click()
    page.wait_for_selector("#ws-form[data-ready]")
    text_url = page.url
    page.locator("#ws-text").fill("Angenommen, noch nicht gespeichert")
    page.context.clear_cookies(name="sessionid")  # the session ends; the CSRF cookie stays, as it does
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_url("**/admin/login/**")
    assert not StatusCode.objects.get(slug="202").title_de
    log_in(page, "dora")
    page.goto(text_url)
    expect(page.locator("#ws-restored")).to_be_visible()
    expect(page.locator("#ws-text")).to_have_value("Angenommen, noch nicht gespeichert")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    page.goto(text_url)
    expect(page.locator("#ws-restored")).to_be_hidden()
