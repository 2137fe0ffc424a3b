"""One settings builder for every process of the fleet (ADR 0004).

A service's ``settings.py`` is a few lines::

    from common.conf.settings import build_settings
    globals().update(build_settings("gigs", apps=["gigs_service.gigs"]))

Everything that differs between environments comes from environment variables declared
in :mod:`common.conf.registry`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import common.conf.registry  # noqa: F401  (declares every variable)
from common.api import bounds
from common.conf import devkeys, production
from common.conf.env import (
    ConfigurationError,
    env_bool,
    env_float,
    env_int,
    env_list,
    env_secret,
    env_str,
)
from common.logging.tracing import with_tracing

DJANGO_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

# Every service with a database publishes through its own outbox and consumes through its
# inbox; common.messaging brings the relay and the dead-letter commands.
EVENT_APPS = ["common.events.outbox", "common.events.inbox", "common.messaging"]

MIDDLEWARE = [
    "common.logging.middleware.RequestContextMiddleware",
    # Every error a client gets is JSON, even Django's own pages (debug pages included).
    "common.api.middleware.JsonErrorPagesMiddleware",
    # A NUL in the path or the query is refused before any view reads it.
    "common.api.middleware.RefuseNulMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Failed admin logins per minute per account and IP, like the signin (429 past the limit).
    "common.auth.admin_login.AdminLoginThrottleMiddleware",
    # Serves the admin's static files from STATIC_ROOT under gunicorn (no web server needed).
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]


def environment() -> str:
    """``local``, ``test`` or ``production``."""
    env = env_str("BAZAAR_ENV")
    if env not in {"local", "test", "production"}:
        raise ConfigurationError(f"BAZAAR_ENV must be local, test or production, got {env!r}")
    return env


def is_production() -> bool:
    """True when running with production settings."""
    return environment() == "production"


def secret(name: str, dev_file: str) -> str:
    """A secret from the environment; outside production a generated dev secret."""
    value = env_secret(name)
    if value:
        return value
    if is_production():
        raise ConfigurationError(f"{name} must be set in production")
    return devkeys.dev_secret(dev_file)


def jwt_keys(*, mints_tokens: bool) -> tuple[str, str]:
    """(private PEM or "", public PEM). Only the auth service gets the private key."""
    private = env_secret("JWT_PRIVATE_KEY").replace("\\n", "\n")
    public = env_secret("JWT_PUBLIC_KEY").replace("\\n", "\n")
    if not private and not is_production():
        private = devkeys.dev_jwt_private_key()
    if not public and private:
        public = devkeys.public_key_of(private)
    if not public:
        raise ConfigurationError("JWT_PUBLIC_KEY must be set in production")
    if mints_tokens and not private:
        raise ConfigurationError("JWT_PRIVATE_KEY must be set for the auth service in production")
    return (private if mints_tokens else "", public)


def database(service: str) -> dict[str, Any]:
    """The service's own PostgreSQL database."""
    return {
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": env_str("POSTGRES_DB_PREFIX") + service,
            "HOST": env_str("POSTGRES_HOST"),
            "PORT": env_int("POSTGRES_PORT"),
            "USER": env_str("POSTGRES_USER"),
            "PASSWORD": env_secret("POSTGRES_PASSWORD"),
            "CONN_MAX_AGE": 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": {"connect_timeout": 3},
        }
    }


def security(production: bool) -> dict[str, Any]:
    """HTTPS-only settings in production; TLS ends at the edge in front of the gateway."""
    if not production:
        return {}
    return {
        "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
        "SECURE_SSL_REDIRECT": True,
        # Health probes come from the orchestrator over plain HTTP inside the network.
        "SECURE_REDIRECT_EXEMPT": [r"^health"],
        "SECURE_HSTS_SECONDS": 31536000,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
        "SECURE_HSTS_PRELOAD": True,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
    }


def rest_framework() -> dict[str, Any]:
    """DRF: gateway-signed JWT authentication, one error shape, one pagination."""
    return {
        "DEFAULT_AUTHENTICATION_CLASSES": ["common.auth.authentication.GatewayJWTAuthentication"],
        "DEFAULT_PERMISSION_CLASSES": ["common.auth.permissions.IsSignedIn"],
        "DEFAULT_PAGINATION_CLASS": "common.api.pagination.Pagination",
        "PAGE_SIZE": 20,
        "EXCEPTION_HANDLER": "common.api.handler.exception_handler",
        "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
        "DEFAULT_PARSER_CLASSES": [
            "common.api.parsers.JSONParser",
            "common.api.parsers.MultiPartParser",
        ],
        "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    }


def simple_jwt(private_key: str, public_key: str) -> dict[str, Any]:
    """simplejwt: ES256, iss and aud set and checked."""
    return {
        "ALGORITHM": "ES256",
        "SIGNING_KEY": private_key,
        "VERIFYING_KEY": public_key,
        "ISSUER": env_str("JWT_ISSUER"),
        "AUDIENCE": env_str("JWT_AUDIENCE"),
        "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env_int("JWT_ACCESS_MINUTES")),
        "REFRESH_TOKEN_LIFETIME": timedelta(days=env_int("JWT_REFRESH_DAYS")),
        "ROTATE_REFRESH_TOKENS": True,
        "BLACKLIST_AFTER_ROTATION": True,
        "UPDATE_LAST_LOGIN": False,
        "USER_ID_CLAIM": "user_id",
        "AUTH_HEADER_TYPES": ("Bearer",),
        "LEEWAY": 5,
    }


def events() -> dict[str, Any]:
    """Relay, retry and retention settings of the event backbone (common/events)."""
    return {
        "EVENT_MAX_RETRIES": env_int("EVENT_MAX_RETRIES"),
        "EVENT_RETRY_BASE_SECONDS": env_float("EVENT_RETRY_BASE_SECONDS"),
        "EVENT_RETRY_MAX_SECONDS": env_float("EVENT_RETRY_MAX_SECONDS"),
        "OUTBOX_RETENTION_DAYS": env_int("OUTBOX_RETENTION_DAYS"),
        "INBOX_RETENTION_DAYS": env_int("INBOX_RETENTION_DAYS"),
        "RELAY_BATCH_SIZE": env_int("RELAY_BATCH_SIZE"),
        "EVENT_BATCH_SIZE": env_int("EVENT_BATCH_SIZE"),
    }


def email() -> dict[str, Any]:
    """Django's SMTP email backend, from the environment (only notifications sends mail)."""
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": env_str("EMAIL_HOST"),
        "EMAIL_PORT": env_int("EMAIL_PORT"),
        "EMAIL_HOST_USER": env_str("EMAIL_HOST_USER"),
        "EMAIL_HOST_PASSWORD": env_secret("EMAIL_HOST_PASSWORD"),
        "EMAIL_USE_TLS": env_bool("EMAIL_USE_TLS"),
        "EMAIL_TIMEOUT": env_int("EMAIL_TIMEOUT"),
        "DEFAULT_FROM_EMAIL": env_str("DEFAULT_FROM_EMAIL"),
    }


def storages(service: str) -> dict[str, Any]:
    """Where uploads (gig images, chat attachments) go: local files, or S3 when ``S3_BUCKET`` is set.

    Code only ever talks to ``django.core.files.storage.default_storage``; this decides what
    stands behind it. ``S3_ENDPOINT_URL`` points at any S3-compatible store (MinIO, moto).
    """
    staticfiles = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    bucket = env_str("S3_BUCKET")
    media_root = env_str("MEDIA_ROOT") or str(devkeys.KEYS_DIR.parent / ".run" / "media")
    settings: dict[str, Any] = {"MEDIA_ROOT": f"{media_root}/{service}", "MEDIA_URL": f"/media/{service}/"}
    if not bucket:
        default: dict[str, Any] = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
        return {**settings, "STORAGES": {"default": default, "staticfiles": staticfiles}}
    options = {
        "bucket_name": bucket,
        "location": service,
        "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
        "region_name": env_str("S3_REGION") or None,
        "access_key": env_secret("S3_ACCESS_KEY_ID") or None,
        "secret_key": env_secret("S3_SECRET_ACCESS_KEY") or None,
        "querystring_auth": True,
        "file_overwrite": False,
    }
    default = {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    return {**settings, "STORAGES": {"default": default, "staticfiles": staticfiles}}


def build_settings(
    service: str,
    *,
    apps: list[str],
    mints_tokens: bool = False,
    has_database: bool = True,
) -> dict[str, Any]:
    """All Django settings of one process of the fleet; a bad or missing setting stops it with one line."""
    with production.refuse_to_start(service):
        if is_production():
            production.require(service)
        return _settings(service, apps=apps, mints_tokens=mints_tokens, has_database=has_database)


def _settings(service: str, *, apps: list[str], mints_tokens: bool, has_database: bool) -> dict[str, Any]:
    env = environment()
    production = env == "production"
    private_key, public_key = jwt_keys(mints_tokens=mints_tokens)
    package = f"{service}_service" if service != "gateway" else "gateway_project"
    settings: dict[str, Any] = {
        "SERVICE_NAME": service,
        "BAZAAR_ENV": env,
        "SECRET_KEY": secret("DJANGO_SECRET_KEY", "django-secret"),
        "DEBUG": env_bool("DJANGO_DEBUG") and not production,
        "ALLOWED_HOSTS": env_list("ALLOWED_HOSTS"),
        "INSTALLED_APPS": [*DJANGO_APPS, "rest_framework", "drf_spectacular", "common.api", *EVENT_APPS, *apps],
        "MIDDLEWARE": list(MIDDLEWARE),
        "ROOT_URLCONF": f"{package}.urls",
        "WSGI_APPLICATION": f"{package}.wsgi.application",
        "ASGI_APPLICATION": f"{package}.asgi.application",
        "DATABASES": database(service) if has_database else {},
        "DEFAULT_AUTO_FIELD": "django.db.models.BigAutoField",
        "TEMPLATES": [
            {
                "BACKEND": "django.template.backends.django.DjangoTemplates",
                "DIRS": [],
                "APP_DIRS": True,
                "OPTIONS": {
                    "context_processors": [
                        "django.template.context_processors.request",
                        "django.contrib.auth.context_processors.auth",
                        "django.contrib.messages.context_processors.messages",
                    ]
                },
            }
        ],
        "LANGUAGE_CODE": "en-us",
        "TIME_ZONE": "UTC",
        "USE_I18N": True,
        "USE_TZ": True,
        "STATIC_URL": "static/",
        "STATIC_ROOT": str(devkeys.KEYS_DIR.parent / ".run" / "static" / service),
        "REST_FRAMEWORK": rest_framework(),
        "SIMPLE_JWT": simple_jwt(private_key, public_key),
        "SPECTACULAR_SETTINGS": {
            "TITLE": f"Bazaar {service} service",
            "VERSION": "1.0.0",
            "SERVE_INCLUDE_SCHEMA": False,
            "COMPONENT_SPLIT_REQUEST": True,
            "POSTPROCESSING_HOOKS": [
                "drf_spectacular.hooks.postprocess_schema_enums",
                "common.api.schema.complete_document",
            ],
            "PATH_CONVERTER_OVERRIDES": {"id": bounds.ID_SCHEMA},
        },
        "GATEWAY_SIGNING_KEY": secret("GATEWAY_SIGNING_KEY", "gateway-signing-key"),
        "GATEWAY_SIGNATURE_TTL_SECONDS": env_int("GATEWAY_SIGNATURE_TTL_SECONDS"),
        # Failed attempts per minute per account and IP: the signin and every admin login.
        "RATE_LIMIT_SENSITIVE": env_int("RATE_LIMIT_SENSITIVE"),
        "REDIS_URL": env_str("REDIS_URL"),
        # The gateway's real-time keys, which common.presence reads in any service.
        "REALTIME_KEY_PREFIX": env_str("REALTIME_KEY_PREFIX"),
        "RABBITMQ_URL": env_str("RABBITMQ_URL"),
        "FRONTEND_URL": env_str("FRONTEND_URL"),
        "ELASTICSEARCH_URL": env_str("ELASTICSEARCH_URL"),
        **events(),
        **email(),
        **storages(service),
        "MAX_UPLOAD_BYTES": env_int("MAX_UPLOAD_BYTES"),
        "DATA_UPLOAD_MAX_MEMORY_SIZE": env_int("MAX_BODY_BYTES"),
        "LOGGING": logging_config(service),
        "SESSION_COOKIE_HTTPONLY": True,
        "X_FRAME_OPTIONS": "DENY",
        # Links a service builds (pagination, uploads) use the public host the gateway saw.
        "USE_X_FORWARDED_HOST": True,
        **security(production),
    }
    if not has_database:
        settings["INSTALLED_APPS"] = [
            "django.contrib.contenttypes",
            "django.contrib.auth",
            "django.contrib.staticfiles",
            "rest_framework",
            "drf_spectacular",
            "common.api",
            *apps,
        ]
        settings["MIDDLEWARE"] = MIDDLEWARE[:3]
    return with_tracing(settings, env_str("ELASTIC_APM_SERVER_URL"))


def logging_config(service: str) -> dict[str, Any]:
    """ECS JSON lines on stdout, which a collector ships to Elasticsearch."""
    from common.logging.config import build_logging

    return build_logging(service, level=env_str("LOG_LEVEL"))
