"""The site's URLs plus the views the benchmark measures against, through the same middleware:

- /bench/trivial/: the smallest Django view;
- /bench/parts/one-query/: one query of an uncached comparison page (the comparison's id by its codes);
- /bench/parts/reads/: what an uncached comparison page reads from the database, with nothing rendered;
- /bench/parts/frame/: the frame every page shares (head, header, language links, footer) around no content;
- /bench/parts/api-frame/: what every content API answer goes through (language negotiation, parameter
  checks, the rate limit, JSON rendering) around an empty answer.
"""

from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import translation
from rest_framework.response import Response
from rest_framework.views import APIView

from codes.selectors import code_choices
from comparisons.models import Comparison
from comparisons.page_parts import FIRST, RELATED_LIMIT
from comparisons.selectors import get_pair, involving_first, merged_related
from config import urls as site_urls
from foundation.api.base import ContentAPIMixin
from foundation.seo import build_page

# The curated pair bench/run.py measures.
PAIR = "502-vs-504"


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


def one_query(request):
    list(Comparison.objects.filter(code_a__slug="502", code_b__slug="504").values_list("pk"))
    return HttpResponse(b"ok", content_type="text/plain")


def reads(request):
    lang = translation.get_language()
    found = get_pair(family="http", pair=PAIR, language=lang)
    pair = (found.first, found.second)
    firsts = [list(involving_first(code=code, limit=FIRST, language=lang)) for code in pair]
    merged_related(firsts, pair={code.pk for code in pair}, limit=RELATED_LIMIT)
    code_choices(family="http")
    return HttpResponse(b"ok", content_type="text/plain")


def frame(request):
    page = build_page(
        request,
        title=PAIR,
        description=PAIR,
        url_name="comparisons:detail",
        kwargs={"family": "http", "pair": PAIR},
    )
    return TemplateResponse(request, "base.html", {"page": page})


class APIFrame(ContentAPIMixin, APIView):
    def get(self, request, *args, **kwargs):
        return Response({"language": self.language, "results": []})


urlpatterns = [
    path("bench/trivial/", trivial, name="bench-trivial"),
    path("bench/parts/one-query/", one_query, name="bench-one-query"),
    path("bench/parts/reads/", reads, name="bench-reads"),
    path("bench/parts/frame/", frame, name="bench-frame"),
    path("bench/parts/api-frame/", APIFrame.as_view(), name="bench-api-frame"),
    *site_urls.urlpatterns,
]
handler404 = site_urls.handler404
