"""Every order action against every state and every caller: refused ones change nothing.

A stranger gets 404, the wrong party 403 with a code, an action impossible from the
order's state 409 ``invalid_transition``; anonymous 401, no gateway signature 401.
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from common.testing.client import GatewayClient
from orders_service.orders.models import Extension, ResolutionRequest
from orders_service.tests.conftest import ORDERS, post, snapshot

pytestmark = pytest.mark.django_db

STATES = ["in_progress", "delivered", "completed", "cancelled"]
# action: (path, body, who may, states it is allowed from)
ACTIONS = {
    "deliver": ("deliver", {"message": "Done"}, "bob", {"in_progress"}),
    "approve": ("approve", None, "alice", {"delivered"}),
    "request-revision": ("request-revision", {"message": "More orange"}, "alice", {"delivered"}),
    "cancel": ("cancel", {"reason": "Changed my mind"}, "either", {"in_progress", "delivered"}),
    "extension": ("extension", {"new_delivery_days": 3, "reason": "Busy"}, "bob", {"in_progress"}),
    "extension/approve": ("extension/approve", None, "alice", {"in_progress", "delivered"}),
    "extension/reject": ("extension/reject", None, "alice", {"in_progress", "delivered"}),
    "resolution": ("resolution", {"kind": "cancel", "reason": "Not needed"}, "either", {"in_progress", "delivered"}),
    # Answered by the party who did not ask: alice, since bob asks in these tests.
    "resolution/accept": ("resolution/accept", None, "answerer", {"in_progress", "delivered"}),
    "resolution/decline": ("resolution/decline", {"answer": "No"}, "answerer", {"in_progress", "delivered"}),
}


def act(client: GatewayClient, order, action: str):
    path, body, _, _ = ACTIONS[action]
    url = f"{ORDERS}/{order.pk}/{path}"
    if action == "deliver":
        return client.post(url, body, format="multipart")
    return post(client, url, body)


def with_pending_extension(order):
    Extension.objects.create(order=order, extra_days=2, reason="Busy")
    return order


def with_pending_request(order):
    """bob asked alice to cancel, an hour ago."""
    ResolutionRequest.objects.create(
        order=order, kind="cancel", amount=order.total, reason="Busy", requested_by_id=order.seller_id,
        requested_by_username="bob", expires_at=timezone.now() + timedelta(hours=47),
    )  # fmt: skip
    return order


def with_pending(order):
    return with_pending_request(with_pending_extension(order))


def impossible():
    for action, (_, _, _, allowed) in ACTIONS.items():
        for state in STATES:
            if state not in allowed:
                yield action, state


@pytest.mark.parametrize(("action", "state"), list(impossible()))
def test_an_impossible_transition_is_a_409_and_changes_nothing(api_client_as, order_in, action, state):
    order = with_pending(order_in(state)) if "/" in action else order_in(state)
    who = ACTIONS[action][2]
    before = snapshot(order)

    response = act(api_client_as(who if who in ("alice", "bob") else "alice"), order, action)

    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    assert snapshot(order) == before


@pytest.mark.parametrize("action", [a for a, spec in ACTIONS.items() if spec[2] in ("alice", "bob")])
def test_the_other_party_gets_a_403_and_nothing_changes(api_client_as, order_in, action):
    _, _, who, allowed = ACTIONS[action]
    order = order_in(sorted(allowed)[0])
    if action.startswith("extension/"):
        with_pending_extension(order)
    before = snapshot(order)

    response = act(api_client_as("alice" if who == "bob" else "bob"), order, action)

    assert response.status_code == 403
    assert response.json()["code"] == ("only_seller" if who == "bob" else "only_buyer")
    assert snapshot(order) == before


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("stranger", ["mallory", "charlie"])
def test_a_stranger_gets_a_404_and_nothing_changes(api_client_as, order_in, action, stranger):
    order = with_pending(order_in("delivered"))
    before = snapshot(order)

    response = act(api_client_as(stranger), order, action)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert snapshot(order) == before


@pytest.mark.parametrize("action", list(ACTIONS))
def test_anonymous_gets_a_401(api_client, order_in, action):
    order = order_in("delivered")
    before = snapshot(order)

    response = act(api_client, order, action)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert snapshot(order) == before


@pytest.mark.parametrize("action", list(ACTIONS))
def test_without_gateway_signature_gets_a_401(unsigned_client, order_in, action):
    order = order_in("delivered")
    before = snapshot(order)

    response = act(unsigned_client, order, action)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert snapshot(order) == before


def test_a_second_pending_extension_is_a_409(api_client_as, order_in):
    order = with_pending_extension(order_in("in_progress"))
    before = snapshot(order)

    response = act(api_client_as("bob"), order, "extension")

    assert response.status_code == 409
    assert response.json()["code"] == "extension_pending"
    assert snapshot(order) == before


@pytest.mark.parametrize("decision", ["extension/approve", "extension/reject"])
def test_deciding_without_a_pending_extension_is_a_409(api_client_as, order_in, decision):
    order = order_in("in_progress")
    before = snapshot(order)

    response = act(api_client_as("alice"), order, decision)

    assert response.status_code == 409
    assert response.json()["code"] == "no_pending_extension"
    assert snapshot(order) == before


def test_a_refused_delivery_leaves_no_file_behind(api_client_as, order_in, settings):
    from pathlib import Path

    order = order_in("completed")
    upload = SimpleUploadedFile("fox.txt", b"a fox")

    response = api_client_as("bob").post(
        f"{ORDERS}/{order.pk}/deliver", {"message": "Late", "files": [upload]}, format="multipart"
    )

    assert response.status_code == 409
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
