"""Hostile inputs for the walk in ``test_hostile_input.py``: what an attacker or a broken
client sends instead of what our pages and forms expect."""

#: Text values (a query parameter, a form field, a JSON string), encoded by the test client.
TEXT = [
    "\x00",
    "a\x00b",
    "%00",
    "²",  # str.isdigit() says yes, int() says no
    "①",
    "٣٤",  # Arabic-Indic digits: int() takes them
    "1²",
    "99999999999999999999999",
    "-1",
    "-99999999999999999999999",
    "0",
    "1e999",
    "9" * 5000,  # more digits than int() parses
    "x" * 100_000,
    "{{ request.META }}{% debug %}",
    "${7*7}#{7*7}",
    "' OR '1'='1' --",
    "1; DROP TABLE leads_leadsubmission; --",
    '<script>alert(1)</script>"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "../../../../etc/passwd",
    "\u202e\ufeff😀\ud7ff",
    "  ",
    "",
]

#: One of each kind, where every value for every parameter would take too long.
SAMPLE = [
    "a\x00b",
    "²",
    "①",
    "99999999999999999999999",
    "-99999999999999999999999",
    "9" * 5000,
    "1e999",
    "{{ request.META }}{% debug %}",
    "' OR '1'='1' --",
    '<script>alert(1)</script>"><img src=x onerror=alert(1)>',
    "\u202e\ufeff😀\ud7ff",
    "",
]

#: Raw query-string values, sent exactly as written: bad percent-encoding and invalid UTF-8.
RAW = ["%00", "%ff%fe", "%", "%zz", "%e2%82", "%C2%B2", "%E2%91%A0", "%u0000", "a=b=c", "+%2B+"]
RAW_SAMPLE = ["%00", "%ff%fe", "%zz", "%e2%82"]

#: Path segments in place of a URL's ``<str:…>`` or a page slug (raw, like ``RAW``).
SEGMENTS = [
    "%00",
    "%ff%fe",
    "%C2%B2",
    "%E2%91%A0",
    "99999999999999999999999",
    "-1",
    "0",
    "9" * 5000,
    "x" * 3000,
    "%7B%7B7*7%7D%7D",
    "'%20OR%201=1--",
    "%3Cscript%3E",
    "..%2F..%2Fetc%2Fpasswd",
]

#: Values for a ``<int:…>`` segment (the converter itself refuses anything else).
INTEGERS = ["0", "1", "99999999999999999999999", "9" * 5000]

#: JSON values for the fields of ``POST /api/leads/`` (and the parts of the visitor's path).
JSON_VALUES = [
    *TEXT,
    10**30,
    -(10**30),
    1e308,
    True,
    None,
    [],
    ["\x00", 1],
    {"\x00": "\x00"},
    {"a": {"b": {"c": "\x00"}}},
    # JSON's "\ud800": a lone UTF-16 surrogate, which no UTF-8 encoder (so no database) takes
    "\ud800",
    "a\udfffb",
    ["\udc00"],
    {"\ud800": "\udbff"},
    {"utm_source": "\ud800", "at": "9999-12-31T23:59:59-14:00"},
]

#: Whole request bodies for the JSON API.
DEEP = "[" * 1000 + "]" * 1000
BODIES = [
    DEEP,
    '{"a":' * 1000 + "1" + "}" * 1000,
    b"\xff\xfe\x00",
    b"",
    "null",
    "1e999999",
    "NaN",
    '"\\u0000"',
    '{"name": "\\u0000"}',
    '{"name": "a", "name": "b"}',
    "x" * 70_000,
]

#: A field of the visitor's path the browser sends with the form (static/js/visitor-path.js).
VISITOR_PATHS = [
    {"landing": "https://vitrina.example/?utm_source=%00", "utm": {"utm_source": "\x00"}},
    {"landing": "/\x00", "referrer": "https://\x00", "pages": [{"url": "/\x00", "title": "\x00"}]},
    {"utm": {"utm_source": "x" * 100_000, "utm_medium": ["\x00"], "utm_term": 10**30}},
    {"pages": [{"url": "/a/", "title": {"\x00": 1}, "at": "\x00"}] * 50},
    {"pages": "\x00", "utm": "\x00", "landing": 10**30},
    {"\x00": "\x00"},
    {"landing": "https://a.ru/\ud800", "referrer": "https://\udc00.ru/", "utm": {"\ud800": "1"}},
    {"utm": {"utm_source": "\ud800"}, "pages": [{"url": "/a/", "title": "\udfff"}]},
    # first visits at times past either end of Python's calendar once put in UTC
    {
        "landing": "https://a.ru/",
        "first": {"landing": "https://b.ru/", "at": "9999-12-31T23:59:59-14:00"},
    },
    {"first": {"utm": {"utm_source": "\ud800"}, "at": "0001-01-01T00:00:00+14:00"}},
]
VISITOR_PATH_STRINGS = [DEEP, "{", "\x00", "null", "[1]", "x" * 19_000]
