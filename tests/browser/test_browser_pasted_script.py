"""An editor's pasted script never runs on a public page, checked where it would run: in the browser.

The pages send a Content Security Policy without 'unsafe-inline', which alone would stop these payloads.
So each page is also opened with the policy switched off (Playwright's bypass_csp): then only the Markdown
sanitiser stands between the editor's text and the visitor, and it must be enough on its own.
"""

import pytest
from browser_helpers import expect, log_in

from comparisons.models import Comparison

PAYLOADS = {
    "summary_ind": "Ringkasan yang aman <script>window.__pwned=1</script><script>alert('script')</script>",
    "key_differences_ind": (
        '- Gambar: <img src=x onerror="window.__pwned=1"><img src=y onerror="alert(\'img\')">\n'
        "- [Tautan Markdown](javascript:window.__pwned=1) [Tautan rujukan][x] <javascript:window.__pwned=1>\n"
        "- <a href=\"javascript:window.__pwned=1;alert('a')\">Tautan HTML</a>\n"
        '- <svg onload="window.__pwned=1"></svg><iframe src="javascript:window.__pwned=1"></iframe>'
    ),
    "when_to_use_ind": (
        '<details open ontoggle="window.__pwned=1"><summary>Lihat</summary>isi</details> '
        '<a href="JaVaScRiPt:window.__pwned=1">Tautan campuran</a> '
        '<form action="javascript:window.__pwned=1"><button>Kirim</button></form>\n\n'
        "[x]: javascript:window.__pwned=1"
    ),
    "summary_en": "A safe summary <script>window.__pwned=1</script>",
}
LINKS = ["Tautan Markdown", "Tautan rujukan", "Tautan HTML", "Tautan campuran"]
# What a sanitised page may not contain: no element runs code, and the editors' texts (.prose) hold no
# script, frame, form or embedded object.
DANGEROUS = """() => {
    const found = [];
    for (const element of document.querySelectorAll(".prose *")) {
        const tag = element.tagName;
        if (["SCRIPT", "IFRAME", "FORM", "OBJECT", "EMBED"].includes(tag)) found.push(tag);
    }
    for (const element of document.querySelectorAll("*")) {
        for (const attribute of element.attributes) {
            const value = attribute.value.replace(/\\s/g, "").toLowerCase();
            const where = `${element.tagName}[${attribute.name}`;
            if (attribute.name.startsWith("on")) found.push(`${where}]`);
            if (value.startsWith("javascript:")) found.push(`${where}=javascript:]`);
        }
    }
    return found;
}"""


def watch(page) -> list[str]:
    """Every dialog the page opens (an alert is what a successful injection usually shows)."""
    dialogs = []

    def on_dialog(dialog):
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def assert_nothing_ran(page, dialogs):
    for name in LINKS:
        # Had the sanitiser let a javascript: link through, following it would run the payload.
        link = page.get_by_role("link", name=name, exact=True)
        if link.count():
            link.first.click()
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert page.evaluate(DANGEROUS) == []


@pytest.mark.parametrize("bypass_csp", [False, True], ids=["with-csp", "sanitiser-alone"])
def test_pasted_script_never_runs_on_the_public_page(site, staff, new_page, screenshots, bypass_csp):
    staff("erin", role="editor")
    editor = new_page()
    log_in(editor, "erin")
    comparison = Comparison.objects.get(slug="404-vs-451")
    editor.goto(f"/admin/comparisons/comparison/{comparison.pk}/change/")
    for name, text in PAYLOADS.items():
        language = {"ind": "Bahasa Indonesia", "en": "English"}[name.rsplit("_", 1)[1]]
        editor.locator("#modeltranslation-main-switch").select_option(label=language)
        editor.locator(f"textarea[name={name}]").fill(text)

    # The preview the editor opens before publishing is as safe as the public page.
    editor.locator("#atlas-preview-language").select_option("id")
    with editor.context.expect_page() as opened:
        editor.get_by_role("button", name="Preview (opens a new tab)").click()
    preview = opened.value
    preview_dialogs = watch(preview)
    preview.wait_for_load_state()
    expect(preview.get_by_text("Ringkasan yang aman")).to_be_visible()
    assert_nothing_ran(preview, preview_dialogs)
    preview.close()

    editor.get_by_role("button", name="Save and publish").click()
    expect(editor.locator(".messagelist .success").filter(has_text="Published")).to_be_visible()
    assert Comparison.objects.get(pk=comparison.pk).status == Comparison.Status.PUBLISHED

    for path, text in [
        ("/id/compare/http/404-vs-451/", "Ringkasan yang aman"),
        ("/en/compare/http/404-vs-451/", "A safe summary"),
    ]:
        visitor = new_page(bypass_csp=bypass_csp)
        dialogs = watch(visitor)
        visitor.goto(path)
        expect(visitor.get_by_text(text)).to_be_visible()
        assert_nothing_ran(visitor, dialogs)
        if path.startswith("/id/"):
            expect(visitor.get_by_text("Tautan HTML")).to_be_visible()
            visitor.screenshot(path=screenshots / f"pasted-script-{bypass_csp=}.png", full_page=True)


def test_the_check_sees_a_script_that_does_run(site, new_page):
    """The checks above can fail: with the policy off, code planted in the page does run and is seen."""
    page = new_page(bypass_csp=True)
    dialogs = watch(page)
    page.goto("/en/compare/http/202-vs-520/")
    page.evaluate(
        """() => document.querySelector(".prose").insertAdjacentHTML(
            "beforeend", '<a href="javascript:window.__pwned=1">Tautan HTML</a>')"""
    )
    page.get_by_role("link", name="Tautan HTML", exact=True).click()
    page.wait_for_function("window.__pwned === 1")
    with page.expect_event("dialog"):
        page.evaluate(
            """() => document.querySelector(".prose").insertAdjacentHTML(
                "beforeend", '<img src="/missing.png" onerror="alert(1)">')"""
        )
    assert dialogs == ["1"]
    assert page.evaluate(DANGEROUS) == ["A[href=javascript:]", "IMG[onerror]"]
