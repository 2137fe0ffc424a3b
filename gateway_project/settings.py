"""Settings of the gateway: the fleet's settings, no database, plus the proxy's knobs."""

from common.conf.env import env_bool, env_float, env_int, env_networks, env_str
from common.conf.production import refuse_to_start
from common.conf.settings import build_settings, environment
from gateway_project.proxy.routes import SERVICES

_fleet = build_settings(
    "gateway",
    apps=["drf_spectacular_sidecar", "gateway_project.proxy", "gateway_project.realtime"],
    has_database=False,
)
globals().update(_fleet)

# The proxy path is a raw ASGI app in front of Django; Django serves only health, schema
# and docs, all GET. These keep `check --deploy` meaningful for that part.
MIDDLEWARE = [
    "common.logging.middleware.RequestContextMiddleware",
    "common.api.middleware.JsonErrorPagesMiddleware",
    "common.api.middleware.RefuseNulMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# The scheme is the ASGI scope's, which asgi.py takes from X-Forwarded-Proto only when a
# TRUSTED_PROXIES address sent it: Django must not believe that header from anyone else.
SECURE_PROXY_SSL_HEADER = None
# The gateway authenticates nothing through DRF: its views are public.
REST_FRAMEWORK = {
    **_fleet["REST_FRAMEWORK"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
}
SPECTACULAR_SETTINGS = {
    **_fleet["SPECTACULAR_SETTINGS"],
    "TITLE": "Bazaar API",
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

with refuse_to_start("gateway"):
    SERVICE_URLS = {name: env_str(f"{name.upper()}_SERVICE_URL").rstrip("/") for name in SERVICES}
    GATEWAY_URL = env_str("GATEWAY_URL").rstrip("/")
    WEB_DIST_DIR = env_str("WEB_DIST_DIR")
    UPSTREAM_CONNECT_TIMEOUT = env_float("UPSTREAM_CONNECT_TIMEOUT")
    UPSTREAM_READ_TIMEOUT = env_float("UPSTREAM_READ_TIMEOUT")
    UPSTREAM_RETRIES = env_int("UPSTREAM_RETRIES")
    CIRCUIT_FAILURE_THRESHOLD = env_int("CIRCUIT_FAILURE_THRESHOLD")
    CIRCUIT_RESET_SECONDS = env_float("CIRCUIT_RESET_SECONDS")
    MAX_BODY_BYTES = env_int("MAX_BODY_BYTES")
    RATE_LIMIT_PER_IP = env_int("RATE_LIMIT_PER_IP")
    RATE_LIMIT_PER_USER = env_int("RATE_LIMIT_PER_USER")
    RATE_LIMIT_SENSITIVE = env_int("RATE_LIMIT_SENSITIVE")
    # Only these peers' X-Forwarded-For/-Proto are believed (asgi.py); empty trusts nobody.
    TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")
    _cookie_secure = env_str("COOKIE_SECURE").strip()
    COOKIE_SECURE = env_bool("COOKIE_SECURE") if _cookie_secure else environment() != "local"
    JWT_ACCESS_MINUTES = env_int("JWT_ACCESS_MINUTES")
    JWT_REFRESH_DAYS = env_int("JWT_REFRESH_DAYS")

# Real time (gateway_project/realtime): the Redis channel layer every gateway process and
# the gateway's worker share, and the Redis keys of tickets, contacts and presence.
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {
            "hosts": [_fleet["REDIS_URL"]],
            "prefix": "bazaar:channels",
            "capacity": env_int("REALTIME_CHANNEL_CAPACITY"),
            "expiry": env_int("REALTIME_CHANNEL_EXPIRY_SECONDS"),
        },
    }
}
REALTIME_KEY_PREFIX = env_str("REALTIME_KEY_PREFIX")
REALTIME_TICKET_SECONDS = env_float("REALTIME_TICKET_SECONDS")
REALTIME_PRESENCE_SECONDS = env_float("REALTIME_PRESENCE_SECONDS")
REALTIME_TYPING_PER_SECOND = env_int("REALTIME_TYPING_PER_SECOND")
REALTIME_CONTACT_DAYS = env_float("REALTIME_CONTACT_DAYS")
REALTIME_MAX_FRAME_CHARS = env_int("REALTIME_MAX_FRAME_CHARS")
