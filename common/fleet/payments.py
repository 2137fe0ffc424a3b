"""Where the fleet's payments go: the runner's own localstripe, or a Stripe API already there.

- ``STRIPE_API_BASE`` elsewhere (``https://api.stripe.com``): payments go there; no
  localstripe, and no webhook registered (a real account's webhooks live in its dashboard).
- ``STRIPE_API_BASE`` local and something already listens on its port: that server gets the
  payments (a localstripe started by hand, another fleet's); none is started, and the
  fleet's webhook is registered with it.
- ``STRIPE_API_BASE`` local and the port free: the runner starts localstripe there
  (:mod:`common.fleet.fakestripe`) and registers the fleet's webhook once it answers.

Like the mail sink's, the default port moves with the port offset, so a second fleet (tests)
gets its own localstripe; a ``STRIPE_API_BASE`` set in the environment names where a Stripe
API is, so it is taken as it is.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from urllib.parse import urlsplit

import common.conf.registry  # noqa: F401  (declares every variable)
from common.conf.env import env_secret, env_str
from common.fleet.health import port_is_free
from common.fleet.mail import LOCAL_HOSTS

WEBHOOK_PATH = "/api/v1/orders/webhooks/stripe"
# The only events localstripe sends about payment intents; orders acts on them.
WEBHOOK_EVENTS = ("payment_intent.succeeded", "payment_intent.payment_failed")
_DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class PaymentRoute:
    """The Stripe API the fleet's children talk to, and whether the runner must start it."""

    api_base: str
    start_localstripe: bool
    register_webhook: bool
    note: str

    @property
    def port(self) -> int:
        """The port of ``api_base``."""
        return port_of(self.api_base)

    def env(self) -> dict[str, str]:
        """What the children are told (orders' stripe client, and the base it hands to clients)."""
        return {"STRIPE_API_BASE": self.api_base}


@dataclass(frozen=True)
class Webhook:
    """The fleet's webhook as localstripe's ``POST /_config/webhooks/{id}`` takes it."""

    id: str
    url: str
    secret: str
    events: tuple[str, ...] = WEBHOOK_EVENTS

    def form(self) -> dict[str, object]:
        """The request body (localstripe reads JSON before form fields)."""
        return {"url": self.url, "secret": self.secret, "events": list(self.events)}


def port_of(url: str) -> int:
    """The port of ``url``, its scheme's default when it names none."""
    parts = urlsplit(url)
    return parts.port or _DEFAULT_PORTS[parts.scheme]


def stripe_api_base(port_offset: int) -> str:
    """``STRIPE_API_BASE`` as set, else its default with the port moved by ``port_offset``."""
    base = env_str("STRIPE_API_BASE").rstrip("/")
    if "STRIPE_API_BASE" in os.environ or not base:
        return base
    parts = urlsplit(base)
    return parts._replace(netloc=f"{parts.hostname}:{port_of(base) + port_offset}").geturl()


def route_payments(port_offset: int) -> PaymentRoute:
    """Decide where payments go for a fleet on ``port_offset`` (see the module docstring)."""
    base = stripe_api_base(port_offset)
    if not base:
        # Production has no default: orders itself refuses to start and says so in one line.
        return PaymentRoute(base, start_localstripe=False, register_webhook=False, note="STRIPE_API_BASE is not set")
    host = urlsplit(base).hostname or ""
    if host not in LOCAL_HOSTS:
        return PaymentRoute(
            base, start_localstripe=False, register_webhook=False, note=f"payments go to {base} (no localstripe)"
        )
    if not port_is_free(port_of(base)):
        note = f"something already listens on {base}: payments go there, no localstripe started"
        return PaymentRoute(base, start_localstripe=False, register_webhook=True, note=note)
    note = f"localstripe (a local fake Stripe) on {base} takes every payment"
    return PaymentRoute(base, start_localstripe=True, register_webhook=True, note=note)


def fleet_webhook(gateway_url: str) -> Webhook:
    """The fleet's webhook: the gateway's route to orders, signed with ``STRIPE_WEBHOOK_SECRET``.

    Its id names the gateway's port, so fleets sharing one localstripe keep one webhook each
    and a restarted fleet replaces its own.
    """
    gateway = gateway_url.rstrip("/")
    return Webhook(f"bazaar-{port_of(gateway)}", gateway + WEBHOOK_PATH, env_secret("STRIPE_WEBHOOK_SECRET"))


def register_webhook(api_base: str, webhook: Webhook, timeout: float = 1.0) -> bool:
    """Register ``webhook`` with the localstripe at ``api_base``; False while it does not answer 200."""
    request = urllib.request.Request(
        f"{api_base}/_config/webhooks/{webhook.id}",
        data=json.dumps(webhook.form()).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False
