"""Hostile input on every public URL, parameter, form field and API field: never a 5xx, and
every valid request stored whatever junk rides along in its metadata.

The walk reads the URL patterns from the URLconf and the pages from the ``portfolio``
fixture, so a new public endpoint is walked without editing this file (a new regular-expression
pattern has to be taught to ``base_urls`` first: the coverage test says so). It runs on SQLite
and, in CI's PostgreSQL phase, on PostgreSQL (NUL bytes fail only there).
"""

import json
import uuid
from urllib.parse import urlencode

from wagtail.models import Page

from leads.api import MAX_BODY
from leads.models import LeadSubmission
from proposals.models import Proposal
from search.selectors import FACETS
from tests.leads.conftest import VALID
from tests.leads.test_request_form import old_stamp

from . import corpus
from .walker import (
    DOCUMENT_SERVE,
    KNOWN_REGEX,
    WAGTAIL_SERVE,
    Walk,
    fill,
    public_patterns,
    query,
    route_params,
    short,
)

PAGE_PARAMS = ["page", "q", *FACETS, "type", "preview", "utm_source"]
API_PARAMS = [
    "offset",
    "limit",
    "fields",
    "order",
    "search",
    "search_operator",
    "type",
    "child_of",
    "descendant_of",
    "ancestor_of",
    "id",
    "title",
    "slug",
    "show_in_menus",
    "locale",
    "translation_of",
    "site",
    "html_path",
]
ALL_PARAMS = sorted(set(PAGE_PARAMS + API_PARAMS))
QUERY_VALUES = [*corpus.TEXT, *(value.encode() for value in corpus.RAW)]
#: Every parameter at once, and the API's many parameters: one value of each kind.
SAMPLE_VALUES = [*corpus.SAMPLE, *(value.encode() for value in corpus.RAW_SAMPLE)]
FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


def page_urls() -> list[str]:
    pages = Page.objects.live().filter(depth__gt=1).specific()
    return sorted({page.url for page in pages}) + ["/cases/page/2/"]


def base_urls(site) -> list[str]:
    """One working URL per public pattern (a page pattern: every page of the portfolio)."""
    values = {"pk": str(site["portfolio"].tree.home.pk), "token": site["proposal"].token}
    urls = []
    for route, is_route in public_patterns():
        if is_route:
            params = route_params(route)
            urls.append(
                fill(route, {n: values.get(n, "1" if c == "int" else "x") for c, n in params})
            )
        elif route == DOCUMENT_SERVE:
            urls.append("/documents/1/report.pdf")
        elif route == WAGTAIL_SERVE:
            urls.extend(page_urls())
    return urls


def without_pdf(urls: list[str], site) -> list[str]:
    """The real proposal's PDF takes a second to render: walked once, not per payload."""
    return [url for url in urls if url != f"/p/{site['proposal'].token}/pdf/"]


def targeted(site) -> dict[str, list[str]]:
    """Each endpoint's own query parameters, walked one at a time."""
    tree = site["portfolio"].tree
    return {
        tree.cases.url: ["service", "industry", "year", "page"],
        tree.experts.url: ["competency", "page"],
        tree.services.url: ["type", "page"],
        "/search/": ["q", *FACETS, "page"],
        "/search/suggest/": ["q"],
        "/api/v2/pages/": API_PARAMS,
        "/api/v2/pages/find/": ["html_path"],
        f"/api/v2/pages/{tree.home.pk}/": ["fields", "type"],
    }


def assert_clean(walk: Walk, floor: int) -> None:
    print(f"\n{walk.sent} requests, {len(walk.failures)} failures")  # noqa: T201
    assert not walk.failures, walk.report()
    assert walk.sent >= floor, f"the walk sent only {walk.sent} requests"


def test_every_public_pattern_is_walked(db):
    unknown = [route for route, is_route in public_patterns() if not is_route]
    assert set(unknown) <= KNOWN_REGEX, f"teach base_urls() to walk {set(unknown) - KNOWN_REGEX}"
    routes = {route for route, _ in public_patterns()}
    assert {"requests/", "api/leads/", "search/", "p/<str:token>/", "sitemap.xml"} <= routes


def test_query_strings_on_every_public_url(hostile_site):
    walk = Walk()
    urls = without_pdf(base_urls(hostile_site), hostile_site)
    assert walk.get(f"/p/{hostile_site['proposal'].token}/").status_code == 200
    for url in urls:
        for value in SAMPLE_VALUES:
            walk.get(f"{url}?{query((name, value) for name in ALL_PARAMS)}")
        for value in ["²", "99999999999999999999999"]:
            pairs = [pair for name in ALL_PARAMS for pair in ((name, "1"), (name, value))]
            walk.get(f"{url}?{query(pairs)}", label="duplicate parameters")
    for url, names in targeted(hostile_site).items():
        for name in names:
            for value in SAMPLE_VALUES if url.startswith("/api/") else QUERY_VALUES:
                walk.get(f"{url}?{query([(name, value)])}")
    for value in corpus.TEXT + ["cases/page/²/", "cases/page/" + "9" * 5000 + "/"]:
        walk.get(f"/api/v2/pages/find/?{query([('html_path', 'cases/page/' + value)])}")
    assert_clean(walk, floor=1300)


def test_path_segments(hostile_site):
    walk = Walk()
    values = {"pk": str(hostile_site["portfolio"].tree.home.pk)}
    values["token"] = hostile_site["proposal"].token
    for route, is_route in public_patterns():
        if not is_route:
            continue
        for converter, name in route_params(route):
            for value in corpus.INTEGERS if converter == "int" else corpus.SEGMENTS:
                params = {
                    n: values.get(n, "1" if c == "int" else "x") for c, n in route_params(route)
                }
                walk.get(fill(route, {**params, name: value}))
    for url in page_urls():
        for segment in corpus.SEGMENTS:
            walk.get(f"{url}{segment}/")
    for segment in corpus.SEGMENTS:
        walk.get(f"/cases/page/{segment}/")
        walk.get(f"/documents/1/{segment}")
        walk.get(f"/documents/{segment}/x.pdf")
    assert_clean(walk, floor=250)


def test_methods_and_bodies_on_every_public_url(hostile_site):
    walk = Walk()
    junk = urlencode(dict.fromkeys([*ALL_PARAMS, *VALID, "token", "reason"], "\x00"))
    for url in without_pdf(base_urls(hostile_site), hostile_site):
        for method in ("POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD"):
            walk.send(method, url, data=junk, content_type=FORM)
        walk.post(url, corpus.DEEP, JSON)
        walk.post(url, b"\xff\xfe%zz=%00&a", FORM)
        walk.post(url, b"--x\r\nbroken", "multipart/form-data; boundary=x")
        walk.post(url, "x" * 3_000_000, FORM, label="body over the upload limit")
    assert_clean(walk, floor=200)


def form_data(site, **changes) -> dict:
    marker = uuid.uuid4().hex
    data = {
        **VALID,
        "message": f"Need a store {marker}",
        "source_page": str(site["portfolio"].services[0].pk),
        "started": old_stamp(),
        "form_token": marker,
        "website": "",
        "visitor_path": json.dumps({"landing": "https://vitrina.example/", "pages": []}),
    }
    data.update(changes)
    return data


def stored_or_refused(walk: Walk, response, before: int, label: str, *, must_store: bool):
    """A valid request is stored (302 to the thanks page, one more row); a refused one is a 400
    that shows the form again; nothing else."""
    stored = LeadSubmission.objects.count() > before
    if response.status_code >= 500:
        return
    if must_store and not stored:
        walk.fail(f"{response.status_code} lost a valid request: {label}")
    elif (
        response.status_code == 302 and not stored and not label.startswith(("website", "started"))
    ):
        walk.fail(f"302 but nothing stored: {label}")
    elif response.status_code not in (302, 400, 429):
        walk.fail(f"{response.status_code} unexpected: {label}")


def test_request_form_fields(hostile_site):
    walk = Walk()
    fields = [*VALID, "source_page", "form_token", "started", "website", "visitor_path"]
    for name in fields:
        for value in corpus.TEXT:
            label = f"{name}={short(value)}"
            before = LeadSubmission.objects.count()
            data = form_data(hostile_site, **{name: value})
            response = walk.post("/requests/", urlencode(data), FORM, label=label)
            must_store = name == "source_page" or (name == "form_token" and len(value) <= 64)
            stored_or_refused(walk, response, before, label, must_store=must_store)
    paths = [json.dumps(path) for path in corpus.VISITOR_PATHS] + corpus.VISITOR_PATH_STRINGS
    headers = {"HTTP_REFERER": "http://testserver/\x00", "HTTP_USER_AGENT": "\x00" * 2000}
    for index, path in enumerate(paths):
        label = f"visitor_path #{index} {short(path, 60)}"
        before = LeadSubmission.objects.count()
        data = urlencode(form_data(hostile_site, visitor_path=path))
        response = walk.post("/requests/", data, FORM, label=label, **headers)
        stored_or_refused(walk, response, before, label, must_store=True)
    for name in VALID:
        label = f"duplicate {name}"
        body = urlencode(form_data(hostile_site)) + f"&{name}=%00&{name}=%ff%fe"
        walk.post("/requests/", body, FORM, label=label)
    for body, content_type in [
        (json.dumps(form_data(hostile_site)), JSON),
        (urlencode(form_data(hostile_site)), "text/plain"),
        (corpus.DEEP, JSON),
        (b"name=%ff%fe&consent=%00&email=a%40b.c", FORM),
    ]:
        walk.post("/requests/", body, content_type, label=f"as {content_type}")
    assert_clean(walk, floor=300)


def api_post(walk: Walk, site, body, label: str, content_type: str = JSON):
    return walk.post(
        "/api/leads/",
        body,
        content_type,
        label=label,
        HTTP_AUTHORIZATION=f"Api-Key {site['api_key']}",
    )


API_SAMPLE = [*corpus.SAMPLE, "\x00", "x" * 100_000, *corpus.JSON_VALUES[len(corpus.TEXT) :]]


def test_api_fields_and_bodies(hostile_site):
    walk = Walk()
    metadata = [
        "consent_text",
        "idempotency_key",
        "landing",
        "referrer",
        "utm",
        "pages",
        "first_touch",
    ]
    for name in [*VALID, *metadata]:
        for value in corpus.JSON_VALUES if name in metadata else API_SAMPLE:
            label = f"{name}={short(value)}"
            before = LeadSubmission.objects.count()
            body = json.dumps({**VALID, "consent": True, "message": uuid.uuid4().hex, name: value})
            response = api_post(walk, hostile_site, body, label)
            stored = LeadSubmission.objects.count() > before
            if len(body) > MAX_BODY:  # refused whole, with a message saying so
                if response.status_code != 400:
                    walk.fail(f"{response.status_code} for an oversized body: {label}")
            elif name in metadata and response.status_code < 500 and not stored:
                walk.fail(f"{response.status_code} lost a valid API request: {label}")
            elif response.status_code not in (201, 202, 400) and response.status_code < 500:
                walk.fail(f"{response.status_code} unexpected: {label}")
    for body in corpus.BODIES:
        response = api_post(walk, hostile_site, body, f"body {short(body, 60)}")
        if response.status_code != 400 and response.status_code < 500:
            walk.fail(f"{response.status_code} for a broken body {short(body, 60)}")
    for content_type in (FORM, "text/plain", "multipart/form-data; boundary=x"):
        api_post(walk, hostile_site, urlencode(VALID), f"as {content_type}", content_type)
    for key in ("\x00", "x" * 100_000, "%ff", "Api-Key"):
        walk.post("/api/leads/", json.dumps(VALID), JSON, HTTP_AUTHORIZATION=f"Api-Key {key}")
        walk.post("/api/leads/", json.dumps(VALID), JSON, HTTP_X_API_KEY=key)
    assert_clean(walk, floor=400)


def test_proposal_answers(hostile_site):
    walk = Walk()
    proposal = hostile_site["proposal"]
    fresh = {field: getattr(proposal, field) for field in ("status", "accepted_at", "declined_at")}
    for answer, names in (("accept", ["name", "position"]), ("decline", ["reason"])):
        for name in names:
            for value in corpus.TEXT:
                data = {"name": "Anna", name: value}
                walk.post(f"/p/{proposal.token}/{answer}/", urlencode(data), FORM)
                Proposal.objects.filter(pk=proposal.pk).update(**fresh)
    assert walk.get(f"/p/{proposal.token}/pdf/").status_code < 500
    assert_clean(walk, floor=70)
