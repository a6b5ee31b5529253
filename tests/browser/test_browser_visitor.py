"""A visitor in a real browser: the language switcher, the compare form without JavaScript, phone widths."""

import pytest
from browser_helpers import LANGUAGES, PAGES, PHONE, scroll_and_viewport_width


def test_language_switcher_leads_to_the_same_comparison_in_another_language(site, page, screenshots):
    page.goto("/en/compare/http/202-vs-520/")
    page.locator(".lang-switch summary").click()
    page.locator(".lang-switch").get_by_role("link", name="Bahasa Indonesia").click()
    page.wait_for_url("**/id/compare/http/202-vs-520/")
    assert page.locator("html").get_attribute("lang") == "id"
    assert page.get_by_text("202 berasal dari aplikasi Anda").is_visible()
    page.screenshot(path=screenshots / "switcher-comparison-id.png")


def test_language_switcher_leads_to_the_same_code_page_in_arabic(site, page):
    page.goto("/id/http/520/")
    page.locator(".lang-switch summary").click()
    page.locator(".lang-switch").locator("a[hreflang=ar]").click()
    page.wait_for_url("**/ar/http/520/")
    assert page.locator("html").get_attribute("dir") == "rtl"


@pytest.mark.parametrize(("first", "second"), [("202", "520"), ("520", "202")])
def test_compare_form_without_javascript_leads_to_the_pair_page(site, new_page, first, second):
    page = new_page(java_script_enabled=False)
    page.goto("/en/compare/")
    page.get_by_label("First code").select_option(first)
    page.get_by_label("Second code").select_option(second)
    page.get_by_role("button", name="Compare").click()
    page.wait_for_url("**/en/compare/http/202-vs-520/")
    assert "202" in page.locator("h1").inner_text()
    assert "520" in page.locator("h1").inner_text()


def test_compare_form_refuses_a_code_compared_with_itself(site, new_page):
    page = new_page(java_script_enabled=False)
    page.goto("/id/compare/")
    page.get_by_label("Kode pertama").select_option("404")
    page.get_by_label("Kode kedua").select_option("404")
    page.get_by_role("button", name="Bandingkan").click()
    assert page.locator(".compare-form [role=alert]").is_visible()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_phone_viewport_has_no_horizontal_scroll(site, new_page, screenshots, lang):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    too_wide = {}
    for name, path in PAGES.items():
        page.goto(path.format(lang=lang))
        scroll_width, viewport_width = scroll_and_viewport_width(page)
        if scroll_width > viewport_width:
            too_wide[name] = (scroll_width, viewport_width)
        page.screenshot(path=screenshots / f"phone-{name}-{lang}.png", full_page=True)
    assert not too_wide, f"wider than the {PHONE['width']} px phone: {too_wide}"
