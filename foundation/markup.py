"""Markdown for editorial texts: rendered with markdown-it, then sanitised with nh3.

Raw HTML in a text is shown as text, never interpreted; whatever an editor pastes, the output carries
no script, no event handler and no javascript: link.
"""

from functools import lru_cache

import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown_it import MarkdownIt

ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "code", "pre", "blockquote",
    "ul", "ol", "li", "a", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_markdown.enable("table")


# Room for every text of the shipped content in every language (about 7,400 in a full export with HTML),
# so that a second export or crawl renders nothing again; a rendered text is a few hundred bytes.
@lru_cache(maxsize=16384)
def _render(text: str) -> str:
    html = _markdown.render(text)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    ).strip()


def render_markdown(text: str | None) -> SafeString:
    """Return safe HTML for an editorial Markdown text ("" for an empty one)."""
    if not text:
        return mark_safe("")
    return mark_safe(_render(text))  # noqa: S308 - sanitised by nh3 above
