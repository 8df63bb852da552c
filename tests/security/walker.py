"""The machinery of the hostile-input walk: a client that counts what it sends and keeps every
5xx, and the public URLs of the project, read from its URLconf."""

import re
import time
import traceback
from dataclasses import dataclass, field
from urllib.parse import quote

from django.test import Client
from django.urls import get_resolver
from django.urls.resolvers import RoutePattern, URLResolver

#: What the walk sent and saw in this run, for the summary line (tests/security/conftest.py).
TOTALS = {"requests": 0, "5xx": 0, "cpu_seconds": 0.0}

#: Patterns that are not public: the admin has its own tests.
PRIVATE_PREFIXES = ("admin/",)

#: Regex patterns, which cannot be filled in by their converters: how the walk builds them.
#: A public regex pattern missing here fails the walk, so a new one cannot go unwalked.
DOCUMENT_SERVE = r"documents/^(\d+)/(.*)$"
WAGTAIL_SERVE = r"^((?:[\w\-]+/)*)$"
KNOWN_REGEX = {DOCUMENT_SERVE, WAGTAIL_SERVE}

ROUTE_PARAM = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def short(text: str, limit: int = 120) -> str:
    text = repr(text)
    return text if len(text) <= limit else f"{text[:limit]}…({len(text)} chars)"


@dataclass
class Walk:
    """Sends requests through Django's test client and records, instead of raising, every
    answer of 500 or more with the exception behind it."""

    client: Client = field(default_factory=lambda: Client(raise_request_exception=False))
    sent: int = 0
    failures: list[str] = field(default_factory=list)

    def send(self, method: str, path: str, *, label: str = "", **kwargs):
        self.sent += 1
        TOTALS["requests"] += 1
        started = time.process_time()
        response = self.client.generic(method, path, **kwargs)
        TOTALS["cpu_seconds"] += time.process_time() - started
        if response.status_code >= 500:
            TOTALS["5xx"] += 1
            error = ""
            if getattr(response, "exc_info", None):
                error = traceback.format_exception_only(*response.exc_info[:2])[-1].strip()
            self.failures.append(
                f"{response.status_code} {method} {short(path)} {label} {short(error, 300)}"
            )
        return response

    def get(self, path: str, **kwargs):
        return self.send("GET", path, **kwargs)

    def post(self, path: str, data, content_type: str, **kwargs):
        return self.send("POST", path, data=data, content_type=content_type, **kwargs)

    def fail(self, message: str) -> None:
        self.failures.append(message)

    def report(self) -> str:
        shown = "\n".join(self.failures[:60])
        more = len(self.failures) - 60
        return f"{len(self.failures)} failures in {self.sent} requests:\n{shown}" + (
            f"\n… and {more} more" if more > 0 else ""
        )


def public_patterns() -> list:
    """``(route, is_route)`` of every URL pattern outside the admin, joined with its includes
    (``api/v2/^pages/<int:pk>/``); ``is_route`` is false for a regular expression."""
    found = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if route.startswith(PRIVATE_PREFIXES):
                continue
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            else:
                found.append((route, isinstance(pattern.pattern, RoutePattern)))

    walk(get_resolver().url_patterns, "")
    return found


def fill(route: str, values: dict[str, str]) -> str:
    """``p/<str:token>/`` → ``/p/<values["token"]>/`` (raw: the value is not quoted again)."""
    route = route.replace("^", "").replace("$", "")
    return "/" + ROUTE_PARAM.sub(lambda match: values[match["name"]], route)


def route_params(route: str) -> list[tuple[str, str]]:
    return [(m["converter"] or "str", m["name"]) for m in ROUTE_PARAM.finditer(route)]


def query(pairs) -> str:
    """A query string from ``(name, value)``: text values quoted, raw ones (bytes) as given."""
    parts = []
    for name, value in pairs:
        text = value.decode() if isinstance(value, bytes) else quote(value, safe="")
        parts.append(f"{name}={text}")
    return "&".join(parts)
