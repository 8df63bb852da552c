"""Public URLs of projects: the client's confirmation page."""

from django.urls import path

from serving.page_cache import page_cache_exempt

from . import views

app_name = "projects"

urlpatterns = [
    path("c/<str:token>/", page_cache_exempt(views.confirmation_page), name="confirmation"),
]
