"""CityPeers settings: one module, driven by environment variables.

Every variable read here is listed in `.env.example`. Nothing forks by environment: production
is the same code with `CITYPEERS_DEBUG=0`, a real secret key and a `DATABASE_URL`.
"""

from pathlib import Path

import environ
from csp.constants import NONCE

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent.parent

env = environ.Env()
environ.Env.read_env(PROJECT_DIR / ".env", overwrite=False)

DEBUG = env.bool("CITYPEERS_DEBUG", default=False)
SECRET_KEY = env.str("CITYPEERS_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise RuntimeError("CITYPEERS_SECRET_KEY must be set when CITYPEERS_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"
ALLOWED_HOSTS = env.list("CITYPEERS_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CITYPEERS_CSRF_TRUSTED_ORIGINS", default=[])
# The API's auth protocol (core.api.auth) asks this function which user a bearer token names.
CITYPEERS_TOKEN_USER = "citypeers.accounts.tokens.user_for_token"
SITE_URL = env.str("CITYPEERS_SITE_URL", default="http://127.0.0.1:8000")
NETWORK_NAME = env.str("CITYPEERS_NETWORK_NAME", default="CityPeers demo network")
DATA_DIR = Path(env.str("CITYPEERS_DATA_DIR", default=str(PROJECT_DIR / "var")))

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "simple_history",
    "rules.apps.AutodiscoverRulesConfig",
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    # CityPeers apps, bottom to top (docs/architecture.md; import-linter enforces the order).
    "citypeers.core",
    "citypeers.search",
    "citypeers.directory",
    "citypeers.accounts",
    "citypeers.notifications",
    "citypeers.knowledge",
    "citypeers.matching",
    "citypeers.assessments",
    "citypeers.workshops",
    "citypeers.convenings",
    "citypeers.coalitions",
    "citypeers.helpdesk",
    "citypeers.guides",
    "citypeers.digests",
    "citypeers.profiles",
    "citypeers.web",
    "citypeers.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "citypeers.core.middleware.JsonApiErrorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "citypeers.urls"
WSGI_APPLICATION = "citypeers.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "web:home"

AUTHENTICATION_BACKENDS = [
    "citypeers.accounts.login_throttle.AddressLoginThrottleBackend",
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]

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
                "csp.context_processors.nonce",
                "citypeers.core.context_processors.site",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    }
]

# SQLite (WAL) is the embedded default; PostgreSQL comes in through DATABASE_URL.
DATA_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{DATA_DIR / 'citypeers.sqlite3'}")
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA mmap_size=268435456; PRAGMA foreign_keys=ON;"
            ),
        }
    )
else:
    DATABASES["default"]["ENGINE"] = "django.db.backends.postgresql"
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CITYPEERS_CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"].setdefault("TEST", {})["NAME"] = env.str(
    "CITYPEERS_TEST_DB_NAME", default=None
)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "citypeers",
    }
}
if env.str("CITYPEERS_REDIS_URL", default=""):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": env.str("CITYPEERS_REDIS_URL"),
    }

# Anonymous visitors get a cached copy of a city profile for this long (0 turns it off).
CITYPEERS_PROFILE_CACHE_SECONDS = env.int("CITYPEERS_PROFILE_CACHE_SECONDS", default=60)
# A regional dashboard's cached block lives this long at most (its key changes with its data).
CITYPEERS_DASHBOARD_CACHE_SECONDS = env.int("CITYPEERS_DASHBOARD_CACHE_SECONDS", default=600)

# Background jobs: immediate in the embedded default, database workers in production.
TASKS = {
    "default": {
        "BACKEND": env.str(
            "CITYPEERS_TASK_BACKEND", default="django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.str("CITYPEERS_TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns about a missing root
NODE_MODULES = PROJECT_DIR / "node_modules"
# Front-end packages come from npm (`make install`); only the built files are exposed.
STATICFILES_DIRS = [
    (prefix, NODE_MODULES / path)
    for prefix, path in [
        ("vendor/uswds", "@uswds/uswds/dist"),
        ("vendor/htmx", "htmx.org/dist"),
        ("vendor/chartjs", "chart.js/dist"),
        ("vendor/us-atlas", "us-atlas"),
        ("vendor/topojson-client", "topojson-client/dist"),
        ("vendor/d3-geo", "d3-geo/dist"),
        ("vendor/d3-array", "d3-array/dist"),
    ]
    if (NODE_MODULES / path).exists()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "citypeers.core.storage.ProductionStaticStorage"
        )
    },
}
# Uploaded files are never served by URL; only permission-checked download views hand them out
# (`citypeers.core.files`). Behind nginx, set the prefix of an `internal` location aliased to
# MEDIA_ROOT and the views answer with X-Accel-Redirect instead of streaming the file.
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
CITYPEERS_MEDIA_ACCEL_PREFIX = env.str("CITYPEERS_MEDIA_ACCEL_PREFIX", default="")
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_BACKEND = env.str(
    "CITYPEERS_EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend"
)
# Where django.core.mail.backends.filebased.EmailBackend writes (one file per connection).
EMAIL_FILE_PATH = env.str("CITYPEERS_EMAIL_FILE_PATH", default="") or str(DATA_DIR / "mail")
DEFAULT_FROM_EMAIL = env.str("CITYPEERS_FROM_EMAIL", default="CityPeers <noreply@localhost>")
# Digests: at most this many messages a second from each worker process (0: no limit).
CITYPEERS_DIGEST_MAX_PER_SECOND = env.float("CITYPEERS_DIGEST_MAX_PER_SECOND", default=0)

# Security. Cookies and HSTS are strict whenever debug is off.
SECURE = not DEBUG
SESSION_COOKIE_SECURE = SECURE
CSRF_COOKIE_SECURE = SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_SSL_REDIRECT = env.bool("CITYPEERS_SSL_REDIRECT", default=SECURE)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000 if SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE
SECURE_HSTS_PRELOAD = SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Login throttling: five failures for one account from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = env.int("CITYPEERS_LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = 0.25
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# Password spraying: failed sign-ins from one address across all accounts, per window
# (accounts.login_throttle); counted in the cache, so shared by every app server.
CITYPEERS_LOGIN_FAILURES_PER_ADDRESS = env.str(
    "CITYPEERS_LOGIN_FAILURES_PER_ADDRESS", default="10/15min"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("CITYPEERS_LOG_LEVEL", default="WARNING")},
}

# API
# Requests per client to /api/v1/ (core.api.throttling): a signed-in user or token is one client,
# anyone else is counted by address. Counted in the cache, so shared by every app server when
# CITYPEERS_REDIS_URL is set. An empty value turns a limit off.
CITYPEERS_API_RATE_LIMITS = {
    "anonymous": env.str("CITYPEERS_API_RATE_ANONYMOUS", default="1200/min"),
    "authenticated": env.str("CITYPEERS_API_RATE_AUTHENTICATED", default="3000/min"),
}
# Proxies in front of the app servers that append to X-Forwarded-For (0: use REMOTE_ADDR).
CITYPEERS_TRUSTED_PROXIES = env.int("CITYPEERS_TRUSTED_PROXIES", default=0)
NINJA_PAGINATION_PER_PAGE = 25
NINJA_PAGINATION_MAX_PER_PAGE_SIZE = 200
