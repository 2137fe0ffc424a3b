"""An API client that signs every request the way the gateway does."""

from __future__ import annotations

import uuid
from typing import Any
from urllib.parse import unquote, urlparse

from django.conf import settings
from django.utils.encoding import force_bytes
from rest_framework.test import APIClient

from common.auth import signing


class GatewayClient(APIClient):
    """``APIClient`` whose requests carry a fresh gateway signature and request id.

    ``signed=False`` sends requests as a caller that bypassed the gateway would.
    """

    def __init__(self, *args: Any, token: str | None = None, signed: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.token = token
        self.signed = signed

    # APIClient's own signature; the path is plain text here, as the signature covers it.
    def generic(  # type: ignore[override]
        self,
        method: str,
        path: str,
        data: Any = "",
        content_type: str = "application/octet-stream",
        secure: bool = False,
        **extra: Any,
    ) -> Any:
        parsed = urlparse(path)
        query = extra.get("QUERY_STRING", parsed.query)
        request_id = uuid.uuid4().hex
        extra.setdefault("HTTP_X_REQUEST_ID", request_id)
        if self.token:
            extra.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        if self.signed:
            signed = signing.SignedRequest(
                method=method,
                path=signing.canonical_path(unquote(parsed.path), query),
                body=force_bytes(data),
                request_id=extra["HTTP_X_REQUEST_ID"],
            )
            extra.setdefault("HTTP_X_GATEWAY_SIGNATURE", signing.sign(signed, settings.GATEWAY_SIGNING_KEY))
        return super().generic(method, path, data, content_type, secure=secure, **extra)
