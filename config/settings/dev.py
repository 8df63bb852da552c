"""Local development: debug on, mail printed to the console."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=0)  # see edits at once while developing
