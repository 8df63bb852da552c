from django.urls import path

from serving.page_cache import page_cache_exempt

from . import views

app_name = "proposals"

urlpatterns = [
    path("p/<str:token>/", page_cache_exempt(views.proposal_page), name="page"),
    path("p/<str:token>/pdf/", page_cache_exempt(views.proposal_pdf), name="pdf"),
    path(
        "p/<str:token>/accept/",
        page_cache_exempt(views.proposal_answer),
        {"answer": "accept"},
        name="accept",
    ),
    path(
        "p/<str:token>/decline/",
        page_cache_exempt(views.proposal_answer),
        {"answer": "decline"},
        name="decline",
    ),
]
