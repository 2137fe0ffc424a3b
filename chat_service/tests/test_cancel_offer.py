"""``POST /api/v1/messages/{id}/offer/cancel``: either party cancels a pending offer (``chat.offer.cancelled``)."""

import pytest

from chat_service.chat.models import Offer
from chat_service.tests.conftest import post, published_types
from chat_service.tests.factories import message, offer
from common.events.catalog.chat import OfferCancelled

pytestmark = pytest.mark.django_db


def url(message_id: int) -> str:
    return f"/api/v1/messages/{message_id}/offer/cancel"


@pytest.fixture
def pending(users, bobs_gig) -> Offer:
    return offer(users["bob"], users["alice"], bobs_gig)


def status_of(pending: Offer) -> str:
    return Offer.objects.get(pk=pending.pk).status


@pytest.mark.parametrize(("party", "user_id"), [("alice", 1001), ("bob", 1002)])
def test_either_party_cancels_and_the_cancellation_says_who(api_client_as, events, pending, party, user_id):
    response = post(api_client_as(party), url(pending.pk))

    assert response.status_code == 200
    assert response.json()["offer"]["status"] == "cancelled"
    assert status_of(pending) == "cancelled"
    [cancelled] = events.published(OfferCancelled)
    assert (cancelled.message_id, cancelled.cancelled_by_id, cancelled.seller_id, cancelled.buyer_id) == (
        pending.pk,
        user_id,
        1002,
        1001,
    )
    assert cancelled.occurred_at == Offer.objects.get().decided_at


@pytest.mark.parametrize("decided", ["accepted", "cancelled"])
def test_an_offer_no_longer_pending_is_a_409(api_client_as, pending, decided):
    Offer.objects.filter(pk=pending.pk).update(status=decided)

    response = post(api_client_as("bob"), url(pending.pk))

    assert response.status_code == 409
    assert response.json()["code"] == "offer_not_pending"
    assert status_of(pending) == decided
    assert published_types() == []


def test_a_stranger_gets_a_404(api_client_as, pending):
    response = post(api_client_as("mallory"), url(pending.pk))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert status_of(pending) == "pending"
    assert published_types() == []


def test_a_message_without_an_offer_is_a_404(api_client_as, users):
    plain = message(users["bob"], users["alice"])

    assert post(api_client_as("bob"), url(plain.pk)).status_code == 404


def test_an_anonymous_request_is_refused(api_client, pending):
    response = post(api_client, url(pending.pk))

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, pending):
    response = post(unsigned_client, url(pending.pk))

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert status_of(pending) == "pending"
