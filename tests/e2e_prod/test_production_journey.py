"""A marketplace journey through https against the fleet in production mode, behind nginx.

Signup and email verification, a sign-in from a new device with the one-time code read
from the email the run's mail sink kept, a search, a message pushed over a websocket
through wss, an order paid at localstripe with the real stripe client (its webhook comes
back through nginx), delivered, approved and reviewed. Every answer comes from services
that redirect any plain-http request to https: they see https only because nginx says so
and the gateway believes nginx alone.
"""

from __future__ import annotations

from contextlib import closing

import httpx
import pytest

from tests.e2e.marketplace import (
    PASSWORD,
    introduce,
    make_seller,
    sign_up,
    unique_word,
)
from tests.e2e.orders import (
    WEBHOOK_SECRET,
    act,
    pay,
    place,
    post_webhook,
    provider,
    review,
    signed,
    succeeded_event,
    webhooks_delivered,
    webhooks_refused,
)
from tests.e2e.realtime_clients import SocketIOFrames, WebSocketFrames, ticket_for
from tests.e2e_prod.conftest import PORT_OFFSET

pytestmark = pytest.mark.e2e

SIGNIN = "/api/v1/auth/signin"
VERIFY_OTP = "/api/v1/auth/verify-otp"
CODE_MAIL = "confirm a sign-in from a new device"
GATEWAY_DIRECT = f"http://127.0.0.1:{8000 + PORT_OFFSET}"


def test_a_member_signs_in_searches_chats_orders_and_reviews_through_https(fleet, mail_sink):
    word = unique_word()
    seller = make_seller(fleet, mail_sink, "proseller", title=f"I will paint your {word} in watercolour")
    buyer = sign_up(fleet, "probuyer")
    signup_cookies = {cookie.name: cookie for cookie in buyer.browser.cookies.jar}
    assert signup_cookies["bazaar_access"].secure and signup_cookies["bazaar_refresh"].secure

    # A new device: the password alone is not enough, the emailed code is.
    with fleet.client() as device:
        asked = device.post(SIGNIN, json={"username_or_email": buyer.email, "password": PASSWORD})
        assert (asked.status_code, asked.json()["code"]) == (202, "otp_required")
        code = mail_sink.wait_for(buyer.email, containing=CODE_MAIL).code
        confirmed = device.post(VERIFY_OTP, json={"username_or_email": buyer.username, "code": code})
        assert confirmed.status_code == 200, confirmed.text
        me = device.get("/api/v1/auth/me")
        assert (me.status_code, me.json()["username"]) == (200, buyer.username)
        assert me.headers["strict-transport-security"] == "max-age=31536000; includeSubDomains; preload"

    found = buyer.browser.get("/api/v1/gigs", params={"q": word})
    assert found.status_code == 200, found.text
    assert [gig["id"] for gig in found.json()["results"]] == [seller.gig["id"]]

    # A message pushed to the seller's websocket and Socket.IO, both opened through nginx over wss.
    with (
        WebSocketFrames.open(fleet.gateway_url, ticket_for(seller.browser), tls=fleet.tls()) as on_websocket,
        SocketIOFrames.open(fleet.gateway_url, ticket_for(seller.browser), tls=fleet.tls()) as on_socketio,
    ):
        sent = introduce(buyer, seller.member, body=f"Hello, about the {word}")
        for frames in (on_websocket, on_socketio):
            assert frames.receive("chat.message", message_id=sent["id"])["body"] == f"Hello, about the {word}"

    payments = provider(buyer.browser)
    intent = pay(buyer, payments, gig_id=seller.gig["id"])
    placed = place(buyer, intent["payment_intent_id"])
    assert (placed.status_code, placed.json()["status"]) == (201, "in_progress"), placed.text
    order = placed.json()
    # localstripe told the fleet too, through nginx and TLS, and the signature verified.
    assert webhooks_delivered(fleet.output, "payment_intent.succeeded", timeout=20, at_least=1) >= 1
    assert webhooks_refused(fleet.output) == []

    delivered = act(seller.member, order, "deliver", message="Your painting")
    assert (delivered.status_code, delivered.json()["status"]) == (200, "delivered"), delivered.text
    approved = act(buyer, order, "approve")
    assert (approved.status_code, approved.json()["status"]) == (200, "completed"), approved.text
    reviewed = review(buyer, order, 5, "Lovely colours.")
    assert reviewed.status_code == 201, reviewed.text

    # The local, published webhook secret is worth nothing in production.
    event = succeeded_event(payments, intent["payment_intent_id"])
    with fleet.client() as forger:
        forged = post_webhook(forger, signed(event, WEBHOOK_SECRET))
    assert (forged.status_code, forged.json()["code"]) == (400, "invalid_webhook")


def test_the_gateway_believes_forwarding_headers_from_nginx_alone(fleet):
    # Straight to the gateway, claiming https: the services see plain http and redirect.
    with httpx.Client(base_url=GATEWAY_DIRECT, timeout=10) as direct:
        claimed = direct.get("/api/v1/gigs", headers={"X-Forwarded-Proto": "https"})
        assert claimed.status_code == 301
        assert claimed.headers["location"] == f"https://127.0.0.1:{8000 + PORT_OFFSET}/api/v1/gigs"
        # Health probes stay plain http, on every process.
        for port in range(8000, 8008):
            assert httpx.get(f"http://127.0.0.1:{port + PORT_OFFSET}/health", timeout=5).status_code == 200

    with closing(fleet.client()) as client:
        assert client.get("/api/v1/gigs").status_code == 200
