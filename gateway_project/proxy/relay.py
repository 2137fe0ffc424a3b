"""The request a service receives and the answer passed back to the client.

Only safe client headers go upstream, plus the gateway's own (request id, client IP,
device id, signature); only safe service headers come back. Large or unsized answers
are streamed, everything else is passed back in one piece.
"""

from __future__ import annotations

import logging

import aiohttp

from common.auth import signing
from gateway_project.proxy.responses import GatewayError, Headers, Scope, Send, send_body
from gateway_project.proxy.routes import Route
from gateway_project.proxy.runtime import Runtime
from gateway_project.proxy.tokens import Claims, handle_token_answer

logger = logging.getLogger("gateway.proxy")

# Headers of the client's request passed on as they are; everything else is dropped
# (Cookie, hop-by-hop, Host, forged X-Client-IP/X-Gateway-Signature ...).
FORWARDED_HEADERS = (
    ("content-type", "Content-Type"),
    ("accept", "Accept"),
    ("accept-language", "Accept-Language"),
    ("user-agent", "User-Agent"),
    # The payment provider's signature over the webhook's raw body (forwarded byte for byte).
    ("stripe-signature", "Stripe-Signature"),
    # A client's key that makes a repeated withdrawal answer with the first one.
    ("idempotency-key", "Idempotency-Key"),
)
# Headers of the service's answer never passed back.
DROPPED_RESPONSE_HEADERS = frozenset(
    {
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "trailers",
        "transfer-encoding", "upgrade", "set-cookie", "server", "date", "content-length", "x-request-id",
    }
)  # fmt: skip
STREAM_THRESHOLD = 1024 * 1024


def upstream_url(base: str, scope: Scope, query: str) -> str:
    """The service URL of this request: the public path is forwarded unchanged, still percent-encoded."""
    raw_path: bytes = scope.get("raw_path") or scope["path"].encode()
    return base + raw_path.decode("latin-1") + ("?" + query if query else "")


def upstream_headers(
    scope: Scope,
    headers: dict[str, str],
    signing_key: str,
    query: str,
    body: bytes,
    *,
    request_id: str,
    device: str,
    ip: str,
) -> dict[str, str]:
    """The headers a service receives: safe client headers plus the gateway's own, signed."""
    signed = signing.SignedRequest(scope["method"], signing.canonical_path(scope["path"], query), body, request_id)
    upstream = {
        "X-Request-ID": request_id,
        "X-Client-IP": ip,
        "X-Device-ID": device,
        "X-Forwarded-Proto": scope.get("scheme", "http"),
        signing.SIGNATURE_HEADER: signing.sign(signed, signing_key),
    }
    if "host" in headers:
        upstream["X-Forwarded-Host"] = headers["host"]
    for name, title in FORWARDED_HEADERS:
        value = headers.get(name)
        if value is not None:
            upstream[title] = value
    return upstream


def add_credentials(upstream: dict[str, str], claims: Claims | None, *, json_body: bool) -> None:
    """The access token as Bearer, whether it came as a header or a cookie; JSON type for a rewritten body."""
    if json_body:
        upstream["Content-Type"] = "application/json"
    if claims is not None:
        upstream["Authorization"] = f"Bearer {claims['_raw']}"


def answer_headers(response: aiohttp.ClientResponse, answer: Headers) -> Headers:
    """The service's safe headers followed by the gateway's own."""
    out = [
        (name.lower().encode("latin-1"), value.encode("latin-1"))
        for name, value in response.headers.items()
        if name.lower() not in DROPPED_RESPONSE_HEADERS
    ]
    out += answer
    return out


async def relay(
    runtime: Runtime, route: Route, method: str, response: aiohttp.ClientResponse, send: Send, answer: Headers
) -> int:
    """Pass the service's answer back (status, safe headers, body); returns the status."""
    status = response.status
    out = answer_headers(response, answer)
    length = response.content_length
    # The token routes are always read whole: their body is rewritten before it goes back.
    if method == "HEAD" or (route.tokens is None and (length is None or length > STREAM_THRESHOLD)):
        await stream(route, response, send, status, out, length)
        return status
    try:
        body = await response.read()
    except (TimeoutError, aiohttp.ClientError):
        runtime.client.breaker(route.service).record_failure()
        raise GatewayError(504, "gateway_timeout", "The service did not answer in time.") from None
    if route.tokens is not None:
        body = handle_token_answer(runtime.config, route.tokens, status, body, out)
    await send_body(send, status, body, out)
    return status


async def stream(
    route: Route, response: aiohttp.ClientResponse, send: Send, status: int, out: Headers, length: int | None
) -> None:
    """Stream a large or unsized body chunk by chunk."""
    if length is not None:
        out.append((b"content-length", str(length).encode()))
    await send({"type": "http.response.start", "status": status, "headers": out})
    try:
        async for chunk in response.content.iter_any():
            await send({"type": "http.response.body", "body": chunk, "more_body": True})
    except (TimeoutError, aiohttp.ClientError):
        # The status is already sent: all that is left is to end the body and log.
        logger.warning("upstream body interrupted", extra={"upstream": route.service})
    await send({"type": "http.response.body", "body": b""})
