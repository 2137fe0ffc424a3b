"""The gateway signature: proof that a request came through the gateway, unaltered.

The gateway signs ``method``, ``path`` (with query string), the SHA-256 of the body, a
Unix timestamp and the request id with HMAC-SHA256 under ``GATEWAY_SIGNING_KEY``, and
sends ``X-Gateway-Signature: t=<timestamp>,s=<hex>``. A service accepts a signature only
within ``GATEWAY_SIGNATURE_TTL_SECONDS`` and only once (see :func:`claim_once`), so a
captured request can be neither altered nor replayed.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from dataclasses import dataclass

SIGNATURE_HEADER = "X-Gateway-Signature"
EMPTY_BODY_HASH = hashlib.sha256(b"").hexdigest()


class SignatureError(Exception):
    """The signature is missing, malformed, stale or does not match."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class SignedRequest:
    """What the signature covers."""

    method: str
    path: str
    body: bytes
    request_id: str


def canonical_path(path: str, query_string: str) -> str:
    """The signed form of a URL: the percent-decoded path, then ``?`` and the raw query."""
    return f"{path}?{query_string}" if query_string else path


def _message(request: SignedRequest, timestamp: int, body_hash: str) -> bytes:
    return f"{request.method.upper()}\n{request.path}\n{body_hash}\n{timestamp}\n{request.request_id}".encode()


def sign(request: SignedRequest, key: str, *, timestamp: int | None = None, body_hash: str | None = None) -> str:
    """The header value signing ``request`` now (or at ``timestamp``)."""
    ts = int(time.time()) if timestamp is None else timestamp
    digest = body_hash or (hashlib.sha256(request.body).hexdigest() if request.body else EMPTY_BODY_HASH)
    mac = hmac.new(key.encode(), _message(request, ts, digest), hashlib.sha256).hexdigest()
    return f"t={ts},s={mac}"


def verify(header: str | None, request: SignedRequest, key: str, *, ttl: int) -> str:
    """Check ``header`` against ``request``; returns the signature's MAC for replay checks."""
    if not header:
        raise SignatureError("gateway_signature_missing", "Requests must come through the gateway.")
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp, mac = int(parts["t"]), parts["s"]
    except (KeyError, ValueError):
        raise SignatureError("gateway_signature_malformed", "Malformed gateway signature.") from None
    if abs(time.time() - timestamp) > ttl:
        raise SignatureError("gateway_signature_expired", "The gateway signature has expired.")
    expected = sign(request, key, timestamp=timestamp).split(",s=", 1)[1]
    if not hmac.compare_digest(expected, mac):
        raise SignatureError("gateway_signature_invalid", "The gateway signature does not match the request.")
    return mac


def claim_once(redis_client: object, mac: str, ttl: int) -> bool:
    """Record a signature as used; False when it was seen before (a replay)."""
    return bool(redis_client.set(f"gw-sig:{mac}", 1, nx=True, ex=ttl * 2 + 5))  # type: ignore[attr-defined]
