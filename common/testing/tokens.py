"""Mint tokens in tests exactly as the auth service does (ES256, iss, aud, jti)."""

from __future__ import annotations

import time
import uuid
from typing import Any

import jwt
from django.conf import settings

from common.conf import devkeys


def private_key() -> str:
    """The signing key tests mint with: the auth service's, or the checkout's dev key."""
    return settings.SIMPLE_JWT.get("SIGNING_KEY") or devkeys.dev_jwt_private_key()


def mint_token(
    claims: dict[str, Any],
    *,
    token_type: str = "access",
    lifetime: int = 900,
    key: str | None = None,
    algorithm: str = "ES256",
) -> str:
    """A signed token carrying ``claims`` plus the standard ones."""
    now = int(time.time())
    payload = {
        "token_type": token_type,
        "iat": now,
        "iat_us": time.time_ns() // 1000,
        "exp": now + lifetime,
        "jti": uuid.uuid4().hex,
        "iss": settings.SIMPLE_JWT["ISSUER"],
        "aud": settings.SIMPLE_JWT["AUDIENCE"],
        **claims,
    }
    return jwt.encode(payload, key or private_key(), algorithm=algorithm)
