"""Stripe Connect's accounts, account links and transfers, added to localstripe, which has none of them.

localstripe (1.15) fakes payment intents, refunds, customers, balance and payouts, but
answers 404 to ``/v1/accounts``, ``/v1/account_links`` and ``/v1/transfers``, and ignores
``Idempotency-Key``. These routes give the local fleet and the tests the part of Connect
that sellers' withdrawals use, over the same HTTP and in the same store:

- ``POST /v1/accounts`` makes an account; one that requests the ``transfers`` capability has
  it active at once (no onboarding here), any other has none.
- ``POST /v1/account_links`` answers with ``return_url`` as the onboarding page: there is
  nothing to fill in.
- ``POST /v1/transfers`` moves money to an account whose ``transfers`` capability is active;
  to any other it answers 400 ``invalid_request_error``, as Stripe does. The platform's
  balance is not checked (localstripe's is a fixed figure).
- A repeated ``Idempotency-Key`` on these creations answers with the first object.

``GET /v1/accounts/{id}`` and ``GET /v1/transfers/{id}`` read them back.
"""

from __future__ import annotations

import time
from typing import Any

from aiohttp import web
from localstripe import resources, server
from localstripe.errors import UserError, json_response

# Idempotency keys seen by these routes → the id of what they created (kept with the store).
IDEMPOTENCY = "fakeconnect:idempotency"
TRANSFERS_REFUSED = (
    "Your destination account needs to have at least one of the following capabilities enabled: "
    "transfers, crypto_transfers, legacy_payments"
)


class Account(resources.StripeObject):
    object = "account"
    _id_prefix = "acct_"

    def __init__(
        self,
        type: str = "express",
        email: str | None = None,
        metadata: Any = None,
        capabilities: Any = None,
        **kwargs: Any,
    ) -> None:
        if type not in ("express", "custom", "standard") or (metadata is not None and not isinstance(metadata, dict)):
            raise UserError(400, "Bad request")
        requested = isinstance(capabilities, dict) and _requested(capabilities.get("transfers"))
        super().__init__()
        self.type = type
        self.email = email
        self.metadata = metadata or {}
        self.capabilities = {"transfers": "active"} if requested else {}
        self.charges_enabled = False
        self.payouts_enabled = requested
        self.details_submitted = requested


class Transfer(resources.StripeObject):
    object = "transfer"
    _id_prefix = "tr_"

    def __init__(
        self, amount: Any = None, currency: Any = None, destination: Any = None, metadata: Any = None, **kwargs: Any
    ) -> None:
        amount = resources.try_convert_to_int(amount)
        if not isinstance(amount, int) or amount <= 0 or not isinstance(currency, str):
            raise UserError(400, "Bad request")
        account = resources.store.get(f"account:{destination}")
        if account is None:
            raise UserError(400, f"No such destination: '{destination}'", {"code": "resource_missing"})
        if account.capabilities.get("transfers") != "active":
            raise UserError(400, TRANSFERS_REFUSED, {"code": "insufficient_capabilities_for_transfer"})
        super().__init__()
        self.amount = amount
        self.amount_reversed = 0
        self.currency = currency
        self.destination = destination
        self.metadata = metadata or {}
        self.reversed = False


def _json(data: Any) -> web.Response:
    response: web.Response = json_response(data)
    return response


def _requested(capability: Any) -> bool:
    return isinstance(capability, dict) and resources.try_convert_to_bool(capability.get("requested")) is True


def _create(cls: type[resources.StripeObject]) -> Any:
    async def create(request: web.Request) -> web.Response:
        key = request.headers.get("Idempotency-Key")
        seen: dict[str, str] = resources.store.setdefault(IDEMPOTENCY, {})
        if key and f"{cls.object}:{key}" in seen:
            return _json(cls._api_retrieve(seen[f"{cls.object}:{key}"])._export())
        data = await server.get_post_data(request) or {}
        data.pop("expand", None)
        created = cls(**data)
        if key:
            seen[f"{cls.object}:{key}"] = created.id
        return _json(created._export())

    return create


async def create_account_link(request: web.Request) -> web.Response:
    data = await server.get_post_data(request) or {}
    account, return_url = data.get("account"), data.get("return_url")
    if resources.store.get(f"account:{account}") is None or not isinstance(return_url, str):
        raise UserError(400, "Bad request")
    now = int(time.time())
    return _json({"object": "account_link", "created": now, "expires_at": now + 300, "url": return_url})


def _retrieve(cls: type[resources.StripeObject]) -> Any:
    async def retrieve(request: web.Request) -> web.Response:
        return _json(cls._api_retrieve(request.match_info["id"])._export())

    return retrieve


def add_connect(app: web.Application) -> None:
    """Serve the routes above on localstripe's ``app`` (before it starts)."""
    app.router.add_post("/v1/accounts", _create(Account))
    app.router.add_get("/v1/accounts/{id}", _retrieve(Account))
    app.router.add_post("/v1/account_links", create_account_link)
    app.router.add_post("/v1/transfers", _create(Transfer))
    app.router.add_get("/v1/transfers/{id}", _retrieve(Transfer))
