"""``make_client(url)``: the official client, speaking plain JSON.

The 8.x client always sends ``application/vnd.elasticsearch+json; compatible-with=8``.
Elasticsearch 8 accepts plain ``application/json`` too, while OpenSearch-API servers
(the local stand-in ``osmem-server`` used by tests) accept only the plain types; so the
transport node rewrites the vendor types back. Nothing else about the client changes.
"""

from __future__ import annotations

import re
from typing import Any

from elastic_transport import HttpHeaders, Urllib3HttpNode
from elasticsearch import Elasticsearch

_VENDOR_TYPE = re.compile(r"application/vnd\.elasticsearch\+([a-z-]+); compatible-with=\d+")


class PlainJsonNode(Urllib3HttpNode):
    """An HTTP node that sends ``application/json`` and ``application/x-ndjson``."""

    def perform_request(  # type: ignore[override]  # passes the rest through unchanged
        self, method: str, target: str, body: bytes | None = None, headers: HttpHeaders | None = None, **kwargs: Any
    ) -> Any:
        if headers:
            headers = headers.copy()
            for name in ("accept", "content-type"):
                if name in headers:
                    headers[name] = _VENDOR_TYPE.sub(r"application/\1", headers[name])
        return super().perform_request(method, target, body=body, headers=headers, **kwargs)


def make_client(url: str, *, timeout: float = 5.0, max_retries: int = 1) -> Elasticsearch:
    """A client for ``url`` with short timeouts."""
    return Elasticsearch(
        url,
        node_class=PlainJsonNode,
        request_timeout=timeout,
        max_retries=max_retries,
        retry_on_timeout=False,
    )
