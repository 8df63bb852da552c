"""SQL queries per page (the third request of each, as a warm process serves it): JSON on stdout."""

import json
import sys

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402


def main(paths: list[str]) -> None:
    counts = {}
    with override_settings(PAGE_CACHE_SECONDS=0, SECURE_SSL_REDIRECT=False):
        client = Client(HTTP_HOST="127.0.0.1")
        for path in paths:
            client.get(path)
            client.get(path)
            with CaptureQueriesContext(connection) as queries:
                status = client.get(path).status_code
            counts[path] = {"queries": len(queries), "status": status}
    print(json.dumps(counts))


if __name__ == "__main__":
    main(sys.argv[1:])
