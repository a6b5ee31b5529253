"""Small readers of rendered pages, shared by the page tests."""

import json
import re
from html.parser import HTMLParser


def html_of(response) -> str:
    return response.content.decode()


def links(body: str, rel: str) -> list[tuple[str, str]]:
    """(hreflang or "", href) of every <link rel=...> in the page."""
    found = []
    for tag in re.findall(r"<link [^>]*>", body):
        if f'rel="{rel}"' in tag:
            lang = re.search(r'hreflang="([^"]+)"', tag)
            found.append((lang.group(1) if lang else "", re.search(r'href="([^"]+)"', tag).group(1)))
    return found


def meta_robots(body: str) -> str:
    match = re.search(r'<meta name="robots" content="([^"]+)"', body)
    return match.group(1) if match else ""


def json_ld(body: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    return json.loads(match.group(1))


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _LanguageFinder(HTMLParser):
    def __init__(self, needle: str):
        super().__init__()
        self.needle, self.stack, self.found = needle, [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        lang = dict(attrs).get("lang") or (self.stack[-1][1] if self.stack else "")
        self.stack.append((tag, lang))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if self.needle in data:
            self.found.append(self.stack[-1][1] if self.stack else "")


def language_of(body: str, needle: str) -> str:
    """The language the page declares for the element holding ``needle`` (plain text, no tags)."""
    finder = _LanguageFinder(needle)
    finder.feed(body)
    assert finder.found, f"{needle!r} is not on the page"
    assert len(set(finder.found)) == 1, finder.found
    return finder.found[0]
