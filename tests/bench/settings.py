"""Production settings plus one bench-only URL: a bare view that inserts one row (the floor)."""

from config.settings.production import *  # noqa: F403

ROOT_URLCONF = "tests.bench.urls"
