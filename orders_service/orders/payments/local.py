"""Whether payments go to a local stand-in of Stripe (localstripe), not to Stripe itself.

Read by the settings before Django is set up: no Django imports here.
"""

from __future__ import annotations

from urllib.parse import urlsplit

# Loopback (``make up``, the tests) and the compose service's name (containers).
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "localstripe"})


def is_local_stand_in(api_base: str) -> bool:
    """True when ``api_base`` is a local address, where only localstripe answers."""
    return (urlsplit(api_base).hostname or "") in LOCAL_HOSTS
