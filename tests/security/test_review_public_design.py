"""Review of issue 17's public design as an attacker would try it: generated pictures must not
outlive what a case may show, the brand files must survive any logo."""

import re
from decimal import Decimal

from django.core.cache import cache

import pytest

from cases.factories import CaseMetricFactory, CasePageFactory
from core.social_images import GeneratedImage
from tests.edits import fresh, publish

HIDDEN = "Hidden Bank PLC"
OG_IMAGE = re.compile(r'<meta property="og:image" content="https?://[^/]+(/[^"]+)">')

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_renditions():
    cache.clear()


def _case(site_tree, **fields):
    case = CasePageFactory(parent=site_tree.cases, client_name=HIDDEN, **fields)
    CaseMetricFactory(
        case=case, label="Conversion", value_before=Decimal("10"), value_after=Decimal("15")
    )
    return case


def _drawn_case(site_tree, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish(_case(site_tree, visibility="public", client_description="Regional bank"))
    case = CasePageFactory._meta.model.objects.get(client_name=HIDDEN)
    assert case.generated_image is not None
    return case


@pytest.mark.parametrize("visibility", ["anonymised", "internal"])
def test_a_picture_naming_the_client_is_gone_as_the_case_hides_it(
    client, admin_client, site_tree, django_capture_on_commit_callbacks, visibility
):
    """The worker draws later (or is down): from the publish that hides the client on, no
    page shows, and no address serves, the picture drawn while the client was public."""
    case = _drawn_case(site_tree, django_capture_on_commit_callbacks)
    old = case.generated_image
    with django_capture_on_commit_callbacks(execute=False):  # the worker has not run yet
        publish(case, visibility=visibility)
    case = fresh(case)
    assert case.get_social_image() is None and case.get_cover_image() is None
    assert not GeneratedImage.objects.filter(pk=old.pk).exists()
    viewer = client if visibility == "anonymised" else admin_client
    html = viewer.get(case.url).content.decode()
    assert HIDDEN not in html
    assert old.file.name.rsplit("/", 1)[-1].split(".")[0] not in html


def test_an_unpublished_case_keeps_no_public_picture(site_tree, django_capture_on_commit_callbacks):
    case = _drawn_case(site_tree, django_capture_on_commit_callbacks)
    old = case.generated_image
    with django_capture_on_commit_callbacks(execute=True):
        fresh(case).unpublish()
    assert fresh(case).generated_image is None
    assert not GeneratedImage.objects.filter(pk=old.pk).exists()
