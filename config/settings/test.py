"""Settings for the test suite (see STYLE.md section 4)."""

import tempfile

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "vitrina-test",
    },
    "pages": {
        "BACKEND": "serving.cache_backends.ByteBoundedLocMemCache",
        "LOCATION": "vitrina-test-pages",
        "OPTIONS": {"MAX_BYTES": PAGE_CACHE_MAX_BYTES, "MAX_ENTRIES": 1_000_000},
    },
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="vitrina-test-media-")
PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="vitrina-test-private-")
STORAGES = {
    **STORAGES,
    "imports": {
        "BACKEND": "core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
}
SECURE_SSL_REDIRECT = False
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["*"]
LANGUAGE_CODE = "en"
PAGE_CACHE_SECONDS = 0  # tests of the page cache turn it on themselves
