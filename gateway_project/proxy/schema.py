"""``/api/schema``: one OpenAPI 3 document merged from every service's ``/schema``.

Each service serves its drf-spectacular document to gateway-signed requests only. The
merged document is cached briefly; a service that does not answer is left out and named
in ``x-missing-services`` (and the document is cached for a shorter time).
"""

from __future__ import annotations

import asyncio
import copy
import json
import time
import uuid
from typing import Any

import aiohttp
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from common.api.schema import ERROR_COMPONENT, ERROR_SCHEMA, error_response
from common.auth import signing
from gateway_project.proxy.client import UpstreamFailure
from gateway_project.proxy.contract import add_gateway_answers
from gateway_project.proxy.runtime import Runtime, get_runtime

SCHEMA_TIMEOUT = aiohttp.ClientTimeout(total=None, sock_connect=1.0, sock_read=5.0)
PARTIAL_CACHE_SECONDS = 5.0

HEALTH_SCHEMA = {"type": "object", "additionalProperties": True}


def gateway_operations() -> dict[str, Any]:
    """The gateway's own operations."""

    def op(summary: str, responses: dict[str, str], operation_id: str) -> dict[str, Any]:
        return {
            "get": {
                "operationId": operation_id,
                "summary": summary,
                "tags": ["gateway"],
                "security": [],
                "responses": {
                    status: {
                        "description": text,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/GatewayHealth"}}},
                    }
                    for status, text in responses.items()
                },
            }
        }

    return {
        "/health": op("Gateway liveness", {"200": "The gateway process serves."}, "gateway_health"),
        "/health/ready": op(
            "Readiness of the gateway, Redis and every service",
            {"200": "Everything is ready.", "503": "Something is down; `down` names it."},
            "gateway_health_ready",
        ),
        "/api/schema": op("This document", {"200": "OpenAPI 3 document."}, "gateway_schema"),
        "/api/v1/realtime/ticket": ticket_operation(),
    }


def ticket_operation() -> dict[str, Any]:
    """``POST /api/v1/realtime/ticket``, answered by the gateway (see ``realtime/tickets.py``)."""
    ticket = {
        "type": "object",
        "properties": {"ticket": {"type": "string"}, "expires_in": {"type": "integer", "example": 30}},
        "required": ["ticket", "expires_in"],
    }
    return {
        "post": {
            "operationId": "realtime_ticket",
            "summary": "A single-use ticket to open /ws/ or /socket.io/ (valid 30 seconds)",
            "tags": ["realtime"],
            "security": [{"cookieAuth": []}, {"bearerAuth": []}],
            "responses": {
                "200": {
                    "description": "Use it once as `/ws/?ticket=...`.",
                    "content": {"application/json": {"schema": ticket}},
                },
                "401": error_response("Not signed in."),
                "403": error_response("`csrf_failed`: cookie sent from a foreign origin."),
            },
        }
    }


def base_document() -> dict[str, Any]:
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "Bazaar API",
            "version": "1.0.0",
            "description": (
                "The public API of Bazaar, served by the gateway. Every error is `ErrorOutput`:"
                " `{code, detail}`, plus `fields` naming each bad field of the input."
            ),
        },
        "paths": gateway_operations(),
        "components": {
            "schemas": {ERROR_COMPONENT: ERROR_SCHEMA, "GatewayHealth": HEALTH_SCHEMA},
            "securitySchemes": {
                "cookieAuth": {"type": "apiKey", "in": "cookie", "name": "bazaar_access"},
                "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"},
            },
        },
        "security": [{"cookieAuth": []}, {"bearerAuth": []}, {}],
    }


def _rewrite_refs(node: Any, renames: dict[str, str]) -> Any:
    if isinstance(node, dict):
        return {
            key: renames.get(value, value)
            if key == "$ref" and isinstance(value, str)
            else _rewrite_refs(value, renames)
            for key, value in node.items()
        }
    if isinstance(node, list):
        return [_rewrite_refs(item, renames) for item in node]
    return node


def merge(documents: dict[str, dict[str, Any]], missing: list[str]) -> dict[str, Any]:
    """One document from the services' documents, completed with the gateway's own answers.

    Clashing component names get a service prefix.
    """
    merged = base_document()
    components = merged["components"]
    for service, document in documents.items():
        renames: dict[str, str] = {}
        for section, items in (document.get("components") or {}).items():
            target = components.setdefault(section, {})
            for name, value in items.items():
                if name in target and target[name] != value:
                    renames[f"#/components/{section}/{name}"] = f"#/components/{section}/{service.title()}{name}"
        document = _rewrite_refs(document, renames) if renames else document
        for section, items in (document.get("components") or {}).items():
            target = components.setdefault(section, {})
            for name, value in items.items():
                key = f"{service.title()}{name}" if f"#/components/{section}/{name}" in renames else name
                target[key] = value
        for path, operations in (document.get("paths") or {}).items():
            merged["paths"].setdefault(path, {}).update(operations)
    add_gateway_answers(merged["paths"])
    merged["paths"] = dict(sorted(merged["paths"].items()))
    if missing:
        merged["x-missing-services"] = sorted(missing)
    return merged


async def fetch_schema(runtime: Runtime, service: str) -> dict[str, Any] | None:
    """The service's document, or None when it does not answer with one."""
    request_id = uuid.uuid4().hex
    signed = signing.SignedRequest("GET", "/schema", b"", request_id)
    headers = {
        "X-Request-ID": request_id,
        "Accept": "application/json",
        signing.SIGNATURE_HEADER: signing.sign(signed, runtime.config.signing_key),
    }
    url = runtime.config.service_urls[service] + "/schema"
    try:
        response = await runtime.client.send(service, "GET", url, headers=headers, timeout=SCHEMA_TIMEOUT)
    except UpstreamFailure:
        return None
    try:
        if response.status != 200:
            return None
        document = json.loads(await response.read())
    except (TimeoutError, aiohttp.ClientError, ValueError):
        return None
    finally:
        response.release()
    return document if isinstance(document, dict) else None


class SchemaCache:
    """The last merged document and when it stops being fresh."""

    def __init__(self) -> None:
        self.document: dict[str, Any] | None = None
        self.expires = 0.0
        self.lock: asyncio.Lock | None = None
        self.lock_loop: asyncio.AbstractEventLoop | None = None

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        if self.lock is None or self.lock_loop is not loop:
            self.lock, self.lock_loop = asyncio.Lock(), loop
        return self.lock

    async def get(self, runtime: Runtime) -> dict[str, Any]:
        if self.document is not None and time.monotonic() < self.expires:
            return self.document
        async with self._lock():
            if self.document is not None and time.monotonic() < self.expires:
                return self.document
            services = list(runtime.config.service_urls)
            fetched = await asyncio.gather(*(fetch_schema(runtime, service) for service in services))
            documents = {service: doc for service, doc in zip(services, fetched, strict=True) if doc is not None}
            missing = [service for service, doc in zip(services, fetched, strict=True) if doc is None]
            self.document = merge(documents, missing)
            ttl = PARTIAL_CACHE_SECONDS if missing else runtime.config.schema_cache_seconds
            self.expires = time.monotonic() + ttl
            return self.document

    def clear(self) -> None:
        self.document = None
        self.expires = 0.0


cache = SchemaCache()


# GET only: any other method is a 405 (never a 403 from the CSRF check before it).
@csrf_exempt
@require_safe
async def schema(request: HttpRequest) -> JsonResponse:
    """The merged OpenAPI document of the whole public API."""
    document = await cache.get(get_runtime())
    return JsonResponse(copy.copy(document), json_dumps_params={"ensure_ascii": False})
