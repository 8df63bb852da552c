"""Settings shared by every environment; everything comes from the environment.

See README.md ("Configuration") for the table of variables.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if env.bool("DJANGO_READ_DOT_ENV_FILE", default=False):
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env(
    "DJANGO_SECRET_KEY",
    default="django-insecure-local-only-never-use-in-production",
)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "serving",
    "core",
    "experts",
    "catalog",
    "cases",
    "home",
    "leads",
    "search",
    "proposals",
    "projects",
    "analytics",
    "demo",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "serving.headers.SecurityHeadersMiddleware",  # outside the page cache: cached pages get them too
    "core.untrusted.UnusableUrlMiddleware",  # NUL in the address: 400; overlong: 404
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "serving.content_version.ContentVersionMiddleware",
    "serving.public.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "serving.page_cache.PageCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cases.publishing.PublishRefusedMiddleware",  # a refused publication: a message, not a 500
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: any URL django-environ understands; a SQLite file in WAL mode by default.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # mmap and a 32 MiB page cache (default 2 MiB): the analytics reports read every
            # deal of a year; at 100,000 deals each such scan took a quarter less time without
            # a read() system call per page (the mapping is the OS's page cache, shared)
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=5000;"
                "PRAGMA mmap_size=268435456;PRAGMA cache_size=-32768;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
    )
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    # No JIT compilation: PostgreSQL compiles a query whose estimated cost passes
    # jit_above_cost, and the analytics reports' grouped queries over 100,000 deals spent more
    # time compiling (1-2 s: repeat business 2.9 s to 1.4 s, lost reasons 1.1 s to 0.65 s
    # without it) than the compiled code saved; the site's own queries are far below the cost.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
# Keep connections between requests: opening one (and SQLite's pragmas) costs more than a
# cached page. Health checks replace a connection the database server dropped.
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=600))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default, Redis when REDIS_URL is set.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "vitrina",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        }
    }
# Rendered pages (serving.page_cache): kept in each process, bounded in bytes, least recently used
# out first; a hit costs no round trip to Redis either.
PAGE_CACHE_MAX_BYTES = env.int("PAGE_CACHE_MAX_BYTES", default=64 * 1024 * 1024)
CACHES["pages"] = {
    "BACKEND": "serving.cache_backends.ByteBoundedLocMemCache",
    "LOCATION": "vitrina-pages",
    "OPTIONS": {"MAX_BYTES": PAGE_CACHE_MAX_BYTES, "MAX_ENTRIES": 1_000_000},
}

# Background tasks: django-tasks with the database backend; `manage.py run_worker` runs them.
TASKS = {"default": {"BACKEND": env("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}
# `manage.py run_worker` (db_worker with a timer, serving.worker): every WORKER_SWEEP_SECONDS it
# requeues tasks left RUNNING by a dead worker (of this machine at once, of any after
# TASKS_RUNNING_TIMEOUT seconds: keep it above the longest task) and runs WORKER_SWEEPS.
WORKER_SWEEP_SECONDS = env.int("WORKER_SWEEP_SECONDS", default=60)
TASKS_RUNNING_TIMEOUT = env.int("TASKS_RUNNING_TIMEOUT", default=900)
WORKER_SWEEPS = ["leads.tasks.sweep_stranded_requests"]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: one site language per deployment, English or Russian.
LANGUAGES = [("en", _("English")), ("ru", _("Russian"))]
LANGUAGE_CODE = env("LANGUAGE_CODE", default="en")
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = env("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True
# One date and one date-time format per language (config/formats/<lang>/formats.py).
FORMAT_MODULE_PATH = ["config.formats"]
# The admin's date pickers take one strftime format for every language: day first and 24-hour
# like the displayed dates ("05.03.2026 14:30") on a Russian site, ISO otherwise; both are in
# every language's input formats (Wagtail's check wagtailadmin.E003).
WAGTAIL_DATE_FORMAT = "%d.%m.%Y" if LANGUAGE_CODE.startswith("ru") else "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = f"{WAGTAIL_DATE_FORMAT} %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

# Static files and media.
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
#: files that hold personal data and are never served by the web server (uploaded imports)
PRIVATE_MEDIA_ROOT = Path(env.str("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "imports": {
        "BACKEND": "core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT / "imports"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Email.
EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="vitrina@localhost")

# Forms.
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Wagtail.
WAGTAIL_SITE_NAME = env("WAGTAIL_SITE_NAME", default="Vitrina")
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"avif": "avif", "webp": "webp"}
WAGTAILAPI_BASE_URL = WAGTAILADMIN_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_I18N_ENABLED = False

# Search: the database backend by default; Elasticsearch or OpenSearch when their URL is set.
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", default="")
OPENSEARCH_URL = env("OPENSEARCH_URL", default="")
SEARCH_LANGUAGE = "russian" if LANGUAGE_CODE.startswith("ru") else "english"
# A search is offered to visitors as popular once this many visitor-days found results with it.
SEARCH_POPULAR_MIN_VISITORS = env.int("SEARCH_POPULAR_MIN_VISITORS", default=3)
# Elasticsearch/OpenSearch analyse text themselves, close to search.analysis: ё as е, compounds
# joined (C#, .NET, 1С:ERP, e-commerce), Russian then English Snowball stems (each leaves the other
# script alone; one pass, not the fixed point). The editors' synonym groups (search.SynonymGroup)
# apply at search time only: search.es_backends writes them into "vitrina_synonyms" when
# update_index creates the index, so edits reach these backends with the next update_index.
_SEARCH_TEXT = {
    "type": "custom",
    "tokenizer": "standard",
    "char_filter": ["vitrina_chars", "vitrina_joiner"],
}
SEARCH_INDEX_SETTINGS = {
    "settings": {
        "analysis": {
            "char_filter": {
                "vitrina_chars": {
                    "type": "mapping",
                    "mappings": [
                        "ё => е",
                        "Ё => Е",
                        "C# => csharp",
                        "c# => csharp",
                        "C++ => cpp",
                        "c++ => cpp",
                        ".NET => dotnet",
                        ".net => dotnet",
                    ],
                },
                "vitrina_joiner": {
                    "type": "pattern_replace",
                    "pattern": "([\\p{L}\\p{N}])[/.:+'’-]+(?=[\\p{L}\\p{N}])",
                    "replacement": "$1",
                },
            },
            "filter": {
                "vitrina_ru": {"type": "snowball", "language": "Russian"},
                "vitrina_en": {"type": "snowball", "language": "English"},
                "vitrina_synonyms": {"type": "synonym_graph", "synonyms": [], "lenient": True},
            },
            "analyzer": {
                "default": {
                    **_SEARCH_TEXT,
                    "filter": ["lowercase", "vitrina_ru", "vitrina_en"],
                },
                "default_search": {
                    **_SEARCH_TEXT,
                    "filter": ["lowercase", "vitrina_synonyms", "vitrina_ru", "vitrina_en"],
                },
            },
        }
    },
}
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql"):
    INSTALLED_APPS.append("django.contrib.postgres")
if ELASTICSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.es_backends.Elasticsearch9SearchBackend",
            "URLS": [ELASTICSEARCH_URL],
            "INDEX": env("ELASTICSEARCH_INDEX", default="vitrina"),
            "TIMEOUT": 5,
            "INDEX_SETTINGS": SEARCH_INDEX_SETTINGS,
        }
    }
elif OPENSEARCH_URL:
    WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.es_backends.OpenSearch3SearchBackend",
            "URLS": [OPENSEARCH_URL],
            "INDEX": env("ELASTICSEARCH_INDEX", default="vitrina"),
            "TIMEOUT": 5,
            "INDEX_SETTINGS": SEARCH_INDEX_SETTINGS,
        }
    }
else:
    # SQLite (FTS5) and PostgreSQL index the stems of search.analysis (search.db_index), so
    # word forms match alike on both; PostgreSQL then uses the "simple" configuration whatever
    # SEARCH_CONFIG says.
    WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.backends", "SEARCH_CONFIG": SEARCH_LANGUAGE}
    }

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# Content-Security-Policy (django-csp) and Permissions-Policy, set by serving.headers: no inline
# script on public and proposal pages (they are cached and exported, so no nonces there; the
# proposal page's own <style> has one); serving.headers adds PUBLIC_APP_URL's origin to connect-src
# and form-action. Wagtail's admin runs inline scripts and gets its own policy under /admin/.
VIDEO_FRAME_SOURCES = [  # what the video block's embeds (YouTube, Vimeo, RuTube) load
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
    "https://rutube.ru",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-src": VIDEO_FRAME_SOURCES,
        "frame-ancestors": [SELF],  # Wagtail's preview panel
        "object-src": [NONE],
        "base-uri": [SELF],
    }
}
CONTENT_SECURITY_POLICY_ADMIN = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        # Embed thumbnails, and Gravatar: Wagtail asks for it without a scheme (http on http).
        "img-src": [SELF, "data:", "blob:", "https:", "www.gravatar.com"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF, "https://releases.wagtail.org"],  # the update check
        "form-action": [SELF],
        "frame-src": [SELF, *VIDEO_FRAME_SOURCES],
        "frame-ancestors": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
    }
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"

# Full-page cache for anonymous visitors (seconds; 0 turns it off). Pages are keyed by the
# content version kept in the database, so even the per-process local cache (no REDIS_URL) sees
# every change at once; Redis shares the pages between processes.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=600)

# Leads.
PHONE_DEFAULT_REGION = env("PHONE_DEFAULT_REGION", default="RU")
SALES_INBOX = env.list("SALES_INBOX", default=[])
LEADS_RATE_LIMIT = env.int("LEADS_RATE_LIMIT", default=5)  # per IPv4 address or IPv6 /64
LEADS_RATE_WINDOW_MINUTES = env.int("LEADS_RATE_WINDOW_MINUTES", default=60)
LEADS_MIN_FILL_SECONDS = env.int("LEADS_MIN_FILL_SECONDS", default=3)
LEADS_NOTIFY_RETRY_DELAYS = [60, 300, 1800, 7200]  # seconds between notification attempts
# Proxies of our own in front of the app, each appending to X-Forwarded-For (leads/spam.py
# client_ip); 0 takes REMOTE_ADDR. The older LEADS_TRUST_X_FORWARDED_FOR=true means one.
LEADS_TRUSTED_PROXY_COUNT = env.int(
    "LEADS_TRUSTED_PROXY_COUNT",
    default=int(env.bool("LEADS_TRUST_X_FORWARDED_FOR", default=False)),
)
# Sales → Import (leads/imports/reading.py): files above these limits are refused with a
# message; reading stops after LEADS_IMPORT_MAX_EMPTY_ROWS empty rows in a row. XLSX/ODS are
# ZIP archives: MAX_UNPACKED_BYTES refuses a zip bomb before anything is parsed.
LEADS_IMPORT_MAX_BYTES = env.int("LEADS_IMPORT_MAX_BYTES", default=50 * 1024 * 1024)
LEADS_IMPORT_MAX_UNPACKED_BYTES = env.int("LEADS_IMPORT_MAX_UNPACKED_BYTES", default=1024**3)
# odfpy holds a whole ODS document in memory (leads/imports/ods.py), about 22 times its
# unpacked XML (measured: 103 MB of content.xml, 100,000 rows x 10 columns, took 2.3 GB): a
# lower cap, 20 MB being about 20,000 rows of 10 columns (larger files: XLSX or CSV).
LEADS_IMPORT_MAX_ODS_UNPACKED_BYTES = env.int(
    "LEADS_IMPORT_MAX_ODS_UNPACKED_BYTES", default=20 * 1024 * 1024
)
LEADS_IMPORT_MAX_ROWS = env.int("LEADS_IMPORT_MAX_ROWS", default=200_000)
LEADS_IMPORT_MAX_COLUMNS = env.int("LEADS_IMPORT_MAX_COLUMNS", default=300)
LEADS_IMPORT_MAX_EMPTY_ROWS = env.int("LEADS_IMPORT_MAX_EMPTY_ROWS", default=1_000)
# Files with more rows than this are imported by the background task, not in the request.
LEADS_IMPORT_INLINE_ROWS = env.int("LEADS_IMPORT_INLINE_ROWS", default=2_000)
# Where the public pages are served from (a CDN or a static export) and where the live app
# answers forms and search; requests from either origin are accepted by the request form.
PUBLIC_SITE_URL = env("PUBLIC_SITE_URL", default="")
PUBLIC_APP_URL = env("PUBLIC_APP_URL", default="")
# A static copy of the public site kept current by the worker (manage.py export_site writes it).
EXPORT_DIR = env("EXPORT_DIR", default="")
# Optional purge of a CDN or caching proxy in front of the site when a page is (un)published.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL", default=""):  # Varnish, nginx proxy_cache_purge, Squid
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_API_TOKEN", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN"),
        "ZONEID": env("CLOUDFLARE_ZONE_ID", default=""),
    }
