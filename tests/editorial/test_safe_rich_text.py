"""Whatever an editor pastes, no script, event handler or javascript: link reaches a page."""

from html.parser import HTMLParser

import pytest
from django.core.cache import cache

from codes.models import StatusCode
from foundation.markup import render_markdown

pytestmark = pytest.mark.django_db

PASTES = [
    "<script>alert('x')</script>",
    "Hello <script src=https://evil.example/x.js></script> world",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)" onclick="alert(2)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](java\tscript:alert(1))",
    "<javascript:alert(1)>",
    "[click][evil]\n\n[evil]: javascript:alert(1)",
    "![x](javascript:alert(1))",
    "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<iframe src="https://evil.example"></iframe>',
    "<style>body{display:none}</style>",
    '<p style="background:url(javascript:alert(1))">styled</p>',
    "`<script>alert(1)</script>` in code is shown, not run",
    "```html\n<script>alert(1)</script>\n```",
]


class _ActiveContent(HTMLParser):
    """Markup that could run something: script-like elements, event handlers, script or data URLs."""

    RUNNABLE = {"script", "iframe", "object", "embed", "svg", "math", "style", "link", "meta", "base", "form"}

    def __init__(self, pages):
        super().__init__(convert_charrefs=True)
        # A page's head carries its own link and meta elements (hreflang varies with the translations).
        self.runnable = self.RUNNABLE - {"link", "meta"} if pages else self.RUNNABLE
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and "http-equiv" in attrs:
            self.found.append(f"<meta http-equiv={attrs['http-equiv']}>")
        if tag in self.runnable:
            self.found.append(f"<{tag} {attrs.get('src') or attrs.get('href') or ''}>")
        for name, value in attrs.items():
            value = "".join((value or "").split()).lower()
            if name.startswith("on") or name == "style" and "url(" in value:
                self.found.append(f"{tag}[{name}]")
            if name in ("href", "src", "action", "formaction", "xlink:href") and value.startswith(
                ("javascript:", "vbscript:", "data:")
            ):
                self.found.append(f"{tag}[{name}={value[:20]}]")


def active_content(html: str, *, pages=False) -> list[str]:
    parser = _ActiveContent(pages)
    parser.feed(html)
    return parser.found


@pytest.mark.parametrize("text", PASTES)
def test_the_renderer_never_lets_anything_run(text):
    html = str(render_markdown(text))
    assert active_content(html) == [], html


def test_code_keeps_the_text_visible_and_inert():
    html = str(render_markdown("`<script>alert(1)</script>`"))
    assert html == "<p><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></p>"


def test_safe_links_stay_and_get_rel():
    html = str(render_markdown("[RFC 9110](https://www.rfc-editor.org/rfc/rfc9110)"))
    assert 'href="https://www.rfc-editor.org/rfc/rfc9110"' in html
    assert 'rel="noopener noreferrer"' in html


def test_a_pasted_script_never_reaches_a_public_page(
    editor_client, client, content, open_form, code_url, django_capture_on_commit_callbacks
):
    cache.clear()
    # The page's own markup (its forms, icons, scripts from /static/) is the baseline: a paste adds nothing.
    before = {
        url: active_content(client.get(url).content.decode(), pages=True)
        for url in ("/en/http/202/", "/de/http/202/")
    }
    _response, data = open_form(editor_client, code_url("202"))
    data["description_en"] = "Accepted.\n\n" + "\n\n".join(PASTES)
    data["summary_de"] = "<script>alert('de')</script> Angenommen <img src=x onerror=alert(1)>"
    with django_capture_on_commit_callbacks(execute=True):
        assert editor_client.post(code_url("202"), data).status_code == 302
    for url in ("/en/http/202/", "/de/http/202/"):
        body = client.get(url).content.decode()
        assert "Accepted." in body
        assert active_content(body, pages=True) == before[url], url
        # What was pasted is shown as text, not dropped silently.
        assert "&lt;script&gt;" in body


def test_the_admin_preview_uses_the_same_renderer(editor_client, content, open_form, comparison_url):
    _response, data = open_form(editor_client, comparison_url("404-vs-451"))
    data["summary_en"] = "Safe **bold**"
    baseline = active_content(
        editor_client.post(comparison_url("404-vs-451", "preview"), data).content.decode(), pages=True
    )
    data["summary_en"] = (
        "Safe **bold** <script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(2)>"
    )
    body = editor_client.post(comparison_url("404-vs-451", "preview"), data).content.decode()
    assert "Safe <strong>bold</strong>" in body
    assert active_content(body, pages=True) == baseline


def test_the_source_beside_a_translation_is_escaped(editor_client, content, open_form, code_url):
    StatusCode.objects.filter(slug="202").update(summary_en="<script>alert('source')</script>")
    body = editor_client.get(code_url("202")).content.decode()
    assert "&lt;script&gt;alert(&#x27;source&#x27;)&lt;/script&gt;" in body
    assert "<script>alert('source')</script>" not in body
