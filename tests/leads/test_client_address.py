"""The sender's address: taken behind our own proxies only, one spelling per address, IPv6
counted per /64, junk replaced by the connection's address; never a failed request."""

import pytest

from leads.models import LeadSubmission
from leads.services import apikey_create
from leads.spam import client_ip, normalise_ip, rate_key
from tests.leads.test_api import VALID, post
from tests.leads.test_request_form import post_data  # noqa: F401  (fixture)
from tests.module_data import portfolio_once, site_tree_once  # noqa: F401 - built once here

SPELLINGS = [
    "2001:db8::7",
    "2001:DB8::7",
    "2001:0db8:0000:0000:0000:0000:0000:0007",
    "2001:db8:0:0:0:0:0:7",
    "2001:db8::0:0:7",
    "2001:0DB8::0007",
    "[2001:db8::7]",
    "[2001:db8::7]:443",
    " 2001:db8::7 ",
    "2001:db8::7%eth0",
]


def ip(rf, remote="10.0.0.1", forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_ip(rf.post("/requests/", **extra))


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_of_an_ipv6_address_is_one_address(spelling):
    assert normalise_ip(spelling) == "2001:db8::7"


@pytest.mark.parametrize(
    ("spelling", "address"),
    [
        ("1.2.3.4:5678", "1.2.3.4"),
        ("::ffff:1.2.3.4", "1.2.3.4"),
        ("::FFFF:0102:0304", "1.2.3.4"),
        ("[::ffff:1.2.3.4]:80", "1.2.3.4"),
        ('"203.0.113.5"', "203.0.113.5"),
    ],
)
def test_ports_and_ipv4_mapped_forms_give_the_ipv4_address(spelling, address):
    assert normalise_ip(spelling) == address


@pytest.mark.parametrize(
    "junk",
    ["", "unknown", "1.2.3.4.5", "01.2.3.4", "<script>", "1.2.3.4\x00", "x" * 200, "2001:db8::g"],
)
def test_junk_is_no_address(junk):
    assert normalise_ip(junk) is None


def test_one_ipv6_64_is_one_sender_and_ipv4_counts_per_address():
    same = {rate_key(a) for a in ("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff")}
    assert same == {"2001:db8:1:2::/64"}
    assert rate_key("2001:db8:1:3::1") != rate_key("2001:db8:1:2::1")
    assert rate_key("::ffff:198.51.100.7") == rate_key("198.51.100.7") == "198.51.100.7"
    assert rate_key("198.51.100.8") != rate_key("198.51.100.7")
    assert rate_key(None) == rate_key("unknown") == ""


def test_without_trusted_proxies_the_header_is_ignored(rf, settings):
    settings.LEADS_TRUSTED_PROXY_COUNT = 0
    assert ip(rf, "198.51.100.7", "203.0.113.1") == "198.51.100.7"


def test_behind_one_proxy_the_forged_left_entries_are_ignored(rf, settings):
    settings.LEADS_TRUSTED_PROXY_COUNT = 1
    # the client sent "X-Forwarded-For: 6.6.6.6"; our proxy appended the address it saw
    assert ip(rf, "10.0.0.1", "6.6.6.6, 203.0.113.1") == "203.0.113.1"
    assert ip(rf, "10.0.0.1", "203.0.113.1") == "203.0.113.1"
    assert ip(rf, "10.0.0.1", "[2001:DB8::7]:443") == "2001:db8::7"


def test_behind_two_proxies_the_second_entry_from_the_right(rf, settings):
    settings.LEADS_TRUSTED_PROXY_COUNT = 2
    assert ip(rf, "10.0.0.2", "6.6.6.6, 203.0.113.1, 10.0.0.1") == "203.0.113.1"
    assert ip(rf, "10.0.0.2", "203.0.113.1") == "10.0.0.2"  # shorter than the chain


@pytest.mark.parametrize("junk", ["unknown", "", "  ", "1.2.3.4, unknown", "garbage, , "])
def test_junk_in_the_header_falls_back_to_the_connection(rf, settings, junk):
    settings.LEADS_TRUSTED_PROXY_COUNT = 1
    assert ip(rf, "198.51.100.7", junk) == "198.51.100.7"


def test_no_header_and_no_address(rf, settings):
    settings.LEADS_TRUSTED_PROXY_COUNT = 1
    assert ip(rf, "198.51.100.7") == "198.51.100.7"
    assert ip(rf, "", "unknown") is None


@pytest.mark.parametrize(
    ("forwarded", "stored"),
    [
        ("unknown", "198.51.100.7"),
        ("1.2.3.4:5678", "1.2.3.4"),
        ("[2001:db8::7]:443", "2001:db8::7"),
        ("::ffff:1.2.3.4", "1.2.3.4"),
        ("1.2.3.4\x00", "198.51.100.7"),
    ],
)
def test_odd_headers_never_lose_the_request(client, settings, post_data, forwarded, stored):  # noqa: F811
    settings.LEADS_TRUSTED_PROXY_COUNT = 1
    response = client.post(
        "/requests/", post_data, REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=forwarded
    )
    assert response.status_code == 302 and response["Location"] == "/requests/thanks/"
    assert LeadSubmission.objects.get().ip_address == stored


def send(client, post_data, number, **extra):  # noqa: F811
    data = {**post_data, "form_token": f"t{number}", "message": f"m{number}"}
    return client.post("/requests/", data, **extra).status_code


def test_ten_spellings_of_one_address_share_one_limit(client, settings, post_data):  # noqa: F811
    settings.LEADS_TRUSTED_PROXY_COUNT = 1
    settings.LEADS_RATE_LIMIT = 5
    statuses = [
        send(client, post_data, n, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=spelling)
        for n, spelling in enumerate(SPELLINGS)
    ]
    assert statuses == [302] * 5 + [429] * 5
    assert LeadSubmission.objects.count() == 5


def test_addresses_of_one_64_share_a_limit_and_another_64_has_its_own(client, settings, post_data):  # noqa: F811
    settings.LEADS_RATE_LIMIT = 3
    statuses = [
        send(client, post_data, n, REMOTE_ADDR=f"2001:db8:1:2::{n + 1:x}") for n in range(5)
    ]
    assert statuses == [302] * 3 + [429] * 2
    assert send(client, post_data, 9, REMOTE_ADDR="2001:db8:1:3::1") == 302


def test_ipv4_mapped_and_plain_ipv4_share_a_limit(client, settings, post_data):  # noqa: F811
    settings.LEADS_RATE_LIMIT = 2
    assert send(client, post_data, 1, REMOTE_ADDR="::ffff:198.51.100.7") == 302
    assert send(client, post_data, 2, REMOTE_ADDR="198.51.100.7") == 302
    assert send(client, post_data, 3, REMOTE_ADDR="::ffff:c633:6407") == 429


def test_a_resubmission_over_the_limit_is_still_thanked(client, settings, post_data):  # noqa: F811
    settings.LEADS_RATE_LIMIT = 1
    assert send(client, post_data, 1, REMOTE_ADDR="198.51.100.7") == 302
    assert send(client, post_data, 1, REMOTE_ADDR="198.51.100.7") == 302  # the same form again
    assert send(client, post_data, 2, REMOTE_ADDR="198.51.100.7") == 429
    assert LeadSubmission.objects.count() == 1


def test_the_api_takes_the_same_address_and_shares_the_limit(client, settings, post_data):  # noqa: F811
    settings.LEADS_TRUSTED_PROXY_COUNT = 1
    settings.LEADS_RATE_LIMIT = 2
    _key, raw = apikey_create(name="Landing")
    headers = {"REMOTE_ADDR": "10.0.0.1", "HTTP_X_FORWARDED_FOR": "6.6.6.6, [2001:db8::7]:443"}
    assert post(client, VALID, raw, **headers).status_code == 201
    assert LeadSubmission.objects.get().ip_address == "2001:db8::7"
    form = send(client, post_data, 1, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="2001:db8::8")
    assert form == 302  # the same /64 as the API's request
    response = post(client, {**VALID, "message": "again"}, raw, **headers)
    assert response.status_code == 429 and LeadSubmission.objects.count() == 2
    junk = {"REMOTE_ADDR": "198.51.100.7", "HTTP_X_FORWARDED_FOR": "unknown"}
    assert post(client, {**VALID, "message": "other"}, raw, **junk).status_code == 201
