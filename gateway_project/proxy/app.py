"""The proxy: a raw ASGI application serving ``/api/v1/...`` without Django on the hot path.

Per request: route → size and media type → token → CSRF → one Redis round trip (rate
limits + revocation) → body → sign → forward over the pooled client → pass the answer
back, handling the token cookies on the auth routes.
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from datetime import datetime
from typing import Any

import aiohttp

from common.auth import signing
from common.auth.tokens import InvalidToken, bearer_token, validate_access_token
from common.http import UpstreamFailure
from common.logging.context import request_id_var, user_id_var
from common.logging.middleware import clean_request_id
from gateway_project.proxy import cookies as ck
from gateway_project.proxy import ratelimit
from gateway_project.proxy.config import GatewayConfig
from gateway_project.proxy.responses import (
    GatewayError,
    Headers,
    Receive,
    Scope,
    Send,
    dumps,
    send_body,
    send_error,
)
from gateway_project.proxy.routes import Access, Route, Tokens, match
from gateway_project.proxy.runtime import Runtime, get_runtime
from gateway_project.proxy.security import UNSAFE_METHODS, client_ip, cors_headers, csrf_refusal, preflight_headers

logger = logging.getLogger("gateway.proxy")

BODY_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Headers of the client's request passed on as they are; everything else is dropped
# (Cookie, hop-by-hop, Host, forged X-Client-IP/X-Gateway-Signature ...).
FORWARDED_HEADERS = (
    ("content-type", "Content-Type"),
    ("accept", "Accept"),
    ("accept-language", "Accept-Language"),
    ("user-agent", "User-Agent"),
)
# Headers of the service's answer never passed back.
DROPPED_RESPONSE_HEADERS = frozenset(
    {
        "connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailer", "trailers",
        "transfer-encoding", "upgrade", "set-cookie", "server", "date", "content-length", "x-request-id",
    }
)  # fmt: skip
STREAM_THRESHOLD = 1024 * 1024
TOKEN_CACHE_SIZE = 4096


class TokenCache:
    """Validated access-token payloads by token string, so a token's ES256 check runs once.

    Entries are used only until the token's own ``exp``; the cache never outlives the token.
    """

    def __init__(self, size: int = TOKEN_CACHE_SIZE) -> None:
        self.size = size
        self._items: dict[str, dict[str, Any]] = {}

    def validate(self, raw: str) -> dict[str, Any]:
        """The payload of a valid access token; raises :class:`InvalidToken`."""
        payload = self._items.get(raw)
        if payload is not None:
            if payload["exp"] > time.time():
                return payload
            del self._items[raw]
            raise InvalidToken("token_expired", "Token is invalid or expired.")
        payload = validate_access_token(raw)
        if len(self._items) >= self.size:
            self._items.pop(next(iter(self._items)))
        self._items[raw] = payload
        return payload


def request_headers(scope: Scope) -> dict[str, str]:
    """The request's headers by lower-case name (repeated Cookie headers joined)."""
    headers: dict[str, str] = {}
    for raw_name, raw_value in scope["headers"]:
        name = raw_name.decode("latin-1")
        value = raw_value.decode("latin-1")
        if name in headers:
            if name == "cookie":
                headers[name] += "; " + value
            continue
        headers[name] = value
    return headers


def media_type(content_type: str) -> str:
    """``application/json`` of ``application/json; charset=utf-8``."""
    return content_type.split(";", 1)[0].strip().lower()


def check_media_type(route: Route, content_type: str) -> None:
    """415 unless the body is JSON, or multipart on a route that takes uploads."""
    kind = media_type(content_type)
    if kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json")):
        return
    if kind == "multipart/form-data" and route.uploads:
        return
    allowed = "application/json or multipart/form-data" if route.uploads else "application/json"
    raise GatewayError(415, "unsupported_media_type", f"Request bodies must be {allowed}.")


def check_path(path: str) -> None:
    """404 for dot segments and empty segments, which services and routing could read differently."""
    if "//" in path or "/./" in path or "/../" in path or path.endswith(("/.", "/..")):
        raise GatewayError(404, "not_found", "Not found.")


def access_seconds(data: dict[str, Any]) -> int | None:
    """Seconds until ``access_expires_at`` (cookie lifetime), when the service said."""
    value = data.get("access_expires_at")
    if not isinstance(value, str):
        return None
    try:
        expires = datetime.fromisoformat(value)
    except ValueError:
        return None
    seconds = int(expires.timestamp() - time.time())
    return seconds if seconds > 0 else None


def inject_refresh(body: bytes, refresh: str | None) -> bytes:
    """The body with ``refresh`` from the cookie when the client did not send one."""
    if not refresh:
        return body
    if not body.strip():
        return dumps({"refresh": refresh})
    try:
        data = json.loads(body)
    except ValueError:
        return body  # the service answers 400 for malformed JSON
    if isinstance(data, dict) and not data.get("refresh"):
        data["refresh"] = refresh
        return dumps(data)
    return body


class ProxyApp:
    """ASGI app for ``/api/v1/...``; everything per process lives in :class:`Runtime`."""

    def __init__(self, runtime: Runtime | None = None) -> None:
        self._runtime = runtime
        self.tokens = TokenCache()

    @property
    def runtime(self) -> Runtime:
        return self._runtime or get_runtime()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        runtime = self.runtime
        config = runtime.config
        headers = request_headers(scope)
        request_id = clean_request_id(headers.get("x-request-id"))
        id_token = request_id_var.set(request_id)
        user_token = user_id_var.set(None)
        cookies = ck.parse_cookies(headers.get("cookie", ""))
        device, new_device = ck.device_id(cookies)
        answer: Headers = [(b"x-request-id", request_id.encode()), *cors_headers(config, headers.get("origin"))]
        if new_device:
            answer.append(ck.device_cookie(config, device))
        try:
            await self.handle(runtime, scope, receive, send, headers, cookies, device, request_id, answer)
        except GatewayError as error:
            if error.status >= 500:
                logger.warning("gateway answered %s %s", error.status, error.code, extra={"path": scope["path"]})
            await send_error(send, error, answer)
        except Exception:
            logger.exception("gateway failed", extra={"path": scope["path"]})
            # Fails quietly when the answer had already started: the server drops the connection.
            with contextlib.suppress(Exception):
                await send_error(send, GatewayError(500, "server_error", "Internal server error."), answer)
        finally:
            request_id_var.reset(id_token)
            user_id_var.reset(user_token)

    async def handle(
        self,
        runtime: Runtime,
        scope: Scope,
        receive: Receive,
        send: Send,
        headers: dict[str, str],
        cookies: dict[str, str],
        device: str,
        request_id: str,
        answer: Headers,
    ) -> None:
        config = runtime.config
        method: str = scope["method"]
        path: str = scope["path"]
        if method == "OPTIONS" and "access-control-request-method" in headers:
            await send_body(send, 204, b"", [*answer[:1], *preflight_headers(config, headers.get("origin"))])
            return
        check_path(path)
        route = match(path)
        if route is None:
            raise GatewayError(404, "not_found", "Not found.")
        self.check_declared_body(route, method, headers, config)

        bearer = bearer_token(headers.get("authorization"))
        claims = self.authenticate(route, method, bearer, cookies)
        if (
            method in UNSAFE_METHODS
            and bearer is None
            and (ck.ACCESS_COOKIE in cookies or ck.REFRESH_COOKIE in cookies)
        ):
            reason = csrf_refusal(config, headers.get("origin"), headers.get("sec-fetch-site"), headers.get("host"))
            if reason:
                raise GatewayError(403, "csrf_failed", reason)

        ip = client_ip(
            scope["client"][0] if scope.get("client") else "",
            headers.get("x-forwarded-for"),
            config.trusted_proxy_count,
        )
        sensitive_name = route.pattern.rsplit("/", 1)[1]
        verdict = await ratelimit.check(
            runtime.redis,
            config,
            ip=ip,
            user_id=claims["user_id"] if claims else None,
            jti=claims["jti"] if claims else None,
            sensitive=(route.sensitive, sensitive_name) if route.sensitive else None,
        )
        if verdict.revoked:
            raise GatewayError(401, "token_revoked", "Token has been revoked.")
        if verdict.limited:
            raise GatewayError(429, "rate_limited", "Too many requests.", retry_after=verdict.retry_after)

        body = await read_body(receive, config.max_body_bytes)
        if body and method in BODY_METHODS and "content-type" not in headers:
            check_media_type(route, "")
        injected = False
        if route.tokens in (Tokens.REFRESH, Tokens.SIGNOUT) and method == "POST":
            original = body
            body = inject_refresh(body, cookies.get(ck.REFRESH_COOKIE))
            injected = body is not original

        upstream = self.upstream_headers(scope, headers, config, request_id, device, ip, body)
        if injected:
            upstream["Content-Type"] = "application/json"
        if claims is not None:
            upstream["Authorization"] = f"Bearer {claims['_raw']}"
        query = scope.get("query_string", b"")
        raw_path = scope.get("raw_path") or path.encode()
        url = (
            config.service_urls[route.service]
            + raw_path.decode("latin-1")
            + ("?" + query.decode("latin-1") if query else "")
        )
        try:
            response = await runtime.client.send(route.service, method, url, headers=upstream, body=body)
        except UpstreamFailure as failure:
            raise GatewayError(failure.status, failure.code, failure.detail, retry_after=failure.retry_after) from None
        try:
            status = await self.relay(runtime, route, method, response, send, answer)
        finally:
            response.release()
        if route.sensitive is not None and route.sensitive.value == "failures" and status in (400, 401, 403):
            await ratelimit.record_failure(runtime.redis, sensitive_name, ip)

    @staticmethod
    def check_declared_body(route: Route, method: str, headers: dict[str, str], config: GatewayConfig) -> None:
        """413 and 415 from the headers alone, before reading anything."""
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                raise GatewayError(400, "bad_request", "Malformed Content-Length.")
            if int(length) > config.max_body_bytes:
                raise GatewayError(
                    413, "request_too_large", f"Request bodies are limited to {config.max_body_bytes} bytes."
                )
        content_type = headers.get("content-type")
        if content_type is not None and method in BODY_METHODS and (length != "0"):
            check_media_type(route, content_type)

    def authenticate(
        self, route: Route, method: str, bearer: str | None, cookies: dict[str, str]
    ) -> dict[str, Any] | None:
        """The access token's claims (with ``_raw``), None when anonymous; 401 per the route's rule."""
        access = route.access_for(method)
        if access is Access.NONE:
            return None
        raw = bearer or cookies.get(ck.ACCESS_COOKIE)
        if not raw:
            if access is Access.REQUIRED:
                raise GatewayError(401, "not_authenticated", "Authentication credentials were not provided.")
            return None
        try:
            claims = self.tokens.validate(raw)
        except InvalidToken as exc:
            # A stale cookie must not break public pages; a bad explicit token is an error.
            if access is Access.REQUIRED or bearer is not None:
                raise GatewayError(401, exc.code, exc.detail) from None
            return None
        user_id_var.set(str(claims["user_id"]))
        return {**claims, "_raw": raw}

    @staticmethod
    def upstream_headers(
        scope: Scope, headers: dict[str, str], config: GatewayConfig, request_id: str, device: str, ip: str, body: bytes
    ) -> dict[str, str]:
        """The headers a service receives: safe client headers plus the gateway's own."""
        query = scope.get("query_string", b"").decode("latin-1")
        signed = signing.SignedRequest(scope["method"], signing.canonical_path(scope["path"], query), body, request_id)
        upstream = {
            "X-Request-ID": request_id,
            "X-Client-IP": ip,
            "X-Device-ID": device,
            "X-Forwarded-Proto": scope.get("scheme", "http"),
            signing.SIGNATURE_HEADER: signing.sign(signed, config.signing_key),
        }
        if "host" in headers:
            upstream["X-Forwarded-Host"] = headers["host"]
        for name, title in FORWARDED_HEADERS:
            value = headers.get(name)
            if value is not None:
                upstream[title] = value
        return upstream

    async def relay(
        self, runtime: Runtime, route: Route, method: str, response: aiohttp.ClientResponse, send: Send, answer: Headers
    ) -> int:
        """Pass the service's answer back (status, safe headers, body); returns the status."""
        status = response.status
        out = [
            (name.lower().encode("latin-1"), value.encode("latin-1"))
            for name, value in response.headers.items()
            if name.lower() not in DROPPED_RESPONSE_HEADERS
        ]
        out += answer
        length = response.content_length
        if method == "HEAD":
            await self.stream(route, response, send, status, out, length)
            return status
        if route.tokens is None and (length is None or length > STREAM_THRESHOLD):
            await self.stream(route, response, send, status, out, length)
            return status
        try:
            body = await response.read()
        except (TimeoutError, aiohttp.ClientError):
            runtime.client.breaker(route.service).record_failure()
            raise GatewayError(504, "gateway_timeout", "The service did not answer in time.") from None
        if route.tokens is not None:
            body = self.handle_tokens(runtime.config, route.tokens, status, body, out)
        await send_body(send, status, body, out)
        return status

    @staticmethod
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
            logger.warning("upstream body interrupted", extra={"upstream": route.service})
        await send({"type": "http.response.body", "body": b""})

    @staticmethod
    def handle_tokens(config: GatewayConfig, tokens: Tokens, status: int, body: bytes, out: Headers) -> bytes:
        """Cookies around the auth routes; the refresh token never reaches the browser's JS."""
        if tokens is Tokens.SIGNOUT:
            if 200 <= status < 300:
                out += ck.clear_token_cookies(config)
            return body
        if tokens is Tokens.REFRESH and status == 401:
            out += ck.clear_token_cookies(config)
            return body
        if status not in (200, 201):
            return body
        try:
            data = json.loads(body)
        except ValueError:
            return body
        if not isinstance(data, dict) or not isinstance(data.get("access"), str):
            return body
        refresh = data.pop("refresh", None)
        out += ck.token_cookies(
            config, data["access"], refresh if isinstance(refresh, str) else None, access_seconds(data)
        )
        return dumps(data)


async def read_body(receive: Receive, limit: int) -> bytes:
    """The whole request body; 413 as soon as it passes ``limit`` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise GatewayError(400, "client_disconnected", "The client went away.")
        chunk = message.get("body", b"")
        if chunk:
            size += len(chunk)
            if size > limit:
                raise GatewayError(413, "request_too_large", f"Request bodies are limited to {limit} bytes.")
            chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return chunks[0] if len(chunks) == 1 else b"".join(chunks)
