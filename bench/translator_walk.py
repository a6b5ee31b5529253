"""A Japanese translator's walk, timed and counted: one comparison's summary and key differences.

    .venv/bin/python bench/translator_walk.py admin http://127.0.0.1:8201 --user jun --password …
    .venv/bin/python bench/translator_walk.py workspace http://127.0.0.1:8202 --user jun --password …

``admin``: the change form, as a translator works without the workspace: the index, the comparison list, a
search for the pair, the change form, the Japanese fields (English in grey under each), a preview of the
whole page in a new tab to see the Markdown rendered, then Save. ``workspace``: the index, the language's
workspace, the next text, type, Ctrl+Enter, type, Ctrl+Enter.

Both walks type the same two texts (the Japanese of http/502-vs-504 from content/i18n/ja.yaml) in one step
each, so the time is the pages' and the server's, not a person's reading or typing. What is counted: clicks
(a select counts as one), keyboard shortcuts and Enter presses, and pages loaded. The server must run on
127.0.0.1 with the texts of that comparison empty in Japanese and a translator of Japanese only.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PAIR = "http/502-vs-504"
TITLE = "HTTP 502 Bad Gateway vs 504 Gateway Timeout"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]


def japanese_texts() -> dict[str, str]:
    doc = yaml.safe_load((ROOT / "content" / "i18n" / "ja.yaml").read_text(encoding="utf-8"))
    texts = doc["comparisons"][PAIR]
    return {"summary": texts["summary"].strip(), "key_differences": texts["key_differences"].strip()}


class Walk:
    def __init__(self, page):
        self.page = page
        self.clicks = 0
        self.keys = 0
        self.loads = 0
        page.on("load", self._loaded)

    def _loaded(self, _page):
        self.loads += 1

    def click(self, locator):
        self.clicks += 1
        locator.click()

    def press(self, key: str):
        self.keys += 1
        self.page.keyboard.press(key)


def log_in(walk: Walk, user: str, password: str):
    page = walk.page
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(user)
    page.get_by_label("Password").fill(password)
    walk.click(page.get_by_role("button", name="Log in"))
    page.wait_for_url("**/admin/")


def through_the_admin(walk: Walk, texts: dict[str, str]):
    page = walk.page
    walk.click(page.locator("tr.model-comparison").get_by_role("link", name="Comparisons"))
    page.locator("#searchbar").fill("502")
    walk.press("Enter")
    page.wait_for_load_state()
    walk.click(page.get_by_role("link", name=TITLE))
    page.wait_for_selector("#comparison_form")
    switch = page.locator("#modeltranslation-main-switch")
    if switch.count() and not page.locator("textarea[name=summary_ja]").is_visible():
        walk.clicks += 1
        switch.select_option(label="ja")
    page.locator("textarea[name=summary_ja]").fill(texts["summary"])
    page.locator("textarea[name=key_differences_ja]").fill(texts["key_differences"])
    # Markdown is seen only on the whole page's preview, in a new tab.
    with page.context.expect_page() as opened:
        walk.click(page.get_by_role("button", name="Preview"))
    preview = opened.value
    preview.wait_for_load_state()
    walk.loads += 1
    preview.close()
    walk.clicks += 1  # closing the preview's tab
    walk.click(page.get_by_role("button", name="Save", exact=True))
    page.locator(".messagelist .success").wait_for()


def through_the_workspace(walk: Walk, texts: dict[str, str]):
    page = walk.page
    walk.click(page.locator("#workspace-module").get_by_role("link", name="日本語"))
    walk.click(page.locator(".ws-start"))
    for name in ("summary", "key_differences"):
        page.wait_for_url(f"**/{name}/**")
        page.wait_for_selector("#ws-form[data-ready]")
        page.locator("#ws-text").fill(texts[name])
        page.locator("#ws-findings").filter(has_text="No warnings.").wait_for()
        walk.press("Control+Enter")
        page.wait_for_load_state()
    page.locator(".messagelist").wait_for()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("flow", choices=["admin", "workspace"])
    parser.add_argument("base_url")
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--screenshot", help="PNG of the last page")
    args = parser.parse_args()
    if not args.base_url.startswith(("http://127.0.0.1:", "http://localhost:")):
        parser.error("only a server on this machine")
    from playwright.sync_api import sync_playwright

    texts = japanese_texts()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=CHROMIUM_ARGS)
        context = browser.new_context(base_url=args.base_url, viewport={"width": 1280, "height": 900})
        context.set_default_timeout(20_000)
        walk = Walk(context.new_page())
        started = time.perf_counter()
        log_in(walk, args.user, args.password)
        (through_the_admin if args.flow == "admin" else through_the_workspace)(walk, texts)
        seconds = time.perf_counter() - started
        if args.screenshot:
            walk.page.screenshot(path=args.screenshot, full_page=True)
        browser.close()
    print(f"{args.flow}: {seconds:.1f} s, {walk.clicks} clicks, {walk.keys} keys, {walk.loads} pages loaded")


if __name__ == "__main__":
    main()
