"""Every answer of the gateway says ``X-Content-Type-Options: nosniff``, whichever part made it."""

import pytest

from gateway_project.nosniff import NOSNIFF

pytestmark = pytest.mark.anyio


@pytest.mark.parametrize(
    ("method", "path", "headers", "status"),
    [
        ("GET", "/api/v1/gigs", {}, 200),  # relayed from the service
        ("GET", "/api/v1/auth/me", {}, 401),  # the proxy's own refusals
        ("GET", "/api/v1/no-such-thing", {}, 404),
        ("POST", "/api/v1/auth/signin", {"Content-Type": "text/plain"}, 415),
        ("GET", "/api/v1/conversations", {"Authorization": "Bearer not-a-token"}, 401),
        ("GET", "/api/v1/gigs?status=418", {}, 418),  # a relayed error
        ("GET", "/health", {}, 200),  # Django's part
        ("GET", "/health/ready", {}, 503),
        ("GET", "/api/docs", {}, 200),
        ("GET", "/no-such-page", {}, 404),
        ("GET", "/static/drf_spectacular_sidecar/swagger-ui-dist/favicon-32x32.png", {}, 200),  # static files
        ("GET", "/socket.io/?transport=nonsense", {}, 400),  # Socket.IO's own refusal
    ],
)
async def test_every_kind_of_answer_says_nosniff(gateway, method, path, headers, status):
    response = await gateway.request(method, path, headers=headers, content=b"x" if method == "POST" else None)

    assert response.status_code == status
    assert response.headers.get_list("x-content-type-options") == ["nosniff"]


async def test_a_relayed_answer_that_says_nosniff_itself_says_it_once(gateway, upstream):
    response = await gateway.get("/api/v1/gigs?nosniff=1")

    assert response.headers.get_list("x-content-type-options") == ["nosniff"]


async def refused_handshake(path, *, extensions):
    from gateway_project.asgi import application

    sent = []
    incoming = iter([{"type": "websocket.connect"}, {"type": "websocket.disconnect", "code": 1006}])
    scope = {
        "type": "websocket",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "headers": [(b"host", b"testserver")],
        "client": ("10.0.0.1", 40000),
        "server": ("testserver", 80),
        "subprotocols": [],
        "extensions": extensions,
    }

    async def receive():
        return next(incoming)

    async def send(message):
        sent.append(message)

    await application(scope, receive, send)
    return sent


@pytest.mark.parametrize("path", ["/ws/", "/elsewhere"])
async def test_a_refused_websocket_handshake_is_a_403_that_says_nosniff(path):
    sent = await refused_handshake(path, extensions={"websocket.http.response": {}})

    assert sent == [
        {"type": "websocket.http.response.start", "status": 403, "headers": [NOSNIFF]},
        {"type": "websocket.http.response.body", "body": b""},
    ]


async def test_without_the_http_response_extension_a_refused_handshake_is_still_a_close():
    sent = await refused_handshake("/elsewhere", extensions={})

    assert sent == [{"type": "websocket.close", "code": 1000}]
