"""The competencies' export keeps a name a spreadsheet would run as a formula as text."""

import csv
import io

from django.urls import reverse

import pytest

from experts.models import Competency

pytestmark = pytest.mark.django_db


def test_a_name_a_spreadsheet_would_run_stays_text(admin_client):
    Competency.objects.create(name="@SUM(1+1)*cmd", slug="sum")
    url = reverse("wagtailsnippets_experts_competency:list")
    response = admin_client.get(url, {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[1][:2] == ["'@SUM(1+1)*cmd", "sum"]
