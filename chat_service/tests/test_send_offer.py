"""``POST /api/v1/messages`` with an ``offer``: a seller's custom offer on one of their active gigs."""

from decimal import Decimal

import pytest

from chat_service.chat.models import Message, Offer
from chat_service.tests.conftest import published_types, send
from chat_service.tests.factories import GigFactory
from common.events.catalog.chat import MessageSent, OfferSent
from common.events.catalog.chat import Offer as OfferTerms

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("users")]

TERMS = {"gig_id": 501, "price": "120.00", "description": "Three logo concepts", "delivery_days": 5}


def test_the_seller_makes_an_offer_to_a_buyer(api_client_as, bobs_gig):
    response = send(api_client_as("bob"), to="alice", offer=TERMS)

    assert response.status_code == 201
    assert response.json()["gig_id"] == 501
    assert response.json()["body"] == ""
    assert response.json()["offer"] == {
        "gig_id": 501,
        "gig_title": "Logo design",
        "price": "120.00",
        "description": "Three logo concepts",
        "delivery_days": 5,
        "status": "pending",
        "decided_at": None,
    }
    offer = Offer.objects.get()
    assert (offer.price, offer.seller_id, offer.buyer_id) == (Decimal("120.00"), 1002, 1001)


def test_the_offer_is_announced_with_the_message(api_client_as, events, bobs_gig):
    response = send(api_client_as("bob"), to="alice", body="As discussed", offer=TERMS)

    message = Message.objects.get()
    [sent] = events.published(MessageSent)
    assert sent.offer == OfferTerms(
        gig_id=501,
        gig_title="Logo design",
        price=Decimal("120.00"),
        description="Three logo concepts",
        delivery_days=5,
        status="pending",
    )
    assert events.published(OfferSent) == [
        OfferSent(
            message_id=response.json()["id"],
            conversation_id=message.conversation_id,
            seller_id=1002,
            seller_username="bob",
            buyer_id=1001,
            buyer_username="alice",
            gig_id=501,
            gig_title="Logo design",
            price=Decimal("120.00"),
            description="Three logo concepts",
            delivery_days=5,
            occurred_at=message.sent_at,
        )
    ]
    assert published_types() == ["chat.message.sent", "chat.offer.sent"]


def test_a_price_given_as_a_json_number_is_kept_exact(api_client_as, bobs_gig):
    response = send(api_client_as("bob"), to="alice", offer={**TERMS, "price": 19.99})

    assert response.json()["offer"]["price"] == "19.99"
    assert Offer.objects.get().price == Decimal("19.99")


def test_the_gig_id_of_the_message_may_repeat_the_offers(api_client_as, bobs_gig):
    response = send(api_client_as("bob"), to="alice", gig_id=501, offer=TERMS)

    assert response.status_code == 201


def test_the_lowest_price_is_five(api_client_as, bobs_gig):
    response = send(api_client_as("bob"), to="alice", offer={**TERMS, "price": "5.00"})

    assert response.status_code == 201


@pytest.mark.parametrize(
    ("change", "fields"),
    [
        ({"price": "4.99"}, {"offer": ["price: Ensure this value is greater than or equal to 5.00."]}),
        ({"price": "5.001"}, {"offer": ["price: Ensure that there are no more than 2 decimal places."]}),
        ({"price": "NaN"}, {"offer": ["price: A valid number is required."]}),
        ({"price": "cheap"}, {"offer": ["price: A valid number is required."]}),
        ({"delivery_days": 0}, {"offer": ["delivery_days: Ensure this value is greater than or equal to 1."]}),
        ({"delivery_days": 366}, {"offer": ["delivery_days: Ensure this value is less than or equal to 365."]}),
        ({"description": ""}, {"offer": ["description: This field may not be blank."]}),
        (
            {"description": "x" * 2001},
            {"offer": ["description: Ensure this field has no more than 2000 characters."]},
        ),
        ({"discount": 10}, {"offer": ["discount: Unknown field."]}),
    ],
)
def test_bad_terms_are_refused_naming_the_field_and_nothing_is_written(api_client_as, bobs_gig, change, fields):
    response = send(api_client_as("bob"), to="alice", offer={**TERMS, **change})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert response.json()["fields"] == fields
    assert (Message.objects.count(), Offer.objects.count()) == (0, 0)
    assert published_types() == []


@pytest.mark.parametrize(
    ("sender", "gig", "body", "status", "code"),
    [
        # Only the gig's seller can offer on it: alice is a buyer, charlie another seller.
        ("alice", {}, {"to": "bob"}, 403, "not_your_gig"),
        ("charlie", {}, {"to": "alice"}, 403, "not_your_gig"),
        ("bob", {"active": False}, {"to": "alice"}, 400, "gig_not_active"),
        ("bob", {"deleted": True}, {"to": "alice"}, 400, "unknown_gig"),
        ("bob", {"gig_id": 777}, {"to": "alice"}, 400, "unknown_gig"),
        ("bob", {}, {"to": "alice", "gig_id": 9}, 400, "gig_mismatch"),
    ],
)
def test_an_offer_on_a_gig_that_is_not_the_senders_active_gig_is_refused(
    api_client_as, sender, gig, body, status, code
):
    GigFactory(**{"gig_id": 501, "seller_id": 1002, **gig})

    response = send(api_client_as(sender), **body, offer=TERMS)

    assert response.status_code == status
    assert response.json()["code"] == code
    assert (Message.objects.count(), Offer.objects.count()) == (0, 0)
    assert published_types() == []


def test_an_offer_that_is_not_an_object_is_refused(api_client_as, bobs_gig):
    response = send(api_client_as("bob"), to="alice", offer="120 dollars")

    assert response.status_code == 400
    assert response.json()["fields"] == {"offer": ["Invalid data. Expected a dictionary, but got str."]}
