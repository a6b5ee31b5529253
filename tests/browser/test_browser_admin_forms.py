"""The admin's change forms in a real browser: language tabs by their own names with a state mark, Arabic
typed right to left, the code picker's exact number with Enter, lists edited line by line, a warning before
leaving a changed form (none when saving), a preview that switches languages and returns to the same form,
keyboard use, and axe finding nothing serious or critical."""

import json
import re
import time

import pytest
from browser_helpers import STAFF_LOGIN_PW, expect, log_in

from codes.models import StatusCode
from comparisons.models import Comparison
from editorial.revisions import pending_for

BLOCKING = {"serious", "critical"}


@pytest.fixture
def outdated_german(content):
    comparison = Comparison.objects.get(slug="202-vs-520")
    comparison.summary_de = "202 kommt von Ihrer Anwendung; 520 vom Cloudflare-Edge."
    comparison.save()
    comparison.summary_en = "202 comes from your application; 520 from Cloudflare's edge network."
    comparison.save()
    comparison.when_to_use_de = "Geben Sie 202 für angenommene Hintergrundarbeit zurück; 520 nie selbst."
    comparison.save()
    return comparison


def comparison_form(page, comparison):
    page.goto(f"/admin/comparisons/comparison/{comparison.pk}/change/")
    page.wait_for_selector("#comparison_form[data-atlas-ready]")


def log_in_in_any_language(page, username):
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(STAFF_LOGIN_PW)
    page.locator("#login-form [type=submit]").click()
    page.wait_for_url("**/admin/")


def blocking_violations(page) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


def test_tabs_name_languages_by_their_own_names_with_the_state_of_each_text(
    site, staff, outdated_german, new_page, screenshots
):
    staff("erin", role="editor")
    for locale, lang in (("de-DE", "de"), ("ar", "ar")):
        # The admin speaks the browser's language.
        page = new_page(locale=locale, extra_http_headers={"Accept-Language": locale})
        log_in_in_any_language(page, "erin")
        comparison_form(page, outdated_german)
        summary_tabs = page.locator(".field-summary_en").locator(
            "xpath=ancestor::div[contains(@class,'ui-tabs')]"
        )
        tab = summary_tabs.get_by_role("tab", name=re.compile("^Deutsch"))
        # The tab's name says the state too, for screen readers; sighted people see the mark.
        expect(tab).to_have_accessible_name(re.compile(r"Deutsch.*(outdated|veraltet|قديم)"))
        expect(tab).to_contain_text("↻")
        expect(summary_tabs.get_by_role("tab", name=re.compile("^日本語"))).to_contain_text("✗")
        expect(summary_tabs.get_by_role("tab", name=re.compile("^Bahasa Indonesia"))).to_contain_text("↻")
        when_tabs = page.locator(".field-when_to_use_en").locator(
            "xpath=ancestor::div[contains(@class,'ui-tabs')]"
        )
        expect(when_tabs.get_by_role("tab", name=re.compile("^Deutsch"))).to_contain_text("✓")
        switch = page.locator("#modeltranslation-main-switch")
        expect(page.locator("label[for=modeltranslation-main-switch]")).to_be_visible()
        switch.select_option(label="العربيّة" if lang == "ar" else "Deutsch")
        field = page.locator(f"textarea[name=summary_{lang}]")
        expect(field).to_be_visible()
        assert field.evaluate("el => getComputedStyle(el).direction") == ("rtl" if lang == "ar" else "ltr")
        assert field.get_attribute("lang") == lang
        if lang == "ar":
            field.fill("202 يأتي من تطبيقك؛ 520 من حافة Cloudflare.")
        page.screenshot(path=screenshots / f"admin-change-form-{lang}.png", full_page=False)


def test_the_code_picker_selects_the_exact_number_with_enter(site, staff, new_page):
    not_found = StatusCode.objects.get(slug="404")
    not_found.description_en = "Unlike a 520, a 404 comes from the origin; 451 and 202 are others."
    not_found.save()
    staff("erin", role="editor")
    page = new_page()
    log_in(page, "erin")
    page.goto("/admin/comparisons/comparison/add/")
    for field, number in (("code_a", "520"), ("code_b", "202")):
        page.locator(f".field-{field} .select2-selection").click()
        page.keyboard.type(number)
        expect(page.locator(".select2-results__option--highlighted")).to_contain_text(number)
        page.keyboard.press("Enter")
        expect(page.locator(f"#select2-id_{field}-container")).to_contain_text(f"{number} ")


def test_lists_of_texts_are_edited_line_by_line(site, staff, new_page):
    code = StatusCode.objects.get(slug="520")
    code.former_names = ["Origin Error", "Unknown"]
    code.save()
    staff("erin", role="editor")
    page = new_page()
    log_in(page, "erin")
    page.goto(f"/admin/codes/statuscode/{code.pk}/change/")
    page.wait_for_selector("#statuscode_form[data-atlas-ready]")
    names = page.locator(".field-former_names")
    names.get_by_role("button", name="Remove").nth(1).click()
    names.get_by_role("button", name="Add a line").click()
    page.keyboard.type("Web Server Error")
    page.locator(".field-emitted_by").get_by_label("CDN").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    saved = StatusCode.objects.get(slug="520")
    assert saved.former_names == ["Origin Error", "Web Server Error"]
    assert "cdn" in saved.emitted_by


def test_leaving_a_changed_form_asks_first_and_saving_does_not(site, staff, outdated_german, new_page):
    staff("tom", role="translator", languages="de")
    page = new_page()
    log_in(page, "tom")
    comparison_form(page, outdated_german)
    dialogs = []

    def answer(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    # Unchanged: leaving asks nothing.
    page.goto("/admin/")
    assert dialogs == []
    comparison_form(page, outdated_german)
    page.locator("textarea[name=key_differences_de]").click()
    page.keyboard.type("Geben Sie 202 zurück.")
    # Following a link away is held up: the dialog is dismissed, so the form stays with its text.
    page.get_by_role("link", name="Comparisons").first.click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    expect(page.locator("textarea[name=key_differences_de]")).to_have_value("Geben Sie 202 zurück.")
    # Saving is leaving on purpose: no question.
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    assert dialogs == ["beforeunload"]
    # A translator's change to a live comparison waits for review: what was typed is kept there.
    (proposal,) = pending_for(outdated_german, languages=["de"])
    assert proposal.values == {"key_differences_de": "Geben Sie 202 zurück."}


def test_the_preview_switches_language_and_returns_to_the_same_form(site, staff, outdated_german, new_page):
    staff("erin", role="editor")
    page = new_page()
    log_in(page, "erin")
    comparison_form(page, outdated_german)
    page.locator("#modeltranslation-main-switch").select_option(label="Deutsch")
    page.locator("textarea[name=summary_de]").fill("Noch nicht gespeichert: 202 kommt von Ihnen.")
    page.locator("#atlas-preview-language").select_option("de")
    with page.context.expect_page() as opened:
        page.get_by_role("button", name=re.compile("Preview")).click()
    preview = opened.value
    expect(preview.locator(".atlas-preview-banner")).to_contain_text("Deutsch")
    expect(preview.get_by_text("Noch nicht gespeichert: 202 kommt von Ihnen.")).to_be_visible()
    # The page's own language switcher shows the same unsaved input in another language's preview.
    preview.locator(".lang-switch summary").click()
    preview.locator(".lang-switch a[hreflang=ja]").click()
    expect(preview.locator(".atlas-preview-banner")).to_contain_text("日本語")
    assert "/preview/" in preview.url
    # And back: the preview closes onto the very form, the unsaved text still in it.
    with preview.expect_event("close"):
        preview.get_by_role("link", name="Back to the form").click()
    assert len(page.context.pages) == 1
    expect(page.locator("textarea[name=summary_de]")).to_have_value(
        "Noch nicht gespeichert: 202 kommt von Ihnen."
    )


def test_language_tabs_work_with_the_keyboard(site, staff, outdated_german, new_page):
    staff("erin", role="editor")
    page = new_page()
    log_in(page, "erin")
    comparison_form(page, outdated_german)
    tabs = page.locator(".field-summary_en").locator("xpath=ancestor::div[contains(@class,'ui-tabs')]")
    tabs.get_by_role("tab", name=re.compile("^English")).focus()
    page.keyboard.press("ArrowRight")
    expect(tabs.get_by_role("tab", name=re.compile("^Bahasa Indonesia"))).to_be_focused()
    expect(page.locator("textarea[name=summary_ind]")).to_be_visible()
    page.keyboard.press("Tab")
    expect(page.locator("textarea[name=summary_ind]")).to_be_focused()


def test_axe_finds_nothing_serious_on_change_forms_and_the_workspace(site, staff, outdated_german, new_page):
    staff("erin", role="editor")
    page = new_page()
    log_in(page, "erin")
    found = {}
    comparison_form(page, outdated_german)
    found["comparison"] = blocking_violations(page)
    page.goto(f"/admin/codes/statuscode/{StatusCode.objects.get(slug='520').pk}/change/")
    page.wait_for_selector("#statuscode_form[data-atlas-ready]")
    found["code"] = blocking_violations(page)
    page.goto("/admin/comparisons/comparison/")
    found["list"] = blocking_violations(page)
    page.goto("/admin/workspace/de/")
    found["workspace"] = blocking_violations(page)
    page.locator(".ws-start").click()
    page.wait_for_selector("#ws-form[data-ready]")
    found["workspace-text"] = blocking_violations(page)
    assert not any(found.values()), found


def test_the_walk_of_a_japanese_translator_through_one_comparison(site, staff, new_page, screenshots):
    """The issue's walk: a Japanese translator translates one comparison's summary and key differences.
    Clicks, keys and pages are counted; the time is written beside the screenshots for the notes."""
    staff("jun", role="translator", languages="ja")
    page = new_page()
    pages = []
    page.on("framenavigated", lambda frame: pages.append(frame.url) if frame == page.main_frame else None)
    started = time.monotonic()
    log_in(page, "jun")
    clicks = 1
    page.locator("#workspace-module").get_by_role("link", name="日本語").click()
    clicks += 1
    page.locator(".ws-start").click()
    clicks += 1
    page.wait_for_selector("#ws-form[data-ready]")
    page.locator("#ws-text").fill("202 はアプリケーションから、520 は Cloudflare のエッジから返されます。")
    page.keyboard.press("Control+Enter")
    keys = 1
    page.wait_for_url(re.compile(r"/code/"))
    # Key differences are bodies, further down the list: back to the list, then that text.
    page.locator(".breadcrumbs").get_by_role("link", name="日本語", exact=True).click()
    clicks += 1
    page.get_by_role("link", name=re.compile(r"^Key differences.*HTTP 202 Accepted vs 520")).click()
    clicks += 1
    page.wait_for_selector("#ws-form[data-ready]")
    page.locator("#ws-text").fill("- 202 は成功です。\n- 520 は Cloudflare が作るエラーです。")
    page.keyboard.press("Control+Enter")
    keys += 1
    page.wait_for_url(lambda url: "/key_differences/" not in url)
    # Saved, with the help text's rule as a warning: the fixture's English has two points, not 3–6.
    expect(page.locator(".messagelist .warning")).to_contain_text("2 points; the help text asks for 3–6.")
    elapsed = time.monotonic() - started
    # The comparison is live and the role publishes nothing without review: both texts wait in one
    # revision for an editor.
    comparison = Comparison.objects.get(slug="202-vs-520")
    assert comparison.summary_ja is None
    (proposal,) = pending_for(comparison, languages=["ja"])
    assert proposal.values["summary_ja"].startswith("202 はアプリケーションから")
    assert proposal.values["key_differences_ja"].startswith("- 202 は成功です。")
    walk = {"seconds": round(elapsed, 1), "clicks": clicks, "shortcut_keys": keys, "pages": len(pages)}
    (screenshots / "walk-ja.json").write_text(json.dumps({**walk, "urls": pages}, ensure_ascii=False))
    print("walk:", walk)
