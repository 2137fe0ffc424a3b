"""The proxy: a raw ASGI application serving ``/api/v1/...`` without Django on the hot path.

Per request: route → size and media type → token → CSRF → one Redis round trip (rate
limits + revocation, pipelined with the process's other requests) → body → sign → forward over the pooled client → pass the answer
back, handling the token cookies on the auth routes. The few routes the gateway answers
itself (the websocket ticket) go through the same checks up to the rate limits.

Each step lives with its concern: :mod:`.inbound` (the client's request), :mod:`.tokens`,
:mod:`.ratelimit`, :mod:`.relay` (the service's request and answer). The steps pass plain
values to each other: no per-request object, no await beyond the I/O itself.
"""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import MutableMapping
from typing import Any

from common.auth.tokens import bearer_token
from common.logging.context import causation_id_var, request_id_var, user_id_var
from common.logging.middleware import clean_request_id
from common.logging.performance import log_request
from gateway_project.proxy import cookies as ck
from gateway_project.proxy import ratelimit
from gateway_project.proxy.client import UpstreamFailure
from gateway_project.proxy.inbound import (
    check_csrf,
    check_declared_body,
    check_method,
    check_undeclared_body,
    ip_of,
    is_preflight,
    read_body,
    request_headers,
    route_for,
)
from gateway_project.proxy.relay import add_credentials, relay, upstream_headers, upstream_url
from gateway_project.proxy.responses import GatewayError, Headers, Receive, Scope, Send, send_body, send_error
from gateway_project.proxy.routes import GATEWAY, match
from gateway_project.proxy.runtime import Runtime, get_runtime
from gateway_project.proxy.security import cors_headers, preflight_headers
from gateway_project.proxy.tokens import TokenCache, body_for_service
from gateway_project.realtime import tickets

logger = logging.getLogger("gateway.proxy")


class ProxyApp:
    """ASGI app for ``/api/v1/...``; everything per process lives in :class:`Runtime`."""

    def __init__(self, runtime: Runtime | None = None) -> None:
        self._runtime = runtime
        self.tokens = TokenCache()

    @property
    def runtime(self) -> Runtime:
        return self._runtime or get_runtime()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        status = StatusOf(send)
        send = status.send
        runtime = self.runtime
        headers = request_headers(scope)
        request_id = clean_request_id(headers.get("x-request-id"))
        id_token = request_id_var.set(request_id)
        causation_token = causation_id_var.set(None)
        user_token = user_id_var.set(None)
        cookies = ck.parse_cookies(headers.get("cookie", ""))
        device, new_device = ck.device_id(cookies)
        # Headers every answer carries, the gateway's own errors included.
        answer: Headers = [(b"x-request-id", request_id.encode()), *cors_headers(runtime.config, headers.get("origin"))]
        if new_device:
            answer.append(ck.device_cookie(runtime.config, device))
        try:
            await self.handle(runtime, scope, receive, send, headers, cookies, device, request_id, answer)
        except GatewayError as error:
            await refuse(send, scope, error, answer)
        except UpstreamFailure as failure:
            await refuse(send, scope, upstream_error(failure), answer)
        except Exception:
            await fail(send, scope, answer)
        finally:
            log_request(scope["method"], route_pattern(scope["path"]), status.code, started)
            request_id_var.reset(id_token)
            causation_id_var.reset(causation_token)
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
        """The steps of the module docstring; each raises :class:`GatewayError` to refuse."""
        config = runtime.config
        method: str = scope["method"]
        if is_preflight(method, headers):
            await send_body(send, 204, b"", [*answer[:1], *preflight_headers(config, headers.get("origin"))])
            return
        route = route_for(scope["path"])
        check_method(method)
        check_declared_body(route, method, headers, config.max_body_bytes)
        bearer = bearer_token(headers.get("authorization"))
        claims = self.tokens.authenticate(route.access_for(method), bearer, cookies)
        check_csrf(config, method, bearer, cookies, headers)
        ip = ip_of(scope)
        await ratelimit.admit(runtime.pipe, config, route, ip, claims, runtime.over_budget)
        if route.service == GATEWAY:
            await tickets.answer(runtime.redis, method, claims, send, answer)
            return

        body = await read_body(receive, config.max_body_bytes)
        check_undeclared_body(route, method, body, headers)
        sent = body_for_service(route.tokens, method, body, cookies)
        query: str = scope.get("query_string", b"").decode("latin-1")
        upstream = upstream_headers(
            scope, headers, config.signing_key, query, sent, request_id=request_id, device=device, ip=ip
        )
        add_credentials(upstream, claims, json_body=sent is not body)
        url = upstream_url(config.service_urls[route.service], scope, query)

        response = await runtime.client.send(route.service, method, url, headers=upstream, body=sent)
        try:
            status = await relay(runtime, route, method, response, send, answer)
        finally:
            response.release()
        if ratelimit.is_failed_attempt(route, status):
            await ratelimit.record_failure(runtime.redis, route, ip)


class StatusOf:
    """Wraps ``send`` to remember the status the answer started with (0 when none was sent)."""

    def __init__(self, send: Send) -> None:
        self._send = send
        self.code = 0

    async def send(self, message: MutableMapping[str, Any]) -> None:
        if message["type"] == "http.response.start":
            self.code = message["status"]
        await self._send(message)


def route_pattern(path: str) -> str | None:
    """The routing table's pattern for ``path`` (``/api/v1/gigs/{id}``) for the request's log line."""
    route = match(path)
    return route.pattern if route is not None else None


def upstream_error(failure: UpstreamFailure) -> GatewayError:
    """The gateway's answer when the service was not reachable (502), open (503) or slow (504)."""
    return GatewayError(failure.status, failure.code, failure.detail, retry_after=failure.retry_after)


async def refuse(send: Send, scope: Scope, error: GatewayError, answer: Headers) -> None:
    """Answer with the gateway's own error; the 5xx are logged (the 4xx are the client's business)."""
    if error.status >= 500:
        logger.warning("gateway answered %s %s", error.status, error.code, extra={"path": scope["path"]})
    await send_error(send, error, answer)


async def fail(send: Send, scope: Scope, answer: Headers) -> None:
    """Log an unexpected error and answer 500 (call from an ``except`` block)."""
    logger.exception("gateway failed", extra={"path": scope["path"]})
    # Fails quietly when the answer had already started: the server drops the connection.
    with contextlib.suppress(Exception):
        await send_error(send, GatewayError(500, "server_error", "Internal server error."), answer)
