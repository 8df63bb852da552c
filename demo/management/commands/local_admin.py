"""``manage.py local_admin``: make sure a superuser exists for local use, keep the local site's
address in step with ``WAGTAILADMIN_BASE_URL`` (``make run`` sets it from ``PORT``) and print how
to log in."""

import secrets
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Site

PASSWORD_FILE = Path(settings.BASE_DIR) / ".local-admin-password"
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}


def local_site_follow(base_url: str) -> Site | None:
    """Point the default site at ``base_url`` when both are local addresses, so canonical links,
    ``og:url``, the sitemap and the API's ``html_url`` name the port the site is served on. A site
    set to a real host name is left alone."""
    address = urlsplit(base_url)
    site = Site.objects.filter(is_default_site=True).first()
    if site is None or site.hostname not in LOCAL_HOSTS or address.hostname not in LOCAL_HOSTS:
        return site
    port = address.port or (443 if address.scheme == "https" else 80)
    if (site.hostname, site.port) != (address.hostname, port):
        site.hostname, site.port = address.hostname, port
        site.save(update_fields=["hostname", "port"])
    return site


class Command(BaseCommand):
    help = "Create the local-only 'admin' superuser on first run and print the login."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("local_admin is for local development only (DEBUG is off).")
        User = get_user_model()
        if PASSWORD_FILE.exists():
            password = PASSWORD_FILE.read_text().strip()
        else:
            password = secrets.token_urlsafe(12)
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
        user = User.objects.filter(username="admin").first()
        if user is None:
            User.objects.create_superuser("admin", "admin@localhost", password)
        elif not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        sales = list(
            User.objects.filter(groups__name__in=["Sales", "Sales managers"])
            .distinct()
            .order_by("pk")
        )
        for member in sales:
            if not member.check_password(password):
                member.set_password(password)
                member.save(update_fields=["password"])
        base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        local_site_follow(base)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"  Site:   {base}/"))
        self.stdout.write(
            self.style.SUCCESS(f"  Admin:  {base}/admin/   login: admin   password: {password}")
        )
        if sales:
            names = ", ".join(member.username for member in sales)
            self.stdout.write(f"  Sales users with the same password: {names}")
        self.stdout.write(
            "  (logins made for local use only; the password is kept in .local-admin-password)"
        )
        self.stdout.write("")
