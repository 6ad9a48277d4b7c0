"""One settings module, driven by environment variables that fail loudly."""
import os
from pathlib import Path
from urllib.parse import unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str = "") -> bool:
    value = os.environ.get(name, default).strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("", "0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {value!r}") from None


def database_from_url(url: str) -> dict:
    """Django DATABASES entry from sqlite:///path or postgres://user:pw@host:port/name."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = unquote(parsed.path)
        if url.startswith("sqlite:////"):
            name = path  # absolute: sqlite:////abs/path
        else:
            name = str(BASE_DIR / path.lstrip("/")) if path.strip("/") else str(BASE_DIR / "db.sqlite3")
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE",
                        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"},
        }
    if parsed.scheme in ("postgres", "postgresql", "pgsql"):
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")) or "postgres",
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "CONN_MAX_AGE": envint("CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
            # Our server-side cursors (Django's .iterator()) always read every row: plan them for
            # the whole result, not the first tenth (a document's 4,000 matches: 440 -> 90 ms).
            "OPTIONS": {"options": "-c cursor_tuple_fraction=1"},
        }
    raise ImproperlyConfigured(f"DATABASE_URL scheme {parsed.scheme!r} is not supported (sqlite or postgres)")


DEBUG = envbool("DEBUG")
# Required when DEBUG is off. Left empty here, Django refuses it the moment it is
# used, and archive/wsgi.py asks for it at start-up, so a server never starts
# without one, while offline commands (extract, ingest, migrate) still run.
SECRET_KEY = os.environ.get("SECRET_KEY", "") or ("dev-only-insecure-key" if DEBUG else "")

ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "archive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "archive.middleware.content_security_policy",
    "archive.middleware.request_memo",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

if os.environ.get("DATABASE_REPLICA_URL"):
    MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
                      "archive.routers.primary_for_writes")

ROOT_URLCONF = "archive.urls"
WSGI_APPLICATION = "archive.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", "sqlite:///db.sqlite3"))}
if os.environ.get("TEST_DATABASE_NAME"):
    # lets several test runs share one PostgreSQL server without colliding
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
if os.environ.get("DATABASE_REPLICA_URL"):
    # Reads go to a streaming replica; writes, transactions and the admin stay on the primary.
    DATABASES["replica"] = database_from_url(os.environ["DATABASE_REPLICA_URL"])
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["archive.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and envbool("ARCHIVE_MANIFEST_STATIC", "1")
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Files larger than this are rejected by the loader with a reason.
ARCHIVE_MAX_FILE_BYTES = envint("ARCHIVE_MAX_FILE_BYTES", 2_000_000)
ARCHIVE_PAGE_SIZE = 20
# Database time one search request may spend (results, count, facets), in milliseconds; past it the
# page still answers, with what is missing labelled. 0 turns the limit off.
ARCHIVE_SEARCH_TIME_LIMIT_MS = envint("ARCHIVE_SEARCH_TIME_LIMIT_MS", 2000)
# How long a search's count, facets and histogram are reused (per process; set CACHES for a shared
# cache), keyed on the data version. Whole-archive aggregates keep their own, longer time.
# 0: computed on every request (benchmarks/bench.py, to time the real work).
ARCHIVE_CACHE_SECONDS = envint("ARCHIVE_CACHE_SECONDS", 60)
# How long a process reuses the data version (an article count and the last ids, which key every
# cached count and the facet columns): a load or an edit shows within this. 0: read per request.
ARCHIVE_DATA_VERSION_SECONDS = float(os.environ.get("ARCHIVE_DATA_VERSION_SECONDS", "1"))
# Facets counted over arrays in memory (archive/columns.py) rather than SQL joins: ~100 MB per
# process at 1,000,000 articles. Archives up to the second figure are read in the request (well
# under a second); larger ones in a background thread, the facets counting in SQL meanwhile.
ARCHIVE_FACET_COLUMNS = envbool("ARCHIVE_FACET_COLUMNS", "1")
ARCHIVE_FACET_COLUMNS_IN_REQUEST_UP_TO = envint("ARCHIVE_FACET_COLUMNS_IN_REQUEST_UP_TO", 50_000)
# Read them when the server starts (archive/wsgi.py), so no request counts a large archive in SQL.
ARCHIVE_FACET_COLUMNS_AT_START = envbool("ARCHIVE_FACET_COLUMNS_AT_START", "0")

# --- security: safe defaults when DEBUG is off; TLS settings for a server behind HTTPS ---
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "0" if DEBUG else "1")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "0")
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "1")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "0")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if envbool("BEHIND_TLS_PROXY", "0"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}
