from django.urls import path

from serving.page_cache import page_cache_exempt

from . import views

app_name = "search"

urlpatterns = [
    path("search/", page_cache_exempt(views.search_page), name="page"),
    path("search/suggest/", page_cache_exempt(views.suggest), name="suggest"),
]
