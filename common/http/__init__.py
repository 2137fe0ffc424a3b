"""The internal HTTP client: one pooled async session, timeouts, retries, circuit breakers."""

from common.http.breaker import CircuitBreaker
from common.http.client import (
    CircuitOpen,
    InternalClient,
    ServiceDown,
    ServiceTimeout,
    UpstreamFailure,
)

__all__ = ["CircuitBreaker", "CircuitOpen", "InternalClient", "ServiceDown", "ServiceTimeout", "UpstreamFailure"]
