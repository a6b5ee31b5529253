from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemaps
from django.urls import include, path

from foundation.caching import cached_page
from front.views import favicon, language_redirect, robots_txt

from .sitemaps import SITEMAPS

urlpatterns = [
    path("", language_redirect, name="root"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon, name="favicon"),
    path(
        "sitemap.xml",
        cached_page(sitemaps.index, every_language=True),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        cached_page(sitemaps.sitemap, every_language=True),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("admin/workspace/", include("editorial.workspace_views")),
    path("admin/", admin.site.urls),
    path("api/", include("config.api")),
]

urlpatterns += i18n_patterns(
    path("compare/", include("comparisons.urls")),
    path("which-code/", include("guide.urls")),
    path("", include("front.urls")),
    path("", include("codes.urls")),
    prefix_default_language=True,
)

handler404 = "front.views.page_not_found"
handler400 = "config.errors.bad_request"
handler500 = "config.errors.server_error"
