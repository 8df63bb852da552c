"""A static copy of the public site: every listable page, the sitemap, robots.txt, and the
static files and image renditions the pages use, ready for any web server or CDN. A copy of a
page that is no longer public (unpublished, deleted, moved, view-restricted, internal-only) is
deleted by the next run that concerns it, and nothing the export did not write
(``export_manifest``).

Pages are rendered through the whole Django stack as an anonymous visitor, exactly as the live
site serves them; forms, filters and search in them point at ``PUBLIC_APP_URL``, the live app.
"""

import logging
import multiprocessing
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.db import connections
from django.test import Client
from django.test.utils import override_settings

from wagtail.models import Page, Site

from .export_manifest import ExportManifest, delete_files, exclusive
from .headers import HEADERS_FILE, headers_file_text
from .public import listable

# Attributes that name a file the page needs: links, images (srcset too), scripts, Open Graph.
URL_ATTRIBUTE = re.compile(r'(?:href|src|srcset|content)="([^"]+)"')
CSS_URL = re.compile(r"url\(['\"]?([^'\")]+)['\"]?\)")
# The sitemap, robots.txt, and the brand drawn from the site settings (core.brand): the accent's
# stylesheet, the favicons and the web manifest every page links.
EXTRA_FILES = (
    "/sitemap.xml",
    "/robots.txt",
    "/brand.css",
    "/favicon.ico",
    "/icon-192.png",
    "/icon-512.png",
    "/apple-touch-icon.png",
    "/manifest.webmanifest",
)


@dataclass
class ExportReport:
    pages: int = 0
    files: int = 0
    skipped: list[str] = field(default_factory=list)
    seconds: float = 0.0
    written: list[str] = field(default_factory=list)
    #: URL paths whose copies were deleted: their pages are no longer public.
    removed: list[str] = field(default_factory=list)

    def tally(self, results: Iterable[tuple[str, bool]]) -> None:
        """Count ``(path, written)`` pairs as they come."""
        for path, written in results:
            if written:
                self.pages += 1
                self.written.append(path)
            else:
                self.skipped.append(path)


def file_for(url_path: str) -> str:
    """``/cases/x/`` → ``cases/x/index.html``; ``/`` → ``index.html``."""
    path = unquote(url_path).lstrip("/")
    return f"{path}index.html" if not path or path.endswith("/") else path


def local_references(text: str) -> set[str]:
    """Paths on this site that a page or stylesheet refers to (no other hosts, no fragments)."""
    found = set()
    for value in URL_ATTRIBUTE.findall(text) + CSS_URL.findall(text):
        for candidate in value.split(",") if " " in value else [value]:
            url = candidate.strip().split(" ")[0]
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or not parts.path.startswith("/"):
                continue
            found.add(parts.path)
    return found


class SiteExporter:
    """Writes the public site of ``site`` (the default site) into ``target``."""

    def __init__(self, target, *, site: Site | None = None, app_url: str | None = None):
        self.target = Path(target)
        self.site = site or Site.objects.get(is_default_site=True)
        self.app_url = settings.PUBLIC_APP_URL if app_url is None else app_url
        self.client = None
        self.copied: set[str] = set()
        self.fresh: list[str] = []  # assets copied since a worker last reported them

    # What to export.

    def page_entries(self, page_ids: Iterable[int] | None = None) -> dict[str, int]:
        """URL path → page id of listable pages (all of the site's, or ``page_ids``), with their
        subpages (``export_subpaths``: a case list's page 2)."""
        root = self.site.root_page
        queryset = listable(Page.objects.descendant_of(root, inclusive=True))
        if page_ids is not None:
            queryset = queryset.filter(pk__in=list(page_ids))
        prefix = len(root.url_path) - 1
        entries = {}
        rows = queryset.order_by("path").values_list("pk", "url_path", "content_type_id")
        for pk, url_path, content_type_id in rows:
            path = url_path[prefix:]
            entries[path] = pk
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            if model is not None and hasattr(model, "export_subpaths"):
                for sub in model.objects.get(pk=pk).export_subpaths():
                    entries[path + sub] = pk
        return entries

    def own_path(self, page: Page) -> str | None:
        """Where the copy of ``page`` is (or would be); None outside this site."""
        root_url_path = self.site.root_page.url_path
        if not page.url_path.startswith(root_url_path):
            return None
        return page.url_path[len(root_url_path) - 1 :]

    # Writing.

    def export(
        self, progress: Callable[[Iterable], Iterable] = iter, jobs: int = 1
    ) -> ExportReport:
        """The whole site, rendered by ``jobs`` processes. Then every page copy an earlier run
        wrote that this one did not (its page is no longer public), and every asset no page uses
        any more, is deleted."""
        with exclusive(self.target):
            before = ExportManifest.load(self.target)
            entries = self.page_entries()
            paths = list(entries)
            if jobs <= 1 or len(paths) < 100:
                report = self._run(paths, progress)
            else:
                report = self._run_parallel(paths, progress, jobs)
            now = ExportManifest({path: entries[path] for path in report.written}, self.copied)
            report.removed = self._delete([path for path in before.pages if path not in now.pages])
            delete_files(self.target, [url.lstrip("/") for url in before.files - now.files])
            now.save(self.target)
        return report

    def export_pages(
        self, pages: Iterable[Page], removed_url_paths: Iterable[str] = ()
    ) -> ExportReport:
        """Only ``pages`` (and the sitemap), after they were published, changed, unpublished,
        made private or internal-only; ``removed_url_paths`` are where pages were before they
        were unpublished, moved or deleted.

        The pages that still are public are written, the copies of those that are not any more
        are deleted: the page's own copy, the copies of its subpages and of the pages whose copies
        were under a removed path (a moved section is written at its new place).
        """
        pages = list(pages)
        removed = tuple(removed_url_paths)
        with exclusive(self.target):
            manifest = ExportManifest.load(self.target)
            ids = {page.pk for page in pages}
            ids.update(pk for path, pk in manifest.pages.items() if path.startswith(removed))
            entries = self.page_entries(ids)
            report = self._run(list(entries), iter)
            written = {path: entries[path] for path in report.written}
            stale = {path for path, pk in manifest.pages.items() if pk in ids}
            stale.update(removed, filter(None, map(self.own_path, pages)))
            report.removed = self._delete(sorted(stale - written.keys()))
            for path in report.removed:
                manifest.pages.pop(path, None)
            manifest.pages.update(written)
            manifest.files.update(self.copied)
            manifest.files -= self._delete_vanished_media(manifest.files)
            manifest.save(self.target)
        return report

    def _delete_vanished_media(self, files: set[str]) -> set[str]:
        """Delete the copies of media files the site no longer has (a picture deleted because
        its case now hides its client, or is internal; a deleted image): their copies must not
        stay public until the next full export. The URL paths they had."""
        gone = {
            url
            for url in files
            if url.startswith(settings.MEDIA_URL)
            and not default_storage.exists(unquote(url.removeprefix(settings.MEDIA_URL)))
        }
        delete_files(self.target, [url.lstrip("/") for url in gone])
        return gone

    def _delete(self, url_paths: list[str]) -> list[str]:
        """Delete the copies of these pages (and folders left empty); the paths that had one."""
        return [path for path in url_paths if delete_files(self.target, [file_for(path)])]

    def _rendering(self):
        """Settings for rendering the copy: the app's address in forms, no page cache, no HTTPS
        redirect, the site's host allowed; and no warning for each page left out (a 404)."""
        logging.getLogger("django.request").setLevel(logging.ERROR)
        return override_settings(
            PUBLIC_APP_URL=self.app_url,
            PAGE_CACHE_SECONDS=0,
            SECURE_SSL_REDIRECT=False,
            ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, self.site.hostname],
        )

    def _client(self) -> Client:
        """An anonymous visitor of the site's host."""
        return Client(HTTP_HOST=self.site.hostname, SERVER_PORT=str(self.site.port))

    def _run(self, paths: list[str], progress) -> ExportReport:
        started = time.perf_counter()
        report = ExportReport()
        request_log = logging.getLogger("django.request")
        level = request_log.level
        try:
            with self._rendering():
                self.client = self._client()
                report.tally((path, self._write(path)) for path in progress(paths))
                for url_path in EXTRA_FILES:
                    self._write(url_path)
                self._write_headers()
        finally:
            request_log.setLevel(level)
        report.files = len(self.copied)
        report.seconds = time.perf_counter() - started
        return report

    def _run_parallel(self, paths: list[str], progress, jobs: int) -> ExportReport:
        """Pages split between forked processes; each copies the assets its pages use."""
        started = time.perf_counter()
        report = ExportReport()
        connections.close_all()  # every process opens its own
        context = multiprocessing.get_context("fork")
        with context.Pool(jobs, initializer=_start_worker, initargs=(self,)) as pool:
            done = pool.imap_unordered(_export_one, paths, chunksize=16)
            report.tally(progress(_Sized(self._gather(done), len(paths))))
        self._run([], iter)  # the sitemap, robots.txt and the brand files
        report.files = sum(1 for item in self.target.rglob("*") if item.is_file()) - report.pages
        report.seconds = time.perf_counter() - started
        return report

    def _gather(self, results) -> Iterable[tuple[str, bool]]:
        """A worker's ``(path, written, assets copied)`` as ``(path, written)``; the assets are
        noted for the manifest."""
        for path, written, copies in results:
            self.copied.update(copies)
            yield path, written

    def _write(self, url_path: str) -> bool:
        response = self.client.get(url_path)
        if response.status_code != 200:
            return False  # an internal-only case, or a page that refuses anonymous visitors
        body = response.content
        destination = self.target / file_for(url_path)
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(f".{destination.name}.{os.getpid()}")
        partial.write_bytes(body)
        os.replace(partial, destination)  # a web server never serves half a page
        if "html" in response.get("Content-Type", ""):
            for reference in local_references(body.decode()):
                self._copy_asset(reference)
        return True

    def _write_headers(self) -> None:
        """The security headers a web server should send with every file of the copy
        (``_headers``: Netlify and Cloudflare Pages read it; README shows nginx)."""
        destination = self.target / HEADERS_FILE
        destination.parent.mkdir(parents=True, exist_ok=True)
        partial = destination.with_name(f".{destination.name}.{os.getpid()}")
        partial.write_text(headers_file_text(self.app_url), encoding="utf-8")
        os.replace(partial, destination)

    def _copy_asset(self, url_path: str) -> None:
        if url_path in self.copied:
            return
        source = self._source(url_path)
        if source is None:
            return
        self.copied.add(url_path)
        self.fresh.append(url_path)
        destination = self.target / url_path.lstrip("/")
        destination.parent.mkdir(parents=True, exist_ok=True)
        if not destination.exists() or destination.stat().st_mtime < source.stat().st_mtime:
            partial = destination.with_name(f".{destination.name}.{os.getpid()}")
            shutil.copy2(source, partial)
            os.replace(partial, destination)  # another process may be copying the same file
        if source.suffix == ".css":
            base = url_path.rsplit("/", 1)[0] + "/"
            for reference in CSS_URL.findall(source.read_text(encoding="utf-8", errors="ignore")):
                if not urlsplit(reference).scheme and not reference.startswith("data:"):
                    target = reference if reference.startswith("/") else base + reference
                    self._copy_asset(urlsplit(target).path)

    @staticmethod
    def _source(url_path: str) -> Path | None:
        """The file behind a static or media URL; None for pages and anything else."""
        if url_path.startswith(settings.STATIC_URL):
            name = url_path.removeprefix(settings.STATIC_URL)
            collected = Path(settings.STATIC_ROOT) / name
            found = collected if collected.is_file() else finders.find(name)
            return Path(found) if found else None
        if url_path.startswith(settings.MEDIA_URL):
            name = unquote(url_path.removeprefix(settings.MEDIA_URL))
            if default_storage.exists(name):
                return Path(default_storage.path(name))
        return None


class _Sized:
    """An iterator with a length, so progress bars know the total."""

    def __init__(self, iterator, length: int):
        self.iterator, self.length = iterator, length

    def __iter__(self):
        return self.iterator

    def __len__(self):
        return self.length


_worker_exporter: SiteExporter | None = None


def _start_worker(exporter: SiteExporter) -> None:
    global _worker_exporter
    _worker_exporter = exporter
    exporter._rendering().enable()  # for the life of this worker process
    exporter.client = exporter._client()


def _export_one(path: str) -> tuple[str, bool, list[str]]:
    written = _worker_exporter._write(path)
    copies, _worker_exporter.fresh = _worker_exporter.fresh, []
    return path, written, copies
