"""The gateway's pooled async HTTP client to the services: one per process.

Built on a single :class:`aiohttp.ClientSession` (keep-alive pool, no cookie jar, no
automatic headers, no redirects, no decompression) so a caller forwards exactly what it
means to. Every call has connect and read timeouts; idempotent methods are retried on
connection errors; each service has its own :class:`CircuitBreaker`. Failures surface as
:class:`UpstreamFailure` subclasses carrying the HTTP status a gateway should answer.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping

import aiohttp
from yarl import URL

from common.api.errors import BazaarError
from gateway_project.proxy.breaker import CircuitBreaker

logger = logging.getLogger(__name__)

IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "PUT", "DELETE"})
# Upstream answers that mean "the service is not able to serve", not "your request is wrong".
FAILURE_STATUSES = frozenset({502, 503, 504})
# Idle pooled connections are closed after this; services keep theirs open longer (gunicorn
# --keep-alive 75, common/fleet/commands.py), so the gateway never reuses a closed one.
IDLE_SECONDS = 30


class UpstreamFailure(BazaarError):
    """A service could not be reached or did not answer in time: the gateway answers 5xx for it."""

    status = 502
    code = "bad_gateway"
    detail = "A service failed to answer."

    def __init__(self, service: str, *, retry_after: int | None = None) -> None:
        super().__init__()
        self.service = service
        self.retry_after = retry_after

    def __str__(self) -> str:
        return f"{self.service}: {self.detail}"


class ServiceDown(UpstreamFailure):
    """502: connection refused, reset or closed before an answer."""

    code = "service_unavailable"
    detail = "The service is unavailable."


class CircuitOpen(UpstreamFailure):
    """503: the service failed repeatedly; not called until its circuit half-opens."""

    status = 503
    code = "service_unavailable"
    detail = "The service is temporarily unavailable."


class ServiceTimeout(UpstreamFailure):
    """504: the service did not answer within the read timeout."""

    status = 504
    code = "gateway_timeout"
    detail = "The service did not answer in time."


class InternalClient:
    """Pooled HTTP client with timeouts, idempotent retries and per-service circuit breakers.

    Create it inside the event loop that will use it and :meth:`close` it on shutdown.
    """

    def __init__(
        self,
        *,
        connect_timeout: float,
        read_timeout: float,
        retries: int,
        failure_threshold: int,
        reset_seconds: float,
        pool_size: int = 512,
    ) -> None:
        self.retries = max(retries, 0)
        self.failure_threshold = failure_threshold
        self.reset_seconds = reset_seconds
        self.timeout = aiohttp.ClientTimeout(total=None, sock_connect=connect_timeout, sock_read=read_timeout)
        self.session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(limit=pool_size, ttl_dns_cache=300, keepalive_timeout=IDLE_SECONDS),
            cookie_jar=aiohttp.DummyCookieJar(),
            auto_decompress=False,
            skip_auto_headers=("User-Agent", "Accept", "Accept-Encoding", "Content-Type"),
            timeout=self.timeout,
        )
        # aiohttp (3.10+) silently re-sends an idempotent request once when the server drops
        # the connection, on top of our own retries: a GET would reach a failing service up
        # to 2 * (1 + retries) times. ``retries`` alone decides (no public option exists).
        self.session._retry_connection = False
        self.breakers: dict[str, CircuitBreaker] = {}

    def breaker(self, service: str) -> CircuitBreaker:
        """The circuit breaker of ``service``."""
        breaker = self.breakers.get(service)
        if breaker is None:
            breaker = self.breakers[service] = CircuitBreaker(self.failure_threshold, self.reset_seconds)
        return breaker

    async def send(
        self,
        service: str,
        method: str,
        url: str,
        *,
        headers: Mapping[str, str],
        body: bytes = b"",
        timeout: aiohttp.ClientTimeout | None = None,
    ) -> aiohttp.ClientResponse:
        """Send one request; the caller reads and releases the returned response.

        ``url`` must already be percent-encoded (it is passed on byte for byte).
        Raises :class:`CircuitOpen`, :class:`ServiceDown` or :class:`ServiceTimeout`.
        """
        breaker = self.breaker(service)
        if not breaker.allow():
            raise CircuitOpen(service, retry_after=breaker.retry_after())
        attempts = 1 + (self.retries if method in IDEMPOTENT_METHODS else 0)
        target = URL(url, encoded=True)
        for attempt in range(attempts):
            try:
                response = await self.session.request(
                    method,
                    target,
                    headers=headers,
                    data=body or None,
                    allow_redirects=False,
                    timeout=timeout or self.timeout,
                )
            except (TimeoutError, aiohttp.ServerTimeoutError):
                breaker.record_failure()
                logger.warning("upstream timeout", extra={"upstream": service, "method": method})
                raise ServiceTimeout(service) from None
            except aiohttp.ClientConnectionError as exc:
                # A refused connect never reached the service; a dropped keep-alive
                # connection may have: retry only what is safe to repeat.
                if attempt + 1 < attempts:
                    continue
                breaker.record_failure()
                logger.warning("upstream unreachable", extra={"upstream": service, "error": repr(exc)})
                raise ServiceDown(service) from None
            if response.status in FAILURE_STATUSES:
                breaker.record_failure()
            else:
                breaker.record_success()
            return response
        raise AssertionError("unreachable")  # pragma: no cover

    async def close(self) -> None:
        """Close the pool (call on shutdown)."""
        await self.session.close()
        # Let the transports finish closing inside this loop.
        await asyncio.sleep(0)
