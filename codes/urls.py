from django.urls import path, register_converter

from . import views


class StatusClassConverter:
    """ "5xx" in a URL, 5 in the view."""

    regex = "[1-5]xx"

    def to_python(self, value: str) -> int:
        return int(value[0])

    def to_url(self, value: int) -> str:
        return f"{int(value)}xx"


register_converter(StatusClassConverter, "statusclass")

app_name = "codes"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("<slug:family>/", views.family_index, name="family"),
    path("<slug:family>/<statusclass:digit>/", views.class_index, name="class"),
    path("<slug:family>/<slug:slug>/", views.code_detail, name="detail"),
]
