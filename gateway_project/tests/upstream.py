"""A real HTTP upstream for the gateway's tests: one uvicorn server, one socket per service.

It records every request it receives (method, path, query, headers, body) and answers
like the services would on the auth routes, or with a small JSON echo elsewhere. The
query string steers it: ``mode=hang`` sleeps before answering, ``status=418`` answers
with that status, ``big=N`` answers N bytes of octet-stream.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import uvicorn

from common.auth import signing

SERVICES = ("auth", "users", "gigs", "orders", "reviews", "notifications")


@dataclass
class Received:
    """One request as the upstream saw it."""

    service: str
    method: str
    path: str
    query: str
    headers: dict[str, str]
    body: bytes

    def signed_request(self) -> signing.SignedRequest:
        return signing.SignedRequest(
            self.method, signing.canonical_path(self.path, self.query), self.body, self.headers.get("x-request-id", "")
        )

    def json(self) -> Any:
        return json.loads(self.body)


def token_body(refresh: str = "refresh-token-1") -> dict[str, Any]:
    return {
        "user": {"id": 7, "username": "alice"},
        "access": "access-token-1",
        "refresh": refresh,
        "access_expires_at": "2999-01-01T00:00:00+00:00",
    }


@dataclass
class Upstream:
    """The echo server; ``urls`` maps each service to its base URL."""

    signing_key: str
    sockets: dict[str, socket.socket] = field(default_factory=dict)
    requests: list[Received] = field(default_factory=list)

    @property
    def urls(self) -> dict[str, str]:
        return {name: f"http://127.0.0.1:{sock.getsockname()[1]}" for name, sock in self.sockets.items()}

    def seen(self, path: str) -> list[Received]:
        return [request for request in self.requests if request.path == path]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body"):
                break
        port = scope["server"][1]
        service = next(name for name, url in self.urls.items() if url.endswith(f":{port}"))
        headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in scope["headers"]}
        query = scope["query_string"].decode("latin-1")
        received = Received(service, scope["method"], scope["path"], query, headers, body)
        self.requests.append(received)
        params = {key: values[0] for key, values in parse_qs(query).items()}
        if params.get("mode") == "hang":
            await asyncio.sleep(float(params.get("seconds", "3")))
        status, payload, extra = self.answer(received, params)
        if "nosniff" in params:  # as a real service (SecurityMiddleware) says it
            extra = [*extra, (b"x-content-type-options", b"nosniff")]
        content_type = b"application/octet-stream" if isinstance(payload, bytes) else b"application/json"
        data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
        response_headers = [(b"content-type", content_type), (b"set-cookie", b"service=leak"), *extra]
        await send({"type": "http.response.start", "status": status, "headers": response_headers})
        await send({"type": "http.response.body", "body": data})

    def answer(self, received: Received, params: dict[str, str]) -> tuple[int, Any, list[tuple[bytes, bytes]]]:
        path = received.path
        if path == "/health":
            return 200, {"status": "ok"}, []
        if path == "/schema":
            return self.schema(received)
        if "big" in params:
            return 200, b"x" * int(params["big"]), []
        if "status" in params:
            return int(params["status"]), {"code": "teapot", "detail": "I am a teapot.", "fields": {"x": ["bad"]}}, []
        if path in ("/api/v1/auth/signup", "/api/v1/auth/signin", "/api/v1/auth/verify-otp", "/api/v1/auth/refresh"):
            return self.auth_answer(path, received)
        if path == "/api/v1/auth/signout":
            return 200, {"detail": "signed out"}, []
        return 200, {"echo": True, "service": received.service}, [(b"x-upstream", b"yes")]

    @staticmethod
    def auth_answer(path: str, received: Received) -> tuple[int, Any, list[tuple[bytes, bytes]]]:
        data = json.loads(received.body or b"{}")
        if path.endswith("/signin") and data.get("password") == "wrong":
            return 401, {"code": "invalid_credentials", "detail": "Wrong username or password."}, []
        if path.endswith("/signin") and data.get("new_device"):
            return 202, {"code": "otp_required", "detail": "A code was sent."}, []
        if path.endswith("/refresh"):
            if data.get("refresh") != "refresh-token-1":
                return 401, {"code": "token_invalid", "detail": "Refresh token is invalid."}, []
            return 200, token_body("refresh-token-2"), []
        return (201 if path.endswith("/signup") else 200), token_body(), []

    def schema(self, received: Received) -> tuple[int, Any, list[tuple[bytes, bytes]]]:
        try:
            signing.verify(
                received.headers.get("x-gateway-signature"), received.signed_request(), self.signing_key, ttl=30
            )
        except signing.SignatureError as exc:
            return 401, {"code": exc.code, "detail": exc.detail}, []
        service = received.service
        return (
            200,
            {
                "openapi": "3.0.3",
                "info": {"title": service, "version": "1"},
                "paths": {
                    f"/api/v1/{service}/things": {
                        "get": {
                            "operationId": f"{service}_things",
                            "responses": {
                                "200": {
                                    "description": "ok",
                                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}},
                                }
                            },
                        }
                    }
                },
                "components": {
                    "schemas": {"Thing": {"type": "object", "title": service}, "Shared": {"type": "string"}}
                },
            },
            [],
        )


def free_socket() -> socket.socket:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    return sock


def dead_url() -> str:
    """A loopback URL where nothing listens (connection refused)."""
    sock = free_socket()
    port = sock.getsockname()[1]
    sock.close()
    return f"http://127.0.0.1:{port}"


def start(signing_key: str) -> tuple[Upstream, uvicorn.Server, threading.Thread]:
    upstream = Upstream(signing_key)
    for name in SERVICES:
        upstream.sockets[name] = free_socket()
    config = uvicorn.Config(upstream, lifespan="off", log_level="warning", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": list(upstream.sockets.values())}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 5
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.01)
    return upstream, server, thread
