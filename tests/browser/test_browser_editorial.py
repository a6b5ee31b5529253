"""The editorial workflow in a real browser: an editor publishes Indonesian texts that visitors and the API
see at once; a translator is refused another language, whatever the request carries."""

from browser_helpers import expect, log_in

from comparisons.models import Comparison
from editorial.models import PendingRevision

PAGE = "/id/compare/http/404-vs-451/"
API = "/api/v1/comparisons/http/404-vs-451/?lang=id"
TEXTS_ID = {
    "summary_ind": "Keduanya berarti Anda tidak bisa mendapatkan halaman; 451 menyebutkan alasannya.",
    "key_differences_ind": "- 404: halaman tidak ditemukan.\n- 451: halaman diblokir karena alasan hukum.",
    "when_to_use_ind": "Kirim 451 bila ada perintah hukum; selain itu 404.",
}


def open_change_form(page, link_text):
    """From the admin index to a comparison's change form, as a person clicks there."""
    page.goto("/admin/")
    page.locator("tr.model-comparison").get_by_role("link", name="Comparisons").click()
    page.get_by_role("link", name=link_text).click()
    page.wait_for_selector("#comparison_form")


def test_editor_publishes_indonesian_texts_that_visitors_and_the_api_see_at_once(
    site, staff, new_page, screenshots
):
    visitor = new_page()
    visitor.goto(PAGE)
    expect(visitor.locator(".assembled-note")).to_be_visible()
    assert TEXTS_ID["summary_ind"] not in visitor.content()

    staff("erin", role="editor")
    editor = new_page()
    log_in(editor, "erin")
    open_change_form(editor, "HTTP 404 Not Found vs 451 Unavailable For Legal Reasons")
    # One switch shows every text's Indonesian tab.
    editor.locator("#modeltranslation-main-switch").select_option(label="Bahasa Indonesia")
    for name, text in TEXTS_ID.items():
        field = editor.locator(f"textarea[name={name}]")
        expect(field).to_be_visible()
        field.fill(text)
    editor.screenshot(path=screenshots / "admin-editor-indonesian-texts.png", full_page=True)
    editor.get_by_role("button", name="Save and publish").click()
    expect(editor.locator(".messagelist .success").filter(has_text="Published")).to_be_visible()
    editor.screenshot(path=screenshots / "admin-editor-published.png")

    visitor.goto(PAGE)
    assert visitor.locator("html").get_attribute("lang") == "id"
    assert not visitor.locator(".assembled-note").count()
    expect(visitor.get_by_text(TEXTS_ID["summary_ind"])).to_be_visible()
    expect(visitor.get_by_role("listitem").filter(has_text="451: halaman diblokir karena")).to_be_visible()
    expect(visitor.get_by_text(TEXTS_ID["when_to_use_ind"])).to_be_visible()
    visitor.screenshot(path=screenshots / "comparison-id-published.png", full_page=True)

    response = visitor.request.get(API)
    assert response.status == 200
    data = response.json()
    assert data["curated"] is True
    assert data["language"] == "id"
    assert data["texts"]["summary"] == TEXTS_ID["summary_ind"]
    # Browsers send a textarea's line breaks as CRLF.
    assert data["texts"]["key_differences"].replace("\r\n", "\n") == TEXTS_ID["key_differences_ind"]
    assert data["texts"]["when_to_use"] == TEXTS_ID["when_to_use_ind"]
    assert "<li>404: halaman tidak ditemukan.</li>" in data["html"]["key_differences"]


def test_translator_saves_german_but_is_refused_indonesian_and_publishing(site, staff, new_page, screenshots):
    published = Comparison.objects.get(slug="202-vs-520")
    indonesian_before = published.summary_ind
    german_before = published.summary_de
    staff("tom", role="translator", languages="de")
    page = new_page()
    log_in(page, "tom")

    # Their own language works.
    open_change_form(page, "HTTP 202 Accepted vs 520 Web Server Returned an Unknown Error")
    assert page.locator("textarea[name=summary_ind]").count() == 0, "other languages are not offered"
    page.locator("textarea[name=summary_de]").fill("202 kommt von Ihrer Anwendung; 520 vom Cloudflare-Edge.")
    page.get_by_role("button", name="Save", exact=True).click()
    # The comparison is live: the German text waits for review (tests/browser/test_browser_revisions.py).
    expect(page.locator(".messagelist .success")).to_contain_text("saved as a pending revision")
    published.refresh_from_db()
    assert published.summary_de == german_before
    assert PendingRevision.objects.get().values == {
        "summary_de": "202 kommt von Ihrer Anwendung; 520 vom Cloudflare-Edge."
    }

    # A crafted request for Indonesian is refused by the server, and nothing is saved.
    open_change_form(page, "HTTP 202 Accepted vs 520 Web Server Returned an Unknown Error")
    page.evaluate(
        """() => {
            const field = document.createElement("textarea");
            field.name = "summary_ind";
            field.value = "Diubah oleh penerjemah bahasa Jerman.";
            document.querySelector("#comparison_form").append(field);
        }"""
    )
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.get_by_role("button", name="Save", exact=True).click()
    assert posted.value.status == 403
    expect(page.get_by_text("summary_ind").first).to_be_visible()
    page.screenshot(path=screenshots / "admin-translator-refused.png")
    published.refresh_from_db()
    assert published.summary_ind == indonesian_before
    assert published.summary_de == german_before

    visitor = new_page()
    visitor.goto("/id/compare/http/202-vs-520/")
    expect(visitor.get_by_text(indonesian_before)).to_be_visible()
    assert "Diubah oleh penerjemah" not in visitor.content()

    # Nor may a translator publish a draft with a forged button.
    open_change_form(page, "HTTP 404 Not Found vs 451 Unavailable For Legal Reasons")
    assert page.get_by_role("button", name="Save and publish").count() == 0
    page.evaluate(
        """() => {
            const button = document.createElement("button");
            button.name = "_publish";
            button.value = "1";
            button.id = "forged-publish";
            document.querySelector("#comparison_form").append(button);
        }"""
    )
    with page.expect_response(lambda response: response.request.method == "POST") as posted:
        page.locator("#forged-publish").click()
    assert posted.value.status == 403
    assert Comparison.objects.get(slug="404-vs-451").status == Comparison.Status.DRAFT
