"""Everything the proxy path needs, read once from Django settings into a frozen object."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, as browsers send it in ``Origin``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


@dataclass(frozen=True)
class GatewayConfig:
    """The proxy's configuration (tests build variants with :func:`dataclasses.replace`)."""

    service_urls: dict[str, str]
    signing_key: str
    gateway_origin: str
    frontend_origin: str
    connect_timeout: float = 1.0
    read_timeout: float = 10.0
    retries: int = 1
    failure_threshold: int = 5
    reset_seconds: float = 10.0
    max_body_bytes: int = 10 * 1024 * 1024
    rate_limit_per_ip: int = 300
    rate_limit_per_user: int = 600
    rate_limit_sensitive: int = 5
    cookie_secure: bool = True
    access_cookie_seconds: int = 15 * 60
    refresh_cookie_seconds: int = 14 * 86400
    redis_url: str = "redis://127.0.0.1:6379/0"
    health_timeout: float = 1.0
    schema_cache_seconds: float = 30.0
    allowed_origins: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "allowed_origins", frozenset({self.gateway_origin, self.frontend_origin}))

    @classmethod
    def from_settings(cls) -> GatewayConfig:
        """The configuration of this process."""
        from django.conf import settings

        return cls(
            service_urls=dict(settings.SERVICE_URLS),
            signing_key=settings.GATEWAY_SIGNING_KEY,
            gateway_origin=origin_of(settings.GATEWAY_URL),
            frontend_origin=origin_of(settings.FRONTEND_URL),
            connect_timeout=settings.UPSTREAM_CONNECT_TIMEOUT,
            read_timeout=settings.UPSTREAM_READ_TIMEOUT,
            retries=settings.UPSTREAM_RETRIES,
            failure_threshold=settings.CIRCUIT_FAILURE_THRESHOLD,
            reset_seconds=settings.CIRCUIT_RESET_SECONDS,
            max_body_bytes=settings.MAX_BODY_BYTES,
            rate_limit_per_ip=settings.RATE_LIMIT_PER_IP,
            rate_limit_per_user=settings.RATE_LIMIT_PER_USER,
            rate_limit_sensitive=settings.RATE_LIMIT_SENSITIVE,
            cookie_secure=settings.COOKIE_SECURE,
            access_cookie_seconds=settings.JWT_ACCESS_MINUTES * 60,
            refresh_cookie_seconds=settings.JWT_REFRESH_DAYS * 86400,
            redis_url=settings.REDIS_URL,
        )
