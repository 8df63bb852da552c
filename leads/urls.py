from django.urls import path

from serving.page_cache import page_cache_exempt

from . import api, views

app_name = "leads"

urlpatterns = [
    path("requests/", page_cache_exempt(views.request_submit), name="submit"),
    path("requests/thanks/", page_cache_exempt(views.request_thanks), name="thanks"),
    path("api/leads/", page_cache_exempt(api.leads_api), name="api"),
]
