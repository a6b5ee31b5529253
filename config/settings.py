"""Settings for HTTP Status Atlas.

Everything that differs between a laptop and production comes from the environment; the defaults are safe
for local work (SQLite file, local-memory cache, debug on, bound to localhost).
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-local-development-only"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY") or _DEV_SECRET_KEY
if not DEBUG and SECRET_KEY == _DEV_SECRET_KEY:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY when DJANGO_DEBUG is off.")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1],testserver")

INSTALLED_APPS = [
    # modeltranslation must come before the admin so its fields exist when the admin loads.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "axes",
    "reversion",
    # Lowest layer first: what every page and endpoint shares, the two domains, the editorial workflow over
    # them, and the front (home, search, sitemaps, API root).
    "foundation",
    "codes",
    "comparisons",
    "guide",
    "search",
    "editorial",
    "front",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so that every response, error pages included, carries the policy.
    "csp.middleware.CSPMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's LocaleMiddleware, except under /api/, which negotiates its own language.
    "foundation.api.errors.PageLocaleMiddleware",
    "config.middleware.PageThrottleMiddleware",
    "config.middleware.RejectNulMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: throttles repeated failed logins.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed logins from one client address, whatever usernames they try, lock that address out for 15
# minutes; an editor signing in from elsewhere is not affected. The address is the client's, as the TLS
# proxy saw it (config/proxies.py), not the proxy's own that every client shares.
AXES_FAILURE_LIMIT = int(os.environ.get("ATLAS_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("ATLAS_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_CLIENT_IP_CALLABLE = "foundation.proxies.client_address"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"
AXES_LOCKOUT_CALLABLE = "editorial.logins.lockout_response"
# Proxies whose X-Forwarded-For is believed (addresses or networks): the TLS proxy on this host in
# production, none locally.
ATLAS_TRUSTED_PROXIES = env_list("DJANGO_TRUSTED_PROXIES", "" if DEBUG else "127.0.0.1,::1")

ROOT_URLCONF = "config.urls"

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
                "foundation.context_processors.release",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that accepts connections but never answers must not hold a request for the whole
    # worker timeout: give up after this many seconds and answer 503 with Retry-After.
    DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = int(
        os.environ.get("DATABASE_CONNECT_TIMEOUT", "2")
    )
    # Django's backend behind a circuit breaker: after a failed connection, requests are answered 503 at
    # once for this many seconds instead of each waiting the connect timeout in turn.
    DATABASES["default"]["ENGINE"] = "foundation.database"
ATLAS_DATABASE_BREAKER_SECONDS = float(os.environ.get("ATLAS_DATABASE_BREAKER_SECONDS", "5"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def redis_cache(url: str, timeout: float = 0.5) -> dict:
    return {
        # django-redis behind a circuit breaker: a silent Redis costs one timeout, not one per call.
        "BACKEND": "foundation.cache.CircuitBreakerRedisCache",
        "LOCATION": url,
        # Two sites sharing one Redis database (a second stack on one host) keep apart by their prefix.
        "KEY_PREFIX": os.environ.get("ATLAS_CACHE_KEY_PREFIX", "atlas"),
        "OPTIONS": {
            # A cache that is down must not take the site down: fall back to the database.
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": timeout,
            "SOCKET_TIMEOUT": timeout,
        },
    }


REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": redis_cache(REDIS_URL)}
    # The breaker logs when Redis stops and starts answering; not every call it turns away.
    DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = False
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "atlas",
        }
    }

# Template fragments that depend on nothing but the language, the kind of page and the release (header,
# footer), kept by each worker: the release fingerprint in their keys renews them when templates or
# translations change.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": None,
    "OPTIONS": {"MAX_ENTRIES": 4000},
}

# Pages one client address may ask for per window ("600/minute"): generous for a reader, not for a
# script. Off ("") in local work, where tests and tools ask from one address.
ATLAS_PAGE_THROTTLE_RATE = os.environ.get("ATLAS_PAGE_THROTTLE_RATE", "" if DEBUG else "600/minute")

# Seconds a worker goes on using the content version it last read before asking the cache again, keeping
# the pages it served meanwhile in its own memory: a cached page then costs no round trip to Redis. The
# worker where an editor saves serves the change at once, the others within this lease. 0 asks on every
# request, as in local work and tests.
ATLAS_CONTENT_VERSION_LEASE = float(os.environ.get("ATLAS_CONTENT_VERSION_LEASE", "0" if DEBUG else "1"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages are fixed: migrations carry one column per language and text field.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("id", _("Indonesian")),
    ("es", _("Spanish")),
    ("pt-br", _("Brazilian Portuguese")),
    ("fr", _("French")),
    ("de", _("German")),
    ("ja", _("Japanese")),
    ("ko", _("Korean")),
    ("zh-hans", _("Simplified Chinese")),
    ("ru", _("Russian")),
    ("tr", _("Turkish")),
    ("ar", _("Arabic")),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = tuple(code for code, _name in LANGUAGES)
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
# Ship jQuery UI ourselves: the admin never loads anything from a CDN.
JQUERY_UI_URL = "vendor/jquery-ui/jquery-ui.min.js"

STATIC_URL = "static/"
# Where collectstatic writes and the TLS proxy serves from (deploy/nginx/atlas.conf).
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
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

LOGIN_URL = "admin:login"
# Only editors sign in: a session ends after a working day, and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_SECONDS", str(8 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

CORS_ALLOW_ALL_ORIGINS = True
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_METHODS = ["GET", "HEAD", "OPTIONS"]

# Browsers may revalidate (If-None-Match, If-Modified-Since) and read the validators, the pages' links
# and where they stand against the rate limit.
CORS_ALLOW_HEADERS = ["accept", "accept-language", "if-none-match", "if-modified-since"]
CORS_EXPOSE_HEADERS = [
    "ETag",
    "Last-Modified",
    "Link",
    "Retry-After",
    "Content-Language",
    "RateLimit-Limit",
    "RateLimit-Remaining",
    "RateLimit-Reset",
    "RateLimit-Policy",
]
# A day: the answers to a preflight do not change between deployments.
CORS_PREFLIGHT_MAX_AGE = 86400

# The read-only JSON API: anonymous, JSON only, throttled per client address.
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "foundation.api.schema.AtlasAutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_THROTTLE_CLASSES": ["foundation.api.throttling.AnonymousRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("DJANGO_API_THROTTLE_RATE", "300/minute")},
    "DEFAULT_VERSIONING_CLASS": "rest_framework.versioning.NamespaceVersioning",
    "DEFAULT_VERSION": "v1",
    "ALLOWED_VERSIONS": ["v1"],
    "EXCEPTION_HANDLER": "foundation.api.errors.exception_handler",
    "URL_FORMAT_OVERRIDE": None,
}

# The guide at the top of the API schema and docs.
API_GUIDE = (BASE_DIR / "config" / "api_guide.md").read_text(encoding="utf-8")

SPECTACULAR_SETTINGS = {
    "TITLE": "HTTP Status Atlas API",
    "DESCRIPTION": API_GUIDE,
    "VERSION": "1.1.0",
    "OAS_VERSION": "3.1.0",
    "LICENSE": {
        "name": "Texts: CC BY 4.0, credit “HTTP Status Atlas”",
        "identifier": "CC-BY-4.0",
    },
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "DEFAULT_GENERATOR_CLASS": "config.api_schema.ApiSchemaGenerator",
    # No request to the online validator: the docs work offline. Deep links would put a link inside each
    # operation's toggle button, which screen readers cannot reach (axe: nested-interactive). Examples in
    # plain text: the highlighter wraps every token in a span with an inline colour, some below 4.5:1.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "validatorUrl": None, "syntaxHighlight": False},
    "COMPONENT_SPLIT_REQUEST": True,
    # The enums are components of their own (foundation/api/schema.py); "* `5` - 5" lists add nothing.
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "foundation.api.schema.finish_schema",
    ],
    "ENUM_NAME_OVERRIDES": {
        "RegistryStatusEnum": "codes.models.StatusCode.Registry",
        "RetryEnum": "codes.models.StatusCode.Retry",
        "EmitterEnum": "codes.models.StatusCode.Emitter",
        "FamilyTextFieldEnum": ["name", "description"],
        "CodeTextFieldEnum": [
            *["title", "summary", "description"],
            *["seen_when", "client_action", "owner_action"],
        ],
        "ComparisonTextFieldEnum": ["summary", "key_differences", "when_to_use"],
    },
}

# Production hardening, switched on by the environment (DJANGO_DEBUG=0).
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
# Everything ships from our own origin; no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
