"""The gateway signature: proof that a request came through the gateway, unaltered.

The gateway signs ``method``, ``path`` (with query string), the SHA-256 of the body, a
Unix timestamp, a random nonce of its own and the request id with HMAC-SHA256 under
``GATEWAY_SIGNING_KEY``, and sends ``X-Gateway-Signature: t=<timestamp>,n=<nonce>,s=<hex>``.
A service accepts a signature only within ``GATEWAY_SIGNATURE_TTL_SECONDS`` and each nonce
only once (see :func:`claim_once`), so a captured request can be neither altered nor
replayed. The request id is the client's (for correlating logs): two identical requests
with the same id are still two requests, told apart by the nonce the gateway made.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from dataclasses import dataclass

SIGNATURE_HEADER = "X-Gateway-Signature"
EMPTY_BODY_HASH = hashlib.sha256(b"").hexdigest()
# 128 random bits in hex: what :func:`new_nonce` makes, and all a signature may carry.
_NONCE = re.compile(r"^[0-9a-f]{32}$")


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


def new_nonce() -> str:
    """A fresh nonce: the gateway's own, never a value the client chose."""
    return secrets.token_hex(16)


def _message(request: SignedRequest, timestamp: int, nonce: str, body_hash: str) -> bytes:
    return f"{request.method.upper()}\n{request.path}\n{body_hash}\n{timestamp}\n{nonce}\n{request.request_id}".encode()


def sign(
    request: SignedRequest,
    key: str,
    *,
    timestamp: int | None = None,
    nonce: str | None = None,
    body_hash: str | None = None,
) -> str:
    """The header value signing ``request`` now (or at ``timestamp``) under a fresh nonce (or ``nonce``)."""
    ts = int(time.time()) if timestamp is None else timestamp
    once = new_nonce() if nonce is None else nonce
    digest = body_hash or (hashlib.sha256(request.body).hexdigest() if request.body else EMPTY_BODY_HASH)
    mac = hmac.new(key.encode(), _message(request, ts, once, digest), hashlib.sha256).hexdigest()
    return f"t={ts},n={once},s={mac}"


def verify(header: str | None, request: SignedRequest, key: str, *, ttl: int) -> str:
    """Check ``header`` against ``request``; returns the signature's nonce for :func:`claim_once`."""
    if not header:
        raise SignatureError("gateway_signature_missing", "Requests must come through the gateway.")
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp, nonce, mac = int(parts["t"]), parts["n"], parts["s"]
    except (KeyError, ValueError):
        raise SignatureError("gateway_signature_malformed", "Malformed gateway signature.") from None
    if not _NONCE.match(nonce):
        raise SignatureError("gateway_signature_malformed", "Malformed gateway signature.")
    if abs(time.time() - timestamp) > ttl:
        raise SignatureError("gateway_signature_expired", "The gateway signature has expired.")
    expected = sign(request, key, timestamp=timestamp, nonce=nonce).split(",s=", 1)[1]
    if not hmac.compare_digest(expected, mac):
        raise SignatureError("gateway_signature_invalid", "The gateway signature does not match the request.")
    return nonce


def claim_once(redis_client: object, nonce: str, ttl: int) -> bool:
    """Record a signature's nonce as used; False when it was seen before (a replay)."""
    return bool(redis_client.set(f"gw-nonce:{nonce}", 1, nx=True, ex=ttl * 2 + 5))  # type: ignore[attr-defined]
