"""The routing table: every public path, the service that serves it and its access rules.

Most specific first: ``/api/v1/gigs/{id}/reviews`` goes to reviews before
``/api/v1/gigs/{id}`` goes to gigs. Services serve the same public paths, so the path is
forwarded unchanged. All patterns are compiled into one alternation, tried in order.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from types import MappingProxyType


class Access(Enum):
    """What a route does with an access token."""

    NONE = "none"  # never forwarded (signup, signin, refresh ...)
    OPTIONAL = "optional"  # forwarded when valid; a stale cookie is dropped, a bad Bearer is 401
    REQUIRED = "required"  # 401 at the gateway without a valid one


class Tokens(Enum):
    """How the gateway handles the token cookies around a route."""

    ISSUE = "issue"  # response carries tokens: set cookies, drop refresh from the body
    REFRESH = "refresh"  # inject the refresh cookie; set cookies; 401 clears them
    SIGNOUT = "signout"  # inject the refresh cookie; 2xx clears the cookies
    CARRY = "carry"  # inject the refresh cookie only (change-password keeps this session)


class Sensitive(Enum):
    """Stricter per-IP limits on credential guessing."""

    FAILURES = "failures"  # failed answers count (signin, one-time code)
    ATTEMPTS = "attempts"  # every request counts (forgot-password always answers 200)


@dataclass(frozen=True)
class Route:
    """One row of the routing table."""

    pattern: str
    service: str
    access: Access = Access.REQUIRED
    # Per-method exceptions to ``access``, e.g. ``{"GET": Access.OPTIONAL}``.
    methods: Mapping[str, Access] = field(default_factory=lambda: MappingProxyType({}))
    uploads: bool = False  # multipart bodies allowed (otherwise JSON only)
    tokens: Tokens | None = None
    sensitive: Sensitive | None = None
    name: str = ""

    def access_for(self, method: str) -> Access:
        """The access rule for ``method``."""
        return self.methods.get(method, self.access)


A = Access
GATEWAY = "gateway"  # the service of the routes the gateway answers itself
# Every service the gateway forwards to, in the fleet table's order (common/fleet/services.py,
# which the gateway may not import: a test keeps the two the same).
SERVICES = ("auth", "users", "gigs", "chat", "orders", "reviews", "notifications")
PUBLIC_READ = MappingProxyType({"GET": A.OPTIONAL, "HEAD": A.OPTIONAL})
V1 = "/api/v1"

ROUTES: tuple[Route, ...] = (
    # auth
    Route(f"{V1}/auth/signup", "auth", A.NONE, tokens=Tokens.ISSUE),
    Route(f"{V1}/auth/signin", "auth", A.NONE, tokens=Tokens.ISSUE, sensitive=Sensitive.FAILURES),
    Route(f"{V1}/auth/verify-otp", "auth", A.NONE, tokens=Tokens.ISSUE, sensitive=Sensitive.FAILURES),
    Route(f"{V1}/auth/refresh", "auth", A.NONE, tokens=Tokens.REFRESH),
    Route(f"{V1}/auth/signout", "auth", A.REQUIRED, tokens=Tokens.SIGNOUT),
    Route(f"{V1}/auth/forgot-password", "auth", A.NONE, sensitive=Sensitive.ATTEMPTS),
    Route(f"{V1}/auth/reset-password", "auth", A.NONE),
    Route(f"{V1}/auth/verify-email", "auth", A.OPTIONAL),
    Route(f"{V1}/auth/confirm-email-change", "auth", A.OPTIONAL),
    Route(f"{V1}/auth/me", "auth"),
    Route(f"{V1}/auth/resend-verification", "auth"),
    Route(f"{V1}/auth/change-password", "auth", tokens=Tokens.CARRY),
    # A deleted account's cookies go with it, as on signing out.
    Route(f"{V1}/auth/delete-account", "auth", tokens=Tokens.SIGNOUT),
    Route(f"{V1}/auth/**", "auth"),
    # users (and the seller paths other services own)
    Route(f"{V1}/buyers/{{username}}/reviews", "reviews"),
    Route(f"{V1}/buyers/me/avatar", "users", uploads=True),
    # Profile pictures are public, shown next to a username wherever it appears.
    Route(f"{V1}/buyers/{{username}}/avatar", "users", methods=PUBLIC_READ),
    Route(f"{V1}/buyers/**", "users"),
    Route(f"{V1}/sellers/me", "users"),
    Route(f"{V1}/sellers/me/**", "users"),
    Route(f"{V1}/sellers/random", "users", A.OPTIONAL),
    Route(f"{V1}/sellers/{{username}}/gigs", "gigs", A.OPTIONAL),
    Route(f"{V1}/sellers/{{username}}/reviews", "reviews", A.OPTIONAL),
    Route(f"{V1}/sellers", "users", methods=PUBLIC_READ),
    Route(f"{V1}/sellers/{{username}}", "users", methods=PUBLIC_READ),
    Route(f"{V1}/sellers/**", "users", methods=PUBLIC_READ),
    # gigs
    Route(f"{V1}/gigs", "gigs", methods=PUBLIC_READ, uploads=True),
    Route(f"{V1}/gigs/top", "gigs", A.OPTIONAL),
    Route(f"{V1}/gigs/{{id}}/reviews", "reviews", A.OPTIONAL),
    Route(f"{V1}/gigs/{{id}}/similar", "gigs", A.OPTIONAL),
    Route(f"{V1}/gigs/{{id}}", "gigs", methods=PUBLIC_READ, uploads=True),
    Route(f"{V1}/gigs/**", "gigs", methods=PUBLIC_READ),
    # Gig images are public; the gigs service serves them from its storage.
    Route(f"{V1}/media/gigs/**", "gigs", A.OPTIONAL),
    Route(f"{V1}/media/users/**", "users", A.OPTIONAL),
    Route(f"{V1}/favourites", "gigs"),
    Route(f"{V1}/favourites/{{id}}", "gigs"),
    Route(f"{V1}/categories", "gigs", A.OPTIONAL),
    Route(f"{V1}/categories/**", "gigs", A.OPTIONAL),
    # chat
    Route(f"{V1}/messages", "chat", uploads=True),
    Route(f"{V1}/messages/**", "chat"),
    Route(f"{V1}/conversations", "chat"),
    Route(f"{V1}/conversations/**", "chat"),
    # orders
    Route(f"{V1}/orders/payment-config", "orders", A.OPTIONAL),
    # The payment provider's webhook: no user token; the orders service checks the
    # provider's signature over the raw body, which the gateway forwards unchanged.
    Route(f"{V1}/orders/webhooks/stripe", "orders", A.NONE),
    Route(f"{V1}/orders/{{id}}/deliver", "orders", uploads=True),
    Route(f"{V1}/orders", "orders"),
    Route(f"{V1}/orders/**", "orders"),
    # sellers' balances, ledger, payout account and withdrawals: orders holds the money
    Route(f"{V1}/payouts/**", "orders"),
    # reviews
    Route(f"{V1}/reviews", "reviews", methods=PUBLIC_READ),
    Route(f"{V1}/reviews/**", "reviews", methods=PUBLIC_READ),
    # real time: answered by the gateway itself (``GATEWAY``), never forwarded
    Route(f"{V1}/realtime/ticket", GATEWAY),
    # notifications
    Route(f"{V1}/notifications", "notifications"),
    Route(f"{V1}/notifications/**", "notifications"),
)


def _regex(pattern: str) -> str:
    """``{name}`` is one path segment, a trailing ``/**`` is one or more; a final slash is optional."""
    if pattern.endswith("/**"):
        return re.escape(pattern[:-3]) + r"/[^?#]+"
    parts = re.split(r"\{[a-z_]+\}", pattern)
    return r"[^/]+".join(re.escape(part) for part in parts) + "/?"


_TABLE = re.compile("(?:" + "|".join(f"(?P<r{i}>{_regex(r.pattern)})" for i, r in enumerate(ROUTES)) + r")\Z")
_BY_GROUP = {f"r{i}": route for i, route in enumerate(ROUTES)}


@lru_cache(maxsize=8192)
def match(path: str) -> Route | None:
    """The first route whose pattern matches ``path`` (a percent-decoded path), or None."""
    found = _TABLE.match(path)
    if found is None:
        return None
    return _BY_GROUP[found.lastgroup]  # type: ignore[index]  # every alternative is a named group
