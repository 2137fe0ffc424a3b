"""With tracing on, the gateway's raw proxy path runs inside the agent's ASGI middleware."""

import pytest

from gateway_project.proxy.tracing import traced_asgi


def test_the_gateways_proxy_is_left_as_it_is_when_tracing_is_off():
    def proxy(scope, receive, send):
        return None

    assert traced_asgi(proxy) is proxy


@pytest.mark.anyio
async def test_the_gateways_proxy_runs_inside_the_agents_asgi_middleware_when_tracing_is_on(settings, monkeypatch):
    from elasticapm.contrib.asgi import ASGITracingMiddleware

    # Configured, but sending and instrumenting nothing: no APM server here.
    monkeypatch.setenv("ELASTIC_APM_ENABLED", "false")
    settings.ELASTIC_APM = {"SERVICE_NAME": "bazaar-gateway", "SERVER_URL": "http://apm.internal:8200"}
    seen = []

    async def proxy(scope, receive, send):
        seen.append(scope["type"])

    traced = traced_asgi(proxy)
    try:
        await traced({"type": "lifespan"}, None, None)
    finally:
        traced.client.close()

    assert isinstance(traced, ASGITracingMiddleware)
    assert seen == ["lifespan"]
