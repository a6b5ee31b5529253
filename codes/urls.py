from django.urls import path

from . import views

app_name = "codes"

urlpatterns = [
    path("<slug:family>/<slug:slug>/", views.code_detail, name="detail"),
]
