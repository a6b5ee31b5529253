"""Pending revisions in a real browser: a translator's German text on a live comparison waits for review,
visitors keep the old text until an editor publishes it, then see the new one at once."""

from browser_helpers import expect, log_in

from comparisons.models import Comparison
from editorial.models import PendingRevision

PAGE = "/de/compare/http/202-vs-520/"
TITLE = "HTTP 202 Accepted vs 520 Web Server Returned an Unknown Error"
NEW_GERMAN = "202 meldet Ihre Anwendung; 520 meldet der Rand von Cloudflare."
BLOCKING = {"serious", "critical"}


def blocking_violations(page, context: str) -> list[str]:
    """What axe finds serious or critical in the part of the page this screen adds to the admin."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, context=context)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


def open_change_form(page, link_text):
    page.goto("/admin/")
    page.locator("tr.model-comparison").get_by_role("link", name="Comparisons").click()
    page.get_by_role("link", name=link_text).click()
    page.wait_for_selector("#comparison_form")


def test_a_translators_german_text_goes_live_only_when_an_editor_publishes_it(
    site, staff, new_page, screenshots
):
    old_german = Comparison.objects.get(slug="202-vs-520").summary_de
    staff("tom", role="translator", languages="de")
    staff("erin", role="editor")
    visitor = new_page()
    visitor.goto(PAGE)
    expect(visitor.get_by_text(old_german)).to_be_visible()

    translator = new_page()
    log_in(translator, "tom")
    open_change_form(translator, TITLE)
    translator.locator("textarea[name=summary_de]").fill(NEW_GERMAN)
    translator.get_by_role("button", name="Save", exact=True).click()
    expect(translator.locator(".messagelist .success")).to_contain_text("saved as a pending revision")
    # Back on the form, which says a revision is waiting and opens it.
    expect(translator.locator(".atlas-pending")).to_contain_text("by tom")
    translator.screenshot(path=screenshots / "revision-pending-on-form.png", full_page=True)

    visitor.reload()
    expect(visitor.get_by_text(old_german)).to_be_visible()
    assert NEW_GERMAN not in visitor.content()

    editor = new_page()
    log_in(editor, "erin")
    editor.goto("/admin/")
    editor.locator("tr.model-pendingrevision").get_by_role("link").first.click()
    editor.locator("#result_list").get_by_role("link", name=TITLE).click()
    expect(editor.locator(".atlas-diff ins").first).to_be_visible()
    expect(editor.get_by_label("Text to publish (you may correct it first)")).to_have_value(NEW_GERMAN)
    editor.screenshot(path=screenshots / "revision-review.png", full_page=True)
    assert not blocking_violations(editor, "#content-main")
    editor.get_by_role("button", name="Publish", exact=True).click()
    expect(editor.locator(".messagelist .success")).to_contain_text("Published: visitors and the API")

    visitor.reload()
    expect(visitor.get_by_text(NEW_GERMAN)).to_be_visible()
    assert old_german not in visitor.content()
    assert PendingRevision.objects.get().state == PendingRevision.State.PUBLISHED
