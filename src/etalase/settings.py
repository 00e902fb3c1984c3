"""One settings module for every environment, driven by environment variables.

Defaults are safe for production (DEBUG off, secure cookies); the Makefile's
`run` target sets ETALASE_DEV=1 for the embedded demo.
"""

import sys
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from etalase.env import envbool, envfloat, envint, envlist, envstr

PACKAGE_DIR = Path(__file__).resolve().parent
BASE_DIR = Path(envstr("ETALASE_HOME", str(Path.cwd())))
VAR_DIR = BASE_DIR / "var"

DEV = envbool("ETALASE_DEV", False)
DEBUG = envbool("DEBUG", False)
# Under pytest the suite runs tasks immediately and uses development defaults.
TESTING = envbool("ETALASE_TESTING", "pytest" in sys.modules)

SECRET_KEY = envstr("SECRET_KEY", "")
if not SECRET_KEY:
    if DEV or DEBUG or TESTING:
        SECRET_KEY = "etalase-development-only-key-not-for-production-use-0123456789"  # noqa: S105
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set (or ETALASE_DEV=1 for a local demo).")

ALLOWED_HOSTS = envlist(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if (DEV or DEBUG or TESTING) else []
)
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    # Only for its static files and templates: /api/v1/docs loads Swagger UI from this site
    # (django-ninja's bundled swagger-ui, Apache-2.0), not from a CDN.
    "ninja",
    "axes",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
    "etalase.regions",
    "etalase.accounts",
    "etalase.catalog",
    "etalase.enterprises",
    "etalase.intake",
    "etalase.matching",
    "etalase.learning",
    "etalase.insights",
    "etalase.payments",
    "etalase.trade",
    "etalase.offline",
    "etalase.web",
    "etalase.operations",
    "etalase.fieldcapture",
    "etalase.privacy",
    "etalase.limits",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy with a per-request nonce, Permissions-Policy (etalase.web.security).
    "etalase.web.security.SecurityHeadersMiddleware",
    # Compresses what the views and (in development) WhiteNoise send, after every other layer
    # has written the body; WhiteNoise's own .gz/.br files in production pass untouched (they
    # carry Content-Encoding). Django masks the length against BREACH (random gzip filename).
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside CommonMiddleware, so that a HEAD answer keeps the Content-Length of GET's body.
    "etalase.operations.middleware.HeadAsGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # 429 + Retry-After on sign-in, resets, messages, sourcing, uploads, the API (etalase.limits).
    "etalase.limits.middleware.RateLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Axes must be last: it inspects the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "etalase.urls"
WSGI_APPLICATION = "etalase.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "etalase.web.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite (WAL) is the embedded default; DATABASE_URL=postgres://… switches to PostgreSQL.
DATABASE_URL = envstr("DATABASE_URL", f"sqlite:///{VAR_DIR / 'etalase.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=envint("CONN_MAX_AGE", 60))
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["ENGINE"] = "etalase.db.sqlite3"
    if "DATABASE_URL" not in __import__("os").environ:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; "
            "PRAGMA busy_timeout=20000; PRAGMA cache_size=-64000;"
        ),
    }
    # In memory unless told otherwise (pytest-django only recognises the stock engine name).
    DATABASES["default"]["TEST"] = {"NAME": envstr("ETALASE_TEST_DB", "") or ":memory:"}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The planner's cost of a page read at random. PostgreSQL's default, 4.0, models spinning
    # disks; for data in memory or on SSD its tuning advice is ~1.1. With 4.0 the gallery's
    # search may scan the whole search table (~66 ms at 100k products) where its GIN index
    # answers in ~6 ms. Set per connection, so that it holds on a managed server too.
    _page_cost = envfloat("PG_RANDOM_PAGE_COST", 1.1)
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c random_page_cost={_page_cost}".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
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
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "web:home"
if TESTING:
    # Hashing with PBKDF2 costs ~1 s a user on these machines; tests need no strength.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours: a locked account opens again after 15 minutes
# Lock the pair (account, address): an office sharing one public address is not locked out
# by one colleague's typos, and one account cannot be guessed from many addresses unnoticed.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_ENABLED = envbool("AXES_ENABLED", True)

# Rate limits per address (and per API token), counted in the database so that every worker and
# node agrees. Defaults in etalase.limits.middleware.DEFAULT_LIMITS; override a rule here as
# {"signin": (hits, seconds)}. Off under the test suite except in the tests that switch it on.
RATE_LIMITS_ENABLED = envbool("ETALASE_RATE_LIMITS", not TESTING)
RATE_LIMITS: dict[str, tuple[int, int]] = {}
# How many proxies of the operator's own stand in front and append to X-Forwarded-For (0: none,
# the connection's address is the client's).
RATE_LIMIT_TRUSTED_PROXIES = envint("ETALASE_TRUSTED_PROXIES", 0)

# --- Internationalisation -------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("id", _("Indonesian")),
    ("ms", _("Malay")),
    ("fil", _("Filipino")),
]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Asia/Makassar"  # UTC+8, the middle of a region that spans UTC+7 to UTC+9
LANGUAGE_COOKIE_NAME = "etalase_language"

# Django ships no `fil` entry: register it so {% get_language_info %} and the switcher work.
import django.conf.locale  # noqa: E402

django.conf.locale.LANG_INFO.setdefault(
    "fil", {"bidi": False, "code": "fil", "name": "Filipino", "name_local": "Filipino"}
)

# --- Static and media -----------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(envstr("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if (DEBUG or DEV or TESTING)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
if DEV or DEBUG or TESTING:
    # Serve static files straight from the apps in development and tests.
    WHITENOISE_USE_FINDERS = True
    WHITENOISE_AUTOREFRESH = True
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# The application serves public pictures (products/, logos/) itself under MEDIA_URL unless
# an object store or the web server does (set 0 then; README "Pictures in production").
SERVE_MEDIA = envbool("ETALASE_SERVE_MEDIA", True)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 10 * 1024 * 1024)
IMAGE_UPLOAD_MAX_BYTES = envint("IMAGE_UPLOAD_MAX_BYTES", 8 * 1024 * 1024)

# --- Background tasks -----------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

# --- E-mail ---------------------------------------------------------------
EMAIL_BACKEND = envstr("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = envstr("DEFAULT_FROM_EMAIL", "Etalase <no-reply@etalase.invalid>")

# --- Security -------------------------------------------------------------
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if (DEV or DEBUG or TESTING) else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not (DEV or DEBUG or TESTING)
SECURE_HSTS_PRELOAD = not (DEV or DEBUG or TESTING)
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not (DEV or DEBUG or TESTING))
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not (DEV or DEBUG or TESTING))
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# X-Forwarded-Proto is believed only when the operator says a proxy in front sets it and strips
# any copy a client sent; otherwise any client could make plain http pass for https.
if envbool("ETALASE_TRUST_PROXY_SSL_HEADER", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Stricter than strict-origin-when-cross-origin: another site learns not even our origin (claim
# and consent links carry tokens in their paths, and those pages say no-referrer as well).
SECURE_REFERRER_POLICY = "same-origin"
# CSP_REPORT_ONLY=1 sends the policy as Content-Security-Policy-Report-Only (to try a change);
# CSP_REPORT_URI names where browsers report violations.
CSP_REPORT_ONLY = envbool("CSP_REPORT_ONLY", False)
CSP_REPORT_URI = envstr("CSP_REPORT_URI", "")
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "WARNING")},
}

ETALASE = {
    "SITE_NAME": "Etalase",
    "DEMO_PASSWORD_HINT": DEV,
}
