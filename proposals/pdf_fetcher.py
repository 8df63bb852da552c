"""WeasyPrint's URL fetcher for proposal PDFs: this site's media and static files from storage.

Imports WeasyPrint (most of a second), so only the render imports this module.
"""

import mimetypes
from pathlib import PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage

from weasyprint.urls import URLFetcher, URLFetcherResponse


class StorageURLFetcher(URLFetcher):
    """Answers this site's ``/media/`` and ``/static/`` URLs from storage; refuses the rest.

    ``base_url`` is the origin relative URLs are resolved against; ``MEDIA_URL`` and
    ``STATIC_URL`` may be absolute (a CDN) and are matched as they are. ``data:`` URLs are
    decoded in memory. Every refusal raises, and WeasyPrint leaves that resource out.
    """

    def __init__(self, *, base_url: str, **kwargs):
        super().__init__(allowed_protocols=("data",), allow_redirects=False, **kwargs)
        self.origin = _origin(base_url)
        #: Every URL asked for and whether it was answered, in order (for tests and logs).
        self.requests: list[tuple[str, bool]] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        try:
            response = self._answer(url, headers)
        except Exception:
            self.requests.append((url, False))
            raise
        self.requests.append((url, True))
        return response

    def _answer(self, url: str, headers) -> URLFetcherResponse:
        if url.lower().startswith("data:"):
            return super().fetch(url, headers)  # no I/O: urllib's DataHandler decodes it
        for prefix, read in (
            (settings.MEDIA_URL, _read_media),
            (settings.STATIC_URL, _read_static),
        ):
            name = self._name_under(url, prefix)
            if name is not None:
                content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, read(name), {"Content-Type": content_type})
        raise ValueError(f"Refused to fetch {url!r}: only this site's media and static files")

    def _name_under(self, url: str, prefix: str) -> str | None:
        """The storage name of ``url`` below the URL ``prefix``, or None if it is elsewhere."""
        parts, base = urlsplit(url), urlsplit(urljoin(self.origin, prefix))
        if parts.scheme.lower() not in ("http", "https") or parts.query:
            return None
        if (parts.scheme.lower(), parts.netloc.lower()) != (
            base.scheme.lower(),
            base.netloc.lower(),
        ):
            return None
        if not parts.path.startswith(base.path):
            return None
        name = unquote(parts.path.removeprefix(base.path))
        segments = PurePosixPath(name).parts
        if not name or "\\" in name or "\x00" in name or name.startswith("/"):
            raise ValueError(f"Refused to fetch {url!r}: not a file name")
        if any(segment in ("..", ".") for segment in segments):
            raise ValueError(f"Refused to fetch {url!r}: a path outside the files")
        return name


def _origin(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"The base URL must be absolute http(s): {url!r}")
    return f"{parts.scheme}://{parts.netloc}/"


def _read_media(name: str) -> bytes:
    with default_storage.open(name, "rb") as file:
        return file.read()


def _read_static(name: str) -> bytes:
    if staticfiles_storage.exists(name):  # collected (hashed names of the manifest storage)
        with staticfiles_storage.open(name, "rb") as file:
            return file.read()
    path = finders.find(name)  # not collected yet (development, tests)
    if not path:
        raise FileNotFoundError(name)
    with open(path, "rb") as file:
        return file.read()
