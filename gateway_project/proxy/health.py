"""``/health`` (liveness) and ``/health/ready`` (every service and Redis, probed concurrently)."""

from __future__ import annotations

import asyncio

import aiohttp
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from redis.exceptions import RedisError

from gateway_project.proxy.runtime import Runtime, get_runtime


# GET only: any other method is a 405 (never a 403 from the CSRF check before it).
@csrf_exempt
@require_safe
def live(request: HttpRequest) -> JsonResponse:
    """200 while the process serves; calls nothing."""
    return JsonResponse({"service": "gateway", "status": "ok"})


async def probe_service(runtime: Runtime, url: str) -> bool:
    """True when the service's ``/health`` answers 200 within the health timeout."""
    timeout = aiohttp.ClientTimeout(total=runtime.config.health_timeout)
    try:
        async with runtime.client.session.get(f"{url}/health", timeout=timeout, allow_redirects=False) as response:
            return response.status == 200
    except (TimeoutError, aiohttp.ClientError):
        return False


async def probe_redis(runtime: Runtime) -> bool:
    """True when Redis answers PING."""
    try:
        return bool(await asyncio.wait_for(runtime.redis.ping(), runtime.config.health_timeout))
    except (TimeoutError, RedisError, OSError):
        return False


# GET only: any other method is a 405 (never a 403 from the CSRF check before it).
@csrf_exempt
@require_safe
async def ready(request: HttpRequest) -> JsonResponse:
    """200 when Redis and every service are ready; 503 naming what is down."""
    runtime = get_runtime()
    names = list(runtime.config.service_urls)
    results = await asyncio.gather(
        probe_redis(runtime), *(probe_service(runtime, runtime.config.service_urls[name]) for name in names)
    )
    checks = {"redis": results[0], **dict(zip(names, results[1:], strict=True))}
    down = [name for name, ok in checks.items() if not ok]
    body = {
        "service": "gateway",
        "status": "down" if down else "ok",
        "checks": {name: "ok" if ok else "down" for name, ok in checks.items()},
        "down": down,
    }
    return JsonResponse(body, status=503 if down else 200)
