from django.urls import path

from . import (
    converters,  # noqa: F401  (registers "statusclass" for the URLs that list a class)
    views,
)

app_name = "codes"

urlpatterns = [
    path("<slug:family>/", views.family_index, name="family"),
    path("<slug:family>/<slug:slug>/", views.code_detail, name="detail"),
]
