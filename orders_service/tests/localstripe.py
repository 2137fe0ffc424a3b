"""A real localstripe server for the suite, and what a buyer's browser does with it.

The orders service's Stripe code talks to it through ``STRIPE_API_BASE``; a small HTTP
sink registered as a webhook endpoint catches the events localstripe signs, so tests
forward exactly what Stripe would have sent.
"""

from __future__ import annotations

import json
import queue
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import requests
import stripe

WEBHOOK_ENDPOINT_ID = "orders-tests"
ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start(port: int) -> subprocess.Popen[bytes]:
    """localstripe as the fleet runs it (with Connect's accounts and transfers), empty, once it answers."""
    store = Path(tempfile.mkdtemp(prefix="orders-localstripe-")) / "store.pickle"
    command = [sys.executable, "-m", "common.fleet.fakestripe", "--port", str(port), "--store", str(store), "--fresh"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            requests.get(f"http://127.0.0.1:{port}/js.stripe.com/v3/", timeout=1)
            return process
        except requests.ConnectionError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("localstripe did not start")


@dataclass(frozen=True)
class Delivered:
    """A webhook as localstripe sent it: the raw body and its ``Stripe-Signature``."""

    body: bytes
    signature: str

    @property
    def event(self) -> dict[str, object]:
        return json.loads(self.body)


@dataclass
class WebhookSink:
    """An HTTP endpoint that keeps every webhook localstripe posts to it."""

    received: queue.Queue[Delivered] = field(default_factory=queue.Queue)
    server: ThreadingHTTPServer | None = None

    def start(self) -> str:
        sink = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                sink.received.put(Delivered(body, self.headers["Stripe-Signature"]))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        Thread(target=self.server.serve_forever, daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}/webhook"

    def next_for(self, intent_id: str, timeout: float = 10) -> Delivered:
        """The next webhook about ``intent_id`` (others are dropped)."""
        deadline = time.monotonic() + timeout
        while True:
            delivered = self.received.get(timeout=max(0.1, deadline - time.monotonic()))
            if delivered.event["data"]["object"]["id"] == intent_id:  # type: ignore[index]
                return delivered


def register_webhook(api_base: str, url: str, secret: str) -> None:
    """What the fleet does at startup: ``POST /_config/webhooks/{id}`` with url, secret and events."""
    response = requests.post(
        f"{api_base}/_config/webhooks/{WEBHOOK_ENDPOINT_ID}",
        json={"url": url, "secret": secret, "events": ["payment_intent.succeeded"]},
        timeout=5,
    )
    response.raise_for_status()


def client(api_base: str, api_key: str) -> stripe.StripeClient:
    return stripe.StripeClient(api_key, base_addresses={"api": api_base})


def confirm_card_payment(stripe_client: stripe.StripeClient, intent_id: str, card: str = "pm_card_visa") -> str:
    """What Stripe.js does in the buyer's browser: attach a card and confirm; the intent's status."""
    stripe_client.v1.payment_intents.update(intent_id, params={"payment_method": card})
    return stripe_client.v1.payment_intents.confirm(intent_id).status
