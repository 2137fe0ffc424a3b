"""Who may call each order and review endpoint, through the gateway: every endpoint, each refused caller.

One order is placed (in progress) for the matrix: its buyer, its seller (the other party,
or the wrong role for an action), a signed-in stranger and an anonymous client call every
endpoint. Objects of other users are 404, a party in the wrong role is 403 with the role's
code, anonymous is 401; afterwards the order is exactly as it was placed. Every endpoint
also refuses a request that skips the gateway (no gateway signature).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import PORT_OFFSET, Fleet
from tests.e2e.marketplace import Member, Seller, sign_up
from tests.e2e.orders import ORDERS, REVIEWS, pay, place, provider

pytestmark = pytest.mark.e2e

SERVICE_PORTS = {"orders": 8005 + PORT_OFFSET, "reviews": 8006 + PORT_OFFSET}
EXTENSION = {"new_delivery_days": 2, "reason": "More time"}
RESOLUTION = {"kind": "cancel", "reason": "Not needed any more"}


@dataclass
class Scene:
    """The order of the matrix and everyone who calls it."""

    order: dict[str, Any]
    intent_id: str
    buyer: Member
    seller: Member
    stranger: Member
    anonymous: httpx.Client

    def caller(self, who: str) -> httpx.Client:
        return self.anonymous if who == "anonymous" else getattr(self, who).browser

    def path(self, template: str) -> str:
        return template.format(order=self.order["id"], gig=self.order["gig"]["id"], seller=self.seller.username)


@pytest.fixture(scope="module")
def scene(fleet: Fleet, seller: Seller) -> Iterator[Scene]:
    buyer, stranger = sign_up(fleet, "buyer"), sign_up(fleet, "stranger")
    intent = pay(buyer, provider(buyer.browser), gig_id=seller.gig["id"])
    placed = place(buyer, intent["payment_intent_id"])
    assert placed.status_code == 201, placed.text
    with fleet.client() as anonymous:
        yield Scene(placed.json(), intent["payment_intent_id"], buyer, seller.member, stranger, anonymous)
    buyer.browser.close()
    stranger.browser.close()


# (method, path, body, caller, status, code): every order and review endpoint, each refused caller.
MATRIX: list[tuple[str, str, dict[str, Any] | None, str, int, str]] = [
    ("POST", f"{ORDERS}/payment-intent", {"gig_id": "{gig}"}, "anonymous", 401, "not_authenticated"),
    ("POST", f"{ORDERS}/payment-intent", {"gig_id": "{gig}"}, "seller", 403, "cannot_order_own_gig"),
    (
        "POST",
        ORDERS,
        {"payment_intent_id": "{intent}", "requirements": "Mine now"},
        "anonymous",
        401,
        "not_authenticated",
    ),
    (
        "POST",
        ORDERS,
        {"payment_intent_id": "{intent}", "requirements": "Mine now"},
        "stranger",
        404,
        "payment_not_found",
    ),
    ("POST", ORDERS, {"payment_intent_id": "{intent}", "requirements": "Mine now"}, "seller", 404, "payment_not_found"),
    ("GET", ORDERS, None, "anonymous", 401, "not_authenticated"),
    ("GET", f"{ORDERS}/{{order}}", None, "anonymous", 401, "not_authenticated"),
    ("GET", f"{ORDERS}/{{order}}", None, "stranger", 404, "not_found"),
    ("GET", f"{ORDERS}/{{order}}/invoice", None, "anonymous", 401, "not_authenticated"),
    ("GET", f"{ORDERS}/{{order}}/invoice", None, "stranger", 404, "not_found"),
    ("GET", f"{ORDERS}/{{order}}/files/1", None, "anonymous", 401, "not_authenticated"),
    ("GET", f"{ORDERS}/{{order}}/files/1", None, "stranger", 404, "not_found"),
    ("POST", f"{ORDERS}/{{order}}/deliver", {"message": "Done"}, "anonymous", 401, "not_authenticated"),
    ("POST", f"{ORDERS}/{{order}}/deliver", {"message": "Done"}, "stranger", 404, "not_found"),
    ("POST", f"{ORDERS}/{{order}}/deliver", {"message": "Done"}, "buyer", 403, "only_seller"),
    ("POST", f"{ORDERS}/{{order}}/approve", {}, "stranger", 404, "not_found"),
    ("POST", f"{ORDERS}/{{order}}/approve", {}, "seller", 403, "only_buyer"),
    ("POST", f"{ORDERS}/{{order}}/request-revision", {"message": "Again"}, "stranger", 404, "not_found"),
    ("POST", f"{ORDERS}/{{order}}/request-revision", {"message": "Again"}, "seller", 403, "only_buyer"),
    ("POST", f"{ORDERS}/{{order}}/cancel", {"reason": "Mine to cancel"}, "anonymous", 401, "not_authenticated"),
    ("POST", f"{ORDERS}/{{order}}/cancel", {"reason": "Mine to cancel"}, "stranger", 404, "not_found"),
    # Alone, the buyer cancels only a late order: this one is not due yet.
    ("POST", f"{ORDERS}/{{order}}/cancel", {"reason": "Mine to cancel"}, "buyer", 409, "order_not_late"),
    ("POST", f"{ORDERS}/{{order}}/resolution", RESOLUTION, "anonymous", 401, "not_authenticated"),
    ("POST", f"{ORDERS}/{{order}}/resolution", RESOLUTION, "stranger", 404, "not_found"),
    ("POST", f"{ORDERS}/{{order}}/resolution/accept", {}, "stranger", 404, "not_found"),
    ("POST", f"{ORDERS}/{{order}}/resolution/accept", {}, "seller", 409, "no_pending_resolution"),
    ("POST", f"{ORDERS}/{{order}}/resolution/decline", {}, "buyer", 409, "no_pending_resolution"),
    ("POST", f"{ORDERS}/{{order}}/extension", EXTENSION, "stranger", 404, "not_found"),
    ("POST", f"{ORDERS}/{{order}}/extension", EXTENSION, "buyer", 403, "only_seller"),
    ("POST", f"{ORDERS}/{{order}}/extension/approve", {}, "stranger", 404, "not_found"),
    ("POST", f"{ORDERS}/{{order}}/extension/approve", {}, "seller", 403, "only_buyer"),
    ("POST", f"{ORDERS}/{{order}}/extension/reject", {}, "stranger", 404, "not_found"),
    ("POST", f"{ORDERS}/{{order}}/extension/reject", {}, "seller", 403, "only_buyer"),
    ("POST", f"{ORDERS}/webhooks/stripe", {"type": "payment_intent.succeeded"}, "anonymous", 400, "invalid_webhook"),
    ("POST", REVIEWS, {"order_id": "{order}", "rating": 5, "comment": "Hi"}, "anonymous", 401, "not_authenticated"),
    ("POST", REVIEWS, {"order_id": "{order}", "rating": 5, "comment": "Hi"}, "stranger", 404, "order_not_found"),
    # A party, but the order is not completed: nothing to review yet.
    ("POST", REVIEWS, {"order_id": "{order}", "rating": 5, "comment": "Hi"}, "buyer", 404, "order_not_found"),
]


def filled(body: dict[str, Any] | None, scene: Scene) -> dict[str, Any] | None:
    """``body`` with ``{order}``, ``{gig}`` and ``{intent}`` replaced by the scene's."""
    if body is None:
        return None
    values = {"{order}": scene.order["id"], "{gig}": scene.order["gig"]["id"], "{intent}": scene.intent_id}
    return {name: values.get(value, value) if isinstance(value, str) else value for name, value in body.items()}


@pytest.mark.parametrize(
    ("method", "path", "body", "who", "status", "code"),
    MATRIX,
    ids=[
        f"{who}-{method}-{path.rsplit('/', 2)[-2]}/{path.rsplit('/', 1)[-1]}" for method, path, _, who, _, _ in MATRIX
    ],
)
def test_a_caller_who_may_not_is_refused(scene, method, path, body, who, status, code):
    response = scene.caller(who).request(method, scene.path(path), json=filled(body, scene))

    assert (response.status_code, response.json().get("code")) == (status, code), response.text


def test_the_refused_calls_changed_nothing_and_the_parties_still_see_the_order(scene):
    as_buyer = scene.buyer.browser.get(f"{ORDERS}/{scene.order['id']}")
    as_seller = scene.seller.browser.get(f"{ORDERS}/{scene.order['id']}")

    assert as_buyer.status_code == as_seller.status_code == 200
    assert as_buyer.json() == as_seller.json()
    order = as_buyer.json()
    assert (order["status"], order["due_at"], order["deliveries"], order["extensions"]) == (
        "in_progress", scene.order["due_at"], [], []
    )  # fmt: skip
    assert [entry["kind"] for entry in order["timeline"]] == ["placed"]


def test_a_stranger_lists_no_order_and_each_party_lists_it_in_their_role(scene):
    def ids(member: Member, role: str) -> list[str]:
        answer = member.browser.get(ORDERS, params={"role": role})
        assert answer.status_code == 200, answer.text
        return [order["id"] for order in answer.json()["results"]]

    assert ids(scene.stranger, "buyer") == ids(scene.stranger, "seller") == []
    assert ids(scene.buyer, "buyer") == [scene.order["id"]]
    assert ids(scene.buyer, "seller") == []
    assert scene.order["id"] in ids(scene.seller, "seller")


def test_each_party_downloads_the_invoice_as_a_pdf(scene):
    for party in (scene.buyer, scene.seller):
        invoice = party.browser.get(f"{ORDERS}/{scene.order['id']}/invoice")

        assert invoice.status_code == 200
        assert invoice.headers["Content-Type"] == "application/pdf"
        assert invoice.content.startswith(b"%PDF-")


PUBLIC = [f"{ORDERS}/payment-config", "/api/v1/gigs/{gig}/reviews", "/api/v1/sellers/{seller}/reviews"]


@pytest.mark.parametrize("path", PUBLIC)
def test_the_public_ones_answer_anyone(scene, path):
    response = scene.anonymous.get(scene.path(path))

    assert response.status_code == 200, response.text


ENDPOINTS = sorted({(method, path) for method, path, *_ in MATRIX} | {("GET", path) for path in PUBLIC})


@pytest.mark.parametrize(("method", "path"), ENDPOINTS, ids=[f"{m}-{p}" for m, p in ENDPOINTS])
def test_a_request_that_skips_the_gateway_is_refused_by_the_service_even_with_a_valid_token(scene, method, path):
    service = "reviews" if path.endswith("reviews") else "orders"
    url = f"http://127.0.0.1:{SERVICE_PORTS[service]}{scene.path(path)}"
    bearer = {"Authorization": f"Bearer {scene.buyer.access}"}

    response = httpx.request(method, url, json={} if method == "POST" else None, headers=bearer)

    assert (response.status_code, response.json()["code"]) == (401, "gateway_signature_missing")
