"""``POST /api/v1/messages/{id}/offer/accept``: the buyer accepts a pending offer (``chat.offer.accepted``)."""

from decimal import Decimal

import pytest

from chat_service.chat.models import Offer
from chat_service.tests.conftest import post, published_types
from chat_service.tests.factories import message, offer
from common.events.catalog.chat import OfferAccepted

pytestmark = pytest.mark.django_db


def url(message_id: int) -> str:
    return f"/api/v1/messages/{message_id}/offer/accept"


@pytest.fixture
def pending(users, bobs_gig) -> Offer:
    """bob's pending offer to alice on his logo gig."""
    return offer(users["bob"], users["alice"], bobs_gig)


def status_of(pending: Offer) -> str:
    return Offer.objects.get(pk=pending.pk).status


def test_the_buyer_accepts_the_offer(api_client_as, pending):
    response = post(api_client_as("alice"), url(pending.pk))

    assert response.status_code == 200
    assert response.json()["id"] == pending.pk
    assert response.json()["offer"]["status"] == "accepted"
    assert response.json()["offer"]["decided_at"] is not None
    assert status_of(pending) == "accepted"


def test_the_acceptance_is_announced(api_client_as, events, pending):
    post(api_client_as("alice"), url(pending.pk))

    assert events.published(OfferAccepted) == [
        OfferAccepted(
            message_id=pending.pk,
            conversation_id=pending.message.conversation_id,
            seller_id=1002,
            seller_username="bob",
            buyer_id=1001,
            buyer_username="alice",
            gig_id=501,
            gig_title="Logo design",
            price=Decimal("120.00"),
            description="Three logo concepts",
            delivery_days=5,
            occurred_at=Offer.objects.get().decided_at,
        )
    ]


def test_the_seller_who_made_it_cannot_accept_it(api_client_as, pending):
    response = post(api_client_as("bob"), url(pending.pk))

    assert response.status_code == 403
    assert response.json()["code"] == "only_buyer_can_accept"
    assert status_of(pending) == "pending"
    assert published_types() == []


def test_a_stranger_gets_a_404(api_client_as, pending):
    response = post(api_client_as("mallory"), url(pending.pk))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert status_of(pending) == "pending"
    assert published_types() == []


@pytest.mark.parametrize("decided", ["accepted", "cancelled"])
def test_an_offer_no_longer_pending_is_a_409(api_client_as, pending, decided):
    Offer.objects.filter(pk=pending.pk).update(status=decided)

    response = post(api_client_as("alice"), url(pending.pk))

    assert response.status_code == 409
    assert response.json()["code"] == "offer_not_pending"
    assert status_of(pending) == decided
    assert published_types() == []


def test_an_offer_on_a_gig_deleted_since_cannot_be_accepted(api_client_as, pending, bobs_gig):
    bobs_gig.deleted = True
    bobs_gig.save()

    response = post(api_client_as("alice"), url(pending.pk))

    assert response.status_code == 409
    assert response.json()["code"] == "gig_unavailable"
    assert status_of(pending) == "pending"


def test_a_message_without_an_offer_is_a_404(api_client_as, users):
    plain = message(users["bob"], users["alice"])

    response = post(api_client_as("alice"), url(plain.pk))

    assert response.status_code == 404


def test_a_body_with_unknown_fields_is_refused(api_client_as, pending):
    response = post(api_client_as("alice"), url(pending.pk), {"price": "1.00"})

    assert response.status_code == 400
    assert response.json()["fields"] == {"price": ["Unknown field."]}
    assert status_of(pending) == "pending"


def test_an_anonymous_request_is_refused(api_client, pending):
    response = post(api_client, url(pending.pk))

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, pending):
    # unsigned_client carries alice's token: the buyer herself, yet not through the gateway.
    response = post(unsigned_client, url(pending.pk))

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert status_of(pending) == "pending"
