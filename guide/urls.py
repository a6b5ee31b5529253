from django.urls import path

from . import views

app_name = "guide"

urlpatterns = [
    path("", views.guide_start, name="start"),
    path("<slug:slug>/", views.guide_step, name="step"),
]
