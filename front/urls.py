from django.urls import path

from codes import converters  # noqa: F401  (registers "statusclass")

from . import views

app_name = "front"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("<slug:family>/<statusclass:digit>/", views.class_index, name="class"),
]
