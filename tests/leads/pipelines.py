"""The seeded pipelines and their set-up form, for the tests that edit a pipeline's stages.

Shared by the board, set-up and protected-delete tests so that they read the form as Wagtail
renders it the same way.
"""

from django.urls import reverse

from wagtail.test.utils.form_data import querydict_from_html

from leads.models import Pipeline


def project_pipeline():
    return Pipeline.objects.get(name="Project work")


def pipeline_form(client, pipeline):
    url = reverse("leads_pipelines:edit", args=[pipeline.pk])
    html = client.get(url).content.decode()
    data = querydict_from_html(html, form_id="w-editor-form")
    stages = {
        data[f"stages-{n}-name"]: f"stages-{n}-" for n in range(int(data["stages-TOTAL_FORMS"]))
    }
    return url, data, stages
