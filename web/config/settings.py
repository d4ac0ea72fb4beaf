"""Django settings of the web page. Paths and knobs come from the installation's one settings
module (``orchestration.settings``); nothing here reads the environment itself."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url

from orchestration.settings import load_settings

INSTALLATION = load_settings()
BASE_DIR = Path(__file__).resolve().parent.parent


def _secret_key(path: Path) -> str:
    """Created once (0600) like the person-key secret; sessions and CSRF tokens hang on it."""
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(path, "x", encoding="ascii", opener=lambda p, flags: os.open(p, flags, 0o600)) as f:
            f.write(secrets.token_urlsafe(50))
    return path.read_text(encoding="ascii").strip()


SECRET_KEY = _secret_key(INSTALLATION.web_secret_key_file)
DEBUG = False
ALLOWED_HOSTS = sorted({"127.0.0.1", "localhost", "[::1]", INSTALLATION.web_host})

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    "web.accounts",
    "web.audit",
    "web.worklist",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "web.config.security.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "web.config.urls"
WSGI_APPLICATION = "web.config.wsgi.application"
FORCE_SCRIPT_NAME = INSTALLATION.web_path_prefix.rstrip("/") or None

TEMPLATES = [{
    "BACKEND": "django.template.backends.django.DjangoTemplates",
    "DIRS": [BASE_DIR / "templates"],
    "APP_DIRS": True,
    "OPTIONS": {"context_processors": [
        "django.template.context_processors.request",
        "django.contrib.auth.context_processors.auth",
        "django.contrib.messages.context_processors.messages",
        "web.accounts.roles.role_context",
    ]},
}]

# SQLite under var/state by default; PostgreSQL (or any URL dj-database-url knows) when configured.
DATABASES = {"default": dj_database_url.parse(INSTALLATION.database_url, conn_max_age=60)
             if INSTALLATION.database_url else
             {"ENGINE": "django.db.backends.sqlite3", "NAME": str(INSTALLATION.web_db)}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # lockout first (worklist.md: 5 failures → 15 minutes)
    "django.contrib.auth.backends.ModelBackend",  # single sign-on (OIDC) can be added here later
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "worklist"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked.html"
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "web.audit.services.client_address"

# Idle sessions end after 30 minutes: the expiry moves with every request.
SESSION_COOKIE_AGE = 30 * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
# Behind an HTTPS reverse proxy that sets X-Forwarded-Proto, cookies become Secure (security.py).
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LANGUAGE_CODE = "da"
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True  # Danish: 1.234,56 in and out of forms

STATIC_URL = (FORCE_SCRIPT_NAME or "") + "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = True  # served by the app itself: no CDN, no collectstatic step
WHITENOISE_AUTOREFRESH = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_cpr": {"()": "web.config.security.MaskCprFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["mask_cpr"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

KOMMUNELAGER = {
    "published_db": INSTALLATION.published_db,
    "identity_db": INSTALLATION.identity_db,
    "page_size": 50,
}
