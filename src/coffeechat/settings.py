"""Django settings for coffeechat; every environment variable is read through the registry in
coffeechat.config, which parses it and refuses an unusable value with one sentence."""

from __future__ import annotations

from pathlib import Path

from csp.constants import NONE, SELF

from coffeechat import config

PACKAGE_DIR = Path(__file__).resolve().parent

MODE = config.mode()
LOCAL_MODE = MODE == config.LOCAL
DATA_DIR = config.data_dir()
UPLOAD_DIR = DATA_DIR / "uploads"
SECRET_KEY = config.secret_key(DATA_DIR)
DEBUG = config.value("COFFEECHAT_DEBUG")
ALLOWED_HOSTS = config.allowed_hosts(MODE)

INSTALLED_APPS = [
    "coffeechat.accounts.admin_apps.CoffeechatAdminConfig",  # the admin; on a server, accounts only
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "template_partials",
    "axes",
    "django_tasks",
    "django_tasks_db",
    # Single sign-on with a university's identity provider (coffeechat.accounts.sso). Their
    # tables exist in every mode; only a server with an identity provider configured uses them.
    # The SAML provider app loads no SAML library: its pages, which do, are mounted only when
    # SAML is configured (coffeechat.urls).
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    # coffeechat's apps, in the order of their layers (docs/architecture.md): each imports
    # only from the ones above it in this list.
    "coffeechat.core",
    "coffeechat.accounts",
    "coffeechat.search",
    "coffeechat.research",
    "coffeechat.people",
    "coffeechat.prepare",
    "coffeechat.followup",
    "coffeechat.conversations",
    "coffeechat.outreach",
    "coffeechat.calendars",
    "coffeechat.center",
    "coffeechat.insights",
    "coffeechat.today",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # First to see a request: refuses an over-size body before it is read, removes control
    # characters from the query; last to see a response: private caching, HEAD without body.
    "coffeechat.core.request_guard.RequestGuard",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "coffeechat.accounts.middleware.SeekerTimeZone",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "axes.middleware.AxesMiddleware",
    # django-allauth's request context, and the page for a sign-in its adapter stops.
    "allauth.account.middleware.AccountMiddleware",
    # Last, so the page it shows has the user, their time zone and every header: an over-size
    # form gets a page in words (HTTP 413) instead of a bare 400.
    "coffeechat.core.middleware.FormTooBig",
]

ROOT_URLCONF = "coffeechat.urls"
WSGI_APPLICATION = "coffeechat.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coffeechat.core.context_processors.coffeechat",
                "coffeechat.center.context_processors.center",
            ],
        },
    },
]

DATABASES = {"default": config.database(DATA_DIR)}
# Background work (an import of thousands of rows) waits in a table of the same database and
# is run by `coffeechat worker`, which `coffeechat serve` starts beside itself.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
CACHES = {
    "default": config.cache(),
    # What the insights pages and "who to ask next" computed, kept against the account's mark
    # of change (coffeechat.core.revisions): in each process's own memory, never in a shared
    # cache, so no copy of an account's figures leaves the process, and each is gone an hour
    # after it was made, or sooner when the room is needed.
    "figures": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "coffeechat-figures",
        "TIMEOUT": 3600,
        "OPTIONS": {"MAX_ENTRIES": 400},
    },
}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "today:today"
LOGOUT_REDIRECT_URL = "accounts:login"

# Single sign-on (docs/single-sign-on.md): on a server, people may sign in with the university's
# identity provider, by OpenID Connect or SAML, beside their passwords. Only the provider
# configured by COFFEECHAT_OIDC_* / COFFEECHAT_SAML_* exists (none in local mode); allauth's
# own password, sign-up and email pages are not mounted, coffeechat keeps its own.
SOCIALACCOUNT_PROVIDERS = config.single_sign_on(MODE)
SSO_CONNECT_BY_EMAIL = not LOCAL_MODE and config.value("COFFEECHAT_SSO_CONNECT_BY_EMAIL")
ACCOUNT_ADAPTER = "coffeechat.accounts.sso.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "coffeechat.accounts.sso.SocialAccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "none"  # an address counts as verified when the IdP says so
ACCOUNT_UNIQUE_EMAIL = False  # as with sign-up, two accounts may give one address
SOCIALACCOUNT_AUTO_SIGNUP = True  # a first sign-in makes the account: no second form
SOCIALACCOUNT_EMAIL_REQUIRED = False
SOCIALACCOUNT_STORE_TOKENS = False  # coffeechat calls nothing of the IdP after sign-in
SOCIALACCOUNT_LOGIN_ON_GET = False  # starting a sign-in takes a POST with the CSRF token
# A verified address may lead to an existing account only when the center allows it; that
# account's password then stops working (allauth), so whoever registered the address
# beforehand cannot stay in it. The link is then kept, so later sign-ins need no address.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = SSO_CONNECT_BY_EMAIL
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True

# Login throttling: failed logins are counted per username (django-axes, cleared when that
# person logs in), per address and across the whole site (coffeechat.accounts.throttle, never
# cleared by a login); sign-up attempts per address. Attempts refused during a pause are not
# counted, so a pause ends on time. Everything lives in the shared cache when REDIS_URL is set
# (every process sees the same counts), otherwise in the database.
_SHARED_CACHE = config.value("REDIS_URL") is not None
AXES_HANDLER = (
    "coffeechat.accounts.throttle.CacheHandler"
    if _SHARED_CACHE
    else "coffeechat.accounts.throttle.DatabaseHandler"
)
AXES_CACHE = "default"
AXES_FAILURE_LIMIT = config.value("COFFEECHAT_LOGIN_FAILURE_LIMIT")
AXES_COOLOFF_TIME = 0.25  # hours: 15 minutes
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "coffeechat.accounts.throttle.lockout_response"
AXES_VERBOSE = False
# axes warns when it does not count per address; coffeechat.accounts.throttle does, with a limit
# of its own (many people can share one campus address).
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
LOGIN_ADDRESS_FAILURE_LIMIT = config.value("COFFEECHAT_LOGIN_ADDRESS_FAILURE_LIMIT")
LOGIN_ADDRESS_WINDOW_SECONDS = 15 * 60
LOGIN_SITE_FAILURE_LIMIT = config.value("COFFEECHAT_LOGIN_SITE_FAILURE_LIMIT")
LOGIN_SITE_WINDOW_SECONDS = 5 * 60
SIGNUP_ATTEMPT_LIMIT = config.value("COFFEECHAT_SIGNUP_LIMIT")
SIGNUP_WINDOW_SECONDS = 60 * 60
# Behind a TLS-terminating reverse proxy, waitress takes the client's address and scheme from
# the proxy's X-Forwarded-* headers (only from TRUSTED_PROXY), so Django and the login
# throttle see the real client.
BEHIND_PROXY = config.value("COFFEECHAT_BEHIND_PROXY")
TRUSTED_PROXY = config.value("COFFEECHAT_TRUSTED_PROXY")
PROXY_COUNT = config.value("COFFEECHAT_PROXY_COUNT")

LANGUAGE_CODE = "en-us"
TIME_ZONE = config.value("COFFEECHAT_TIME_ZONE")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Only a deployment that runs collectstatic needs a folder; WhiteNoise serves from the package.
STATIC_ROOT = config.value("COFFEECHAT_STATIC_ROOT")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Static files come straight from the package; no collectstatic step for a laptop install.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = UPLOAD_DIR
MAX_UPLOAD_BYTES = config.value("COFFEECHAT_MAX_UPLOAD_BYTES")
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Sessions and cookies.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if LOCAL_MODE:
    # Served over plain HTTP on loopback: cookies cannot be Secure, the cookie name
    # keeps a laptop's other local apps on 127.0.0.1 from clashing with ours.
    SESSION_COOKIE_NAME = "coffeechat_session"
    CSRF_COOKIE_NAME = "coffeechat_csrftoken"
else:
    _https = config.value("COFFEECHAT_HTTPS")
    SESSION_COOKIE_SECURE = _https
    CSRF_COOKIE_SECURE = _https
    SECURE_SSL_REDIRECT = _https and config.value("COFFEECHAT_SSL_REDIRECT")
    SECURE_HSTS_SECONDS = 31_536_000 if _https else 0
    SECURE_HSTS_INCLUDE_SUBDOMAINS = _https
    SECURE_HSTS_PRELOAD = _https
    if BEHIND_PROXY:
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The address an OpenID Connect provider sends people back to is https:// on such a server.
    ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if _https else "http"
    CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if host[0] != "."]

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    },
}

# Email: console in local mode unless SMTP is configured.
EMAIL_HOST = config.value("COFFEECHAT_SMTP_HOST")
EMAIL_PORT = config.value("COFFEECHAT_SMTP_PORT")
EMAIL_HOST_USER = config.value("COFFEECHAT_SMTP_USER")
EMAIL_HOST_PASSWORD = config.value("COFFEECHAT_SMTP_PASSWORD")
EMAIL_USE_TLS = config.value("COFFEECHAT_SMTP_TLS")
DEFAULT_FROM_EMAIL = config.value("COFFEECHAT_FROM_EMAIL")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"redact_tokens": {"()": "coffeechat.core.logging.RedactTokens"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["redact_tokens"]},
    },
    "root": {"handlers": ["console"], "level": "WARNING"},
    # waitress warns of its queue depth on almost every request under load: thousands of
    # lines that say only that requests wait, which the load test measures instead.
    "loggers": {"waitress.queue": {"level": "ERROR"}},
}

# Public holidays skipped when counting business days (3B7), unless a seeker sets their own.
HOLIDAY_COUNTRY = config.value("COFFEECHAT_HOLIDAY_COUNTRY")

# The LAMP focus set: how many organizations a seeker works on at once.
FOCUS_LIMIT = config.value("COFFEECHAT_FOCUS_LIMIT")

# The one-time login link of local mode stays valid this long, or until used.
LOGIN_LINK_MAX_AGE_SECONDS = config.value("COFFEECHAT_LOGIN_LINK_MINUTES") * 60
