"""axe-core (bundled with axe-playwright-python, no network) in Chromium: no serious or critical violation on
the home, code, comparison and search pages in English, Indonesian and Arabic, in light and dark mode."""

import pytest
from browser_helpers import LANGUAGES, PAGES

BLOCKING = {"serious", "critical"}


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def blocking_violations(axe, page) -> list[str]:
    results = axe.run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} at "
        + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_serious_accessibility_violation(site, new_page, axe, lang, scheme):
    page = new_page(color_scheme=scheme)
    found = {}
    for name, path in PAGES.items():
        page.goto(path.format(lang=lang))
        if violations := blocking_violations(axe, page):
            found[name] = violations
    assert not found, found


def test_axe_finds_a_violation_planted_in_a_page(site, page, axe):
    """The check above can fail: axe runs in these pages (CSP and all) and reports real problems."""
    page.goto("/en/")
    page.evaluate(
        """() => {
            const image = document.createElement("img");
            image.src = "/static/img/logo.svg";
            document.querySelector("main").append(image);
        }"""
    )
    assert any(violation.startswith("image-alt ") for violation in blocking_violations(axe, page))
