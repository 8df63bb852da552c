"""``manage.py export_site DIR [--app-url URL] [--jobs N]``: a static copy of the public site."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tqdm import tqdm

from serving.export import SiteExporter


class Command(BaseCommand):
    help = (
        "Write every live public page, the sitemap, robots.txt and the static files and images "
        "they use into DIR, with forms and search pointing at the live app (PUBLIC_APP_URL). "
        "Copies an earlier export wrote of pages no longer public are deleted."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", help="Where to write the site (created if missing).")
        parser.add_argument(
            "--jobs",
            type=int,
            default=os.cpu_count() or 1,
            help="Processes rendering pages (default: one per CPU core).",
        )
        parser.add_argument(
            "--app-url",
            default=settings.PUBLIC_APP_URL,
            help="Address of the live app that forms and search post to (default: PUBLIC_APP_URL).",
        )

    def handle(self, *args, directory, app_url, jobs, verbosity=1, **options):
        if not app_url:
            raise CommandError(
                "Set PUBLIC_APP_URL or pass --app-url: forms and search on the exported "
                "pages must reach the live app."
            )
        exporter = SiteExporter(directory, app_url=app_url)
        report = exporter.export(
            progress=lambda paths: tqdm(paths, unit="page", disable=verbosity < 1), jobs=jobs
        )
        self.stdout.write(
            f"Exported {report.pages} pages and {report.files} files into {directory} "
            f"in {report.seconds:.1f} s; {len(report.skipped)} pages not public were left out; "
            f"{len(report.removed)} copies of pages no longer public were deleted."
        )
