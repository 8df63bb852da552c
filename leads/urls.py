from django.urls import path

from . import api, views

app_name = "leads"

urlpatterns = [
    path("requests/", views.request_submit, name="submit"),
    path("requests/thanks/", views.request_thanks, name="thanks"),
    path("api/leads/", api.leads_api, name="api"),
]
