"""Constants and small steps shared by the browser tests."""

import urllib.request

try:
    from playwright.sync_api import expect
except ImportError:  # the browser fixture skips (or fails in CI) with the reason
    expect = None

# Test-only accounts, created afresh in each test database.
STAFF_LOGIN_PW = "pw-for-browser-tests"
PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}
LANGUAGES = ["en", "id", "ar"]
# The pages every language must get right: the home, a code, a curated and an assembled comparison, a search.
PAGES = {
    "home": "/{lang}/",
    "code": "/{lang}/http/520/",
    "comparison": "/{lang}/compare/http/202-vs-520/",
    "assembled-comparison": "/{lang}/compare/http/404-vs-451/",
    "search": "/{lang}/search/?q=cloudflare",
}


def page_urls() -> list[tuple[str, str]]:
    """(name, path) of every page in every language, e.g. ("code-id", "/id/http/520/")."""
    return [(f"{name}-{lang}", path.format(lang=lang)) for lang in LANGUAGES for name, path in PAGES.items()]


def log_in(page, username: str, password: str = STAFF_LOGIN_PW):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")


def scroll_and_viewport_width(page) -> tuple[int, int]:
    return tuple(
        page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    )


def server_html(base_url: str, path: str) -> str:
    """The page exactly as the live server sends it (validity is about the markup, not a browser's DOM)."""
    with urllib.request.urlopen(base_url + path, timeout=30) as response:
        assert response.status == 200, (path, response.status)
        return response.read().decode()
