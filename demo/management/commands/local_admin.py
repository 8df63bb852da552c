"""``manage.py local_admin``: make sure a superuser exists for local use and print how to log in."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

PASSWORD_FILE = Path(settings.BASE_DIR) / ".local-admin-password"


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
