from django.urls import path

from . import views

app_name = "proposals"

urlpatterns = [
    path("p/<str:token>/", views.proposal_page, name="page"),
    path("p/<str:token>/pdf/", views.proposal_pdf, name="pdf"),
    path("p/<str:token>/accept/", views.proposal_answer, {"answer": "accept"}, name="accept"),
    path("p/<str:token>/decline/", views.proposal_answer, {"answer": "decline"}, name="decline"),
]
