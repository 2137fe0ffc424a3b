"""Hostile input on every chat endpoint: a 400 naming the field or a 404, never a 5xx."""

import json

import pytest

from chat_service.chat.models import Message
from chat_service.tests.factories import message
from common.testing.hostile import BEYOND_BIGINT, HUGE, HUGE_DECIMAL, NUL, NUL_IN_URL, Case, check

pytestmark = pytest.mark.django_db
V1 = "/api/v1"
OFFER = {"gig_id": 501, "price": "120.00", "description": "Three logo concepts", "delivery_days": 5}

CASES = [
    # path parameters
    Case("GET", f"{V1}/messages/{BEYOND_BIGINT}/attachment", status=404),
    Case("GET", f"{V1}/messages/{NUL_IN_URL}/attachment", status=404),
    Case("POST", f"{V1}/messages/{HUGE}/offer/accept", status=404),
    Case("POST", f"{V1}/messages/{BEYOND_BIGINT}/offer/cancel", status=404),
    Case("GET", f"{V1}/conversations/{BEYOND_BIGINT}/messages", status=404),
    Case("POST", f"{V1}/conversations/{HUGE}/read", status=404),
    # query parameters
    Case("GET", f"{V1}/conversations?page={HUGE}", field="page"),
    Case("GET", f"{V1}/conversations?page=2", status=404, name="a page beyond the last"),
    Case("GET", f"{V1}/conversations/{{conversation}}/messages?after={HUGE}", field="after"),
    Case("GET", f"{V1}/conversations/{{conversation}}/messages?after=1{NUL_IN_URL}", field="after"),
    Case("GET", f"{V1}/conversations/{{conversation}}/messages?page={BEYOND_BIGINT}", field="page"),
    # bodies: JSON
    Case("POST", f"{V1}/messages", body={"to": "bob" + NUL, "body": "hi"}, field="to"),
    Case("POST", f"{V1}/messages", body={"to": "bob", "body": "h" + NUL + "i"}, field="body"),
    Case("POST", f"{V1}/messages", body={"to": "bob", "body": "hi", "gig_id": HUGE}, field="gig_id"),
    Case("POST", f"{V1}/messages", body={"to": "bob", "body": "hi", "gig_id": HUGE_DECIMAL}, field="gig_id"),
    # bodies: multipart (the offer travels as a JSON string there)
    Case("POST", f"{V1}/messages", form={"to": "bob", "body": "h" + NUL}, field="body"),
    Case("POST", f"{V1}/messages", form={"to": "b" + NUL, "body": "hi"}, field="to"),
    Case(
        "POST",
        f"{V1}/messages",
        form={"to": "alice", "offer": json.dumps({**OFFER, "description": "a" + NUL})},
        field="offer",
        as_user="bob",
    ),
]
OFFERS = [
    Case("POST", f"{V1}/messages", body={"to": "alice", "offer": {**OFFER, "description": NUL}}, field="offer"),
    Case("POST", f"{V1}/messages", body={"to": "alice", "offer": {**OFFER, "price": HUGE_DECIMAL}}, field="offer"),
    Case("POST", f"{V1}/messages", body={"to": "alice", "offer": {**OFFER, "price": "100000.01"}}, field="offer"),
    Case("POST", f"{V1}/messages", body={"to": "alice", "offer": {**OFFER, "delivery_days": HUGE}}, field="offer"),
    Case("POST", f"{V1}/messages", body={"to": "alice", "offer": {**OFFER, "gig_id": BEYOND_BIGINT}}, field="offer"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_hostile_input_is_refused_naming_the_field_or_not_found(api_client_as, users, bobs_gig, case):
    conversation = message(users["alice"], users["bob"]).conversation

    check(api_client_as(case.as_user or "alice"), case.at(conversation=conversation.pk))

    assert Message.objects.count() == 1


@pytest.mark.parametrize("case", OFFERS, ids=lambda case: case.id)
def test_an_offer_beyond_the_bounds_is_refused_when_it_is_made(api_client_as, users, bobs_gig, case):
    check(api_client_as("bob"), case)

    assert Message.objects.count() == 0


def test_an_offer_at_the_largest_price_a_gig_may_have_is_taken(api_client_as, users, bobs_gig):
    body = {"to": "alice", "offer": {**OFFER, "price": "100000.00"}}

    response = api_client_as("bob").post(f"{V1}/messages", body, format="json")

    assert response.status_code == 201
    assert response.json()["offer"]["price"] == "100000.00"
