"""The site's URLs plus /bench/trivial/: the smallest Django view, through the same middleware."""

from django.http import HttpResponse
from django.urls import path

from config import urls as site_urls


def trivial(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/trivial/", trivial, name="bench-trivial"), *site_urls.urlpatterns]
handler404 = site_urls.handler404
