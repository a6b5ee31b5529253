"""What search engines and link previews read is escaped once: "&" is "&amp;" in HTML, "&" in JSON-LD."""

import json
import re
from html import unescape

import pytest

from codes.models import StatusCode
from comparisons.models import Comparison

pytestmark = pytest.mark.django_db

SUMMARY = 'Tom & Jerry say "no" <b>here</b>.'


def meta(body: str, attribute: str, name: str) -> str:
    return re.search(rf'<meta {attribute}="{name}" content="([^"]*)">', body).group(1)


def json_ld(body: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', body, re.S).group(1))


@pytest.mark.parametrize("kind", ["code", "comparison"])
def test_meta_description_og_description_and_json_ld_are_escaped_once(client, content, kind):
    if kind == "code":
        StatusCode.objects.filter(slug="404").update(summary_en=SUMMARY)
        url = "/en/http/404/"
    else:
        Comparison.objects.filter(slug="202-vs-520").update(summary_en=SUMMARY)
        url = "/en/compare/http/202-vs-520/"
    body = client.get(url).content.decode()
    expected = 'Tom & Jerry say "no" <b>here</b>.'
    for attribute, name in (("name", "description"), ("property", "og:description")):
        raw = meta(body, attribute, name)
        assert "&amp;amp;" not in raw
        assert unescape(raw) == expected
    data = json_ld(body)
    items = data.get("@graph", [data])
    assert any(item.get("description") == expected for item in items)
