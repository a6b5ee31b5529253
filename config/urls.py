from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("config.api")),
]

urlpatterns += i18n_patterns(
    path("compare/", include("comparisons.urls")),
    path("", include("codes.urls")),
    prefix_default_language=True,
)
