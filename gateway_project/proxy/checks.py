"""``check --deploy`` of the gateway: the settings that make production loop or lie without an error."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def trusted_proxies_set(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """TLS ends in front of the gateway: without a trusted proxy every request looks like plain http."""
    if not getattr(settings, "SECURE_SSL_REDIRECT", False) or settings.TRUSTED_PROXIES:
        return []
    return [
        Warning(
            "TRUSTED_PROXIES is empty: the gateway believes no X-Forwarded-Proto, so it forwards every "
            "request as http and each service answers with a redirect to https, forever.",
            hint="Set TRUSTED_PROXIES to the addresses of the TLS-terminating proxy in front of the gateway.",
            id="bazaar.W001",
        )
    ]
