"""Settings for PPS-portaal, read from environment variables.

Development: ``DJANGO_DEBUG=True`` (the README's commands set it) gives an
SQLite database in the project, a development secret key and e-mail on the
console. Production (``DJANGO_DEBUG`` unset or False) demands a real
``DJANGO_SECRET_KEY`` and ``DJANGO_ALLOWED_HOSTS`` and turns on HTTPS-only
cookies, HSTS and the SSL redirect; ``manage.py check --deploy`` is clean then.
"""

from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", default=False)

if DEBUG:
    SECRET_KEY = env_str(
        "DJANGO_SECRET_KEY", default="django-insecure-alleen-voor-ontwikkeling-niet-in-productie"
    )
else:
    SECRET_KEY = env_str("DJANGO_SECRET_KEY")
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY moet gezet zijn als DJANGO_DEBUG uit staat. "
            "Voor ontwikkeling: zet DJANGO_DEBUG=True (de scripts in scripts/ doen dat)."
        )

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "DJANGO_ALLOWED_HOSTS moet gezet zijn als DJANGO_DEBUG uit staat "
        "(bijvoorbeeld: pps.example.nl,www.pps.example.nl)."
    )
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# --- Applications -----------------------------------------------------------

INSTALLED_APPS = [
    # Before the admin: a Dutch and an English text for the content the
    # beheerder edits (each app's translation.py registers its fields).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "axes",
    "simple_history",
    # Our apps, one per part of the domain.
    "core",
    "accounts",
    "regions",
    "organisations",
    "partnerships",
    "assessment",
    "evaluation",
    "lessons",
    "decisions",
    "dashboard",
    "demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # The look's stylesheet and logo: answered like static files, no session.
    "regions.middleware.LookAssetsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a login unless its view says otherwise.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends a login after its absolute lifetime (after the messages, to say so).
    "accounts.sessions.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "core.middleware.PermissionsPolicyMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must come last.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "pps_portal.urls"
WSGI_APPLICATION = "pps_portal.wsgi.application"

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
                "accounts.context_processors.notifications",
                "regions.context_processors.brand",
            ],
            # {% url %} as Django's, each address reversed once per process.
            "builtins": ["core.templatetags.remembered_url"],
        },
    },
]

# --- Database ---------------------------------------------------------------

DATABASE_URL = env_str("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
_db_scheme = DATABASE_URL.split(":", 1)[0]
if _db_scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
    raise ImproperlyConfigured(
        f"DATABASE_URL met schema {_db_scheme!r} wordt niet ondersteund; "
        "gebruik sqlite:///pad of postgres://gebruiker@host:5432/database."
    )
try:
    DATABASES = {
        "default": dj_database_url.parse(
            DATABASE_URL,
            conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 600),
            conn_health_checks=True,
        )
    }
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is ongeldig: {exc}") from None
# A form's choices (gemeenten, themes, phases) are read with ``.iterator()``,
# which on PostgreSQL opens a server-side cursor: three round trips instead of
# one per select. Nothing the portal reads is too large to fetch at once.
DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True


def sqlite_options() -> dict:
    """Two writers on SQLite take turns instead of one failing with "database
    is locked": every transaction takes the write lock when it begins
    (``BEGIN IMMEDIATE``, so a reader never has to become a writer halfway),
    and a writer waits up to 20 s for the lock (Django 5.1+)."""
    return {"transaction_mode": "IMMEDIATE", "timeout": 20}


if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        **DATABASES["default"].get("OPTIONS", {}),
        **sqlite_options(),
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The portal's prepared statements (core.prepared; the driver's own are
    # off) are planned once, for any key: left to choose, PostgreSQL planned
    # the feed of a partnership's changes anew on every request (1.3 ms to
    # plan, 0.2 ms to run). Only prepared statements are planned this way.
    # Such a plan is made for a list of about ten keys; with the default cost
    # of a random read (4, for spinning disks) it read all assessments and
    # contributions of the country to find one partnership's (the dashboard's
    # facts: 4.5 ms instead of 0.3). The portal's database is small enough to
    # be read from memory or SSD, for which PostgreSQL's documentation
    # suggests 1.1.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = " ".join(
        filter(
            None,
            [
                _options.get("options", ""),
                "-c plan_cache_mode=force_generic_plan",
                "-c random_page_cost=1.1",
            ],
        )
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -------------------------------------------------------------------
# Two uses (see README, "Speed, measured"): the dashboard's figures and the
# exports (CSV, Excel, PDF overview), keyed by the state of the partnerships
# they count (partnerships.revision.state_of), so a change shows at once in
# every worker process; and the password-reset limit. With DJANGO_CACHE_URL
# (redis://host:6379/1) every worker shares one Redis; without it each process
# keeps its own memory cache, still never stale, only less often hit.
CACHE_URL = env_str("DJANGO_CACHE_URL", "")
CACHE_KEY_PREFIX = env_str("DJANGO_CACHE_KEY_PREFIX", "pps")


def cache_settings(url: str, prefix: str) -> dict:
    """The two caches: ``default`` and ``files`` (downloads, larger and fewer)."""
    if not url:
        return {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": f"{prefix}-default",
                # The dashboard keeps a small entry per partnership and language
                # (dashboard/facts.py): room for the whole country's 5,000 in
                # both languages besides the figures, about 15 MB at most.
                "OPTIONS": {"MAX_ENTRIES": 15000},
            },
            "files": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": f"{prefix}-files",
                "OPTIONS": {"MAX_ENTRIES": 200},
            },
        }
    if not url.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            f"DJANGO_CACHE_URL={url!r} is geen Redis-adres (redis://host:6379/1)."
        )
    return {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": f"{prefix}-{alias}",
        }
        for alias in ("default", "files")
    }


CACHES = cache_settings(CACHE_URL, CACHE_KEY_PREFIX)
# How long a cached figure or file may be kept at most (0: never cache).
FRAGMENT_CACHE_SECONDS = env_int("DJANGO_FRAGMENT_CACHE_SECONDS", 600)

# --- Accounts, login and sessions -------------------------------------------

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.PortalBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "accounts.validators.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# A session ends after this many minutes without a request.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# However active, a login ends after this many hours (accounts.sessions).
SESSION_MAX_AGE_HOURS = env_int("DJANGO_SESSION_MAX_HOURS", 12)
if SESSION_MAX_AGE_HOURS < 1:
    raise ImproperlyConfigured("DJANGO_SESSION_MAX_HOURS moet minstens 1 zijn.")

# The client's address: behind DJANGO_BEHIND_PROXY, the X-Forwarded-For entry
# written by the outermost of TRUSTED_PROXY_COUNT proxies (accounts.throttling).
BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", default=False)
TRUSTED_PROXY_COUNT = env_int("DJANGO_TRUSTED_PROXY_COUNT", 1 if BEHIND_PROXY else 0)
if BEHIND_PROXY and TRUSTED_PROXY_COUNT < 1:
    raise ImproperlyConfigured(
        "DJANGO_TRUSTED_PROXY_COUNT moet minstens 1 zijn als DJANGO_BEHIND_PROXY aan staat."
    )
if not BEHIND_PROXY and TRUSTED_PROXY_COUNT != 0:
    raise ImproperlyConfigured(
        "DJANGO_TRUSTED_PROXY_COUNT geldt alleen met DJANGO_BEHIND_PROXY=True; "
        "zet die ook, of laat DJANGO_TRUSTED_PROXY_COUNT weg."
    )

# Login throttling: after 5 failures for one username from one address, a
# cool-off of 15 minutes (never a permanent lock-out). Only that username from
# that address is locked out, so an attacker cannot lock a user out elsewhere,
# and tries during the cool-off do not extend it.
AXES_FAILURE_LIMIT = env_int("DJANGO_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "accounts.throttling.client_ip"
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_VERBOSE = False
if BEHIND_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Password reset: at most this many requests an hour per client address and
# per e-mail address (accounts.throttling).
PASSWORD_RESET_LIMIT = env_int("DJANGO_PASSWORD_RESET_LIMIT", 5)

# --- E-mail -----------------------------------------------------------------

DEFAULT_FROM_EMAIL = env_str("DJANGO_DEFAULT_FROM_EMAIL", default="PPS-portaal <noreply@localhost>")
EMAIL_HOST = env_str("DJANGO_EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("DJANGO_EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("DJANGO_EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env_str("DJANGO_EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", default=True)
else:
    # No mail server configured: mails are written to the console (development).
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# The portal's own address, for links in e-mails (notifications): absolute,
# without a trailing path. Default in development the runserver address, in
# production https:// and the first of DJANGO_ALLOWED_HOSTS.
SITE_URL = env_str(
    "DJANGO_SITE_URL",
    default="http://127.0.0.1:8000" if DEBUG else f"https://{ALLOWED_HOSTS[0]}",
).rstrip("/")
if not SITE_URL.startswith(("http://", "https://")) or " " in SITE_URL:
    raise ImproperlyConfigured(
        f"DJANGO_SITE_URL {SITE_URL!r} is geen adres; gebruik bijvoorbeeld https://pps.example.nl."
    )

# Where the accessibility statement (/toegankelijkheid/) sends feedback on the
# portal's accessibility: an e-mail address read by the organisation that runs
# it. Empty: the statement points to the functioneel beheerder of one's region.
ACCESSIBILITY_CONTACT_EMAIL = env_str("DJANGO_ACCESSIBILITY_EMAIL", default="")
if ACCESSIBILITY_CONTACT_EMAIL and "@" not in ACCESSIBILITY_CONTACT_EMAIL:
    raise ImproperlyConfigured(
        f"DJANGO_ACCESSIBILITY_EMAIL {ACCESSIBILITY_CONTACT_EMAIL!r} is geen e-mailadres."
    )

# --- Language and time ------------------------------------------------------

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Dates, times and numbers follow the active language (USE_L10N is always on
# since Django 5); English reads day-month-year like Dutch (pps_portal/formats/en).
FORMAT_MODULE_PATH = ["pps_portal.formats"]

# Content the beheerder edits (themes, phases and their guidance, checklists,
# the Afwegingskader, the evaluation instrument) has a Dutch and an English
# text: django-modeltranslation adds a column per language (``name_nl``,
# ``name_en``) and ``name`` reads the active language's, falling back to the
# Dutch one when the English is empty (core/translations.py lists those).
# Dutch is required; a record made in code with ``name=...`` gets it as its
# Dutch text, whatever language is active.
MODELTRANSLATION_DEFAULT_LANGUAGE = "nl"
MODELTRANSLATION_LANGUAGES = ("nl", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("nl",)
MODELTRANSLATION_REQUIRED_LANGUAGES = ("nl",)
MODELTRANSLATION_AUTO_POPULATE = "default"
TIME_ZONE = "Europe/Amsterdam"
USE_TZ = True

# --- Static files -----------------------------------------------------------

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Uploaded documents (signed agreements) are private: never under STATIC or a
# public MEDIA_URL; they are served by a view that checks access.
PRIVATE_MEDIA_ROOT = Path(env_str("DJANGO_PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private")))
# The largest document that may be uploaded (MB). A larger file is counted as
# it arrives but never kept, in memory or on disk (core.uploads); the form
# then says how large it was and what is allowed.
MAX_UPLOAD_SIZE = env_int("DJANGO_MAX_UPLOAD_MB", 10) * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "core.uploads.SizeLimitUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- Security headers -------------------------------------------------------

X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
# Browser features no page of the portal uses, refused for every page
# (core.middleware.PermissionsPolicyMiddleware).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "publickey-credentials-get",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}

# No inline scripts or styles, nothing from other hosts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

# --- Logging ----------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # WeasyPrint and fontTools are chatty on INFO.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# Bootstrap calls the error alert "danger".
MESSAGE_TAGS = {40: "danger"}

# Django 6 behaviour now: a URL typed without scheme means https.
FORMS_URLFIELD_ASSUME_HTTPS = True
