from django.urls import path

from . import views

app_name = "comparisons"

urlpatterns = [
    path("", views.comparison_index, name="index"),
    path("<slug:family>/<slug:pair>/", views.comparison_detail, name="detail"),
]
