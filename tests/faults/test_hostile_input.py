"""Hostile page URLs and search queries: huge, odd unicode, SQL- and HTML-looking. Never a server error."""

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

NASTY = [
    "' OR 1=1 --",
    '"; DROP TABLE codes_statuscode; --',
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "../../etc/passwd",
    "%00",
    "\u202e\u0000\ufeff",
    "404" * 3000,
    "ｆｕｌｌｗｉｄｔｈ４０４",
    "🙂" * 100,
    "%(code)s {0} %s",
    "-vs-",
    "202-vs-",
    "-vs-520",
    "202-vs-520-vs-404",
    "a\nb",
    "404\r\n",
]

text = st.one_of(st.sampled_from(NASTY), st.text(min_size=0, max_size=300))

PAGE_TEMPLATES = [
    "/en/http/{}/",
    "/id/compare/http/{}/",
    "/ar/compare/http/202-vs-{}/",
    "/en/http/{}xx/",
    "/id/{}/",
    "/ja/search/?q={}",
    "/en/compare/?a={}&b=404",
    "/api/v1/codes/?search={}",
    "/api/v1/codes/?class={}&lang=id",
    "/api/v1/comparisons/http/{}/",
    "/api/v1/codes/http/{}/?lang={}",
]


@pytest.fixture
def visitor():
    return Client(raise_request_exception=False)


def _get(visitor, template, value):
    path = template.format(*([quote(value, safe="")] * template.count("{}")))
    response = visitor.get(path)
    assert response.status_code < 500, (path[:200], response.status_code)
    if response.status_code >= 400 and path.startswith("/api/"):
        assert response["Content-Type"] == "application/problem+json", path[:200]
    return response


@pytest.mark.parametrize("value", NASTY)
@pytest.mark.parametrize("template", PAGE_TEMPLATES)
def test_known_nasty_inputs_get_clean_answers(content, visitor, template, value):
    response = _get(visitor, template, value)
    if response["Content-Type"].startswith("text/html"):
        # Echoed input is escaped; a JSON answer may quote it (served as JSON with nosniff).
        body = response.content.decode(errors="replace")
        assert "<script>alert(1)</script>" not in body
        assert "onerror=alert(1)>" not in body


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(template=st.sampled_from(PAGE_TEMPLATES), value=text)
def test_generated_inputs_never_cause_a_server_error(content, visitor, template, value):
    _get(visitor, template, value)


def test_a_nul_character_gets_a_localized_400(content, visitor):
    page = visitor.get("/id/http/4%0004/")
    assert page.status_code == 400
    assert '<html lang="id"' in page.content.decode()
    assert "unsafe-inline" not in page["Content-Security-Policy"]
    api = visitor.get("/api/v1/codes/http/4%0004/")
    assert api.status_code == 400
    assert api.json()["code"] == "bad_request"
