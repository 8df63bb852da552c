"""The app's URLs and ``/bench/insert/``: the least Django can do to store a posted row."""

from django.db import connection
from django.http import HttpResponseRedirect
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from config.urls import urlpatterns as app_urlpatterns


@csrf_exempt
@require_POST
def insert_one_row(request):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_row (token) VALUES (%s)", [request.POST.get("form_token", "")]
        )
    return HttpResponseRedirect("/requests/thanks/")


urlpatterns = [path("bench/insert/", insert_one_row), *app_urlpatterns]
