"""Hostile input on every orders endpoint: a 400 naming the field or a 404, never a 5xx."""

import pytest

from common.testing.hostile import BEYOND_BIGINT, HUGE, HUGE_DECIMAL, NUL, NUL_IN_URL, Case, check
from orders_service.orders.models import Payment

pytestmark = pytest.mark.django_db
ORDERS = "/api/v1/orders"
SOME_ORDER = f"{ORDERS}/7d7f3c8e-5b1a-4a51-9a43-0d6f1c2b9e10"

CASES = [
    # path parameters
    Case("GET", f"{ORDERS}/{NUL_IN_URL}", status=404),
    Case("GET", f"{ORDERS}/not-a-uuid", status=404),
    Case("GET", f"{SOME_ORDER}/files/{BEYOND_BIGINT}", status=404),
    Case("GET", f"{SOME_ORDER}/files/{NUL_IN_URL}", status=404),
    Case("GET", f"{SOME_ORDER}/invoice{NUL_IN_URL}", status=404),
    # query parameters
    Case("GET", f"{ORDERS}?page={HUGE}", field="page"),
    Case("GET", f"{ORDERS}?page=2", status=404, name="a page beyond the last"),
    Case("GET", f"{ORDERS}?role=buyer{NUL_IN_URL}", field="role"),
    Case("GET", f"{ORDERS}?status={NUL_IN_URL}", field="status"),
    Case("GET", f"{ORDERS}?page_size={HUGE}&page={NUL_IN_URL}", field="page"),
    # bodies
    Case("POST", f"{ORDERS}/payment-intent", body={"gig_id": HUGE}, field="gig_id"),
    Case("POST", f"{ORDERS}/payment-intent", body={"gig_id": BEYOND_BIGINT}, field="gig_id"),
    Case("POST", f"{ORDERS}/payment-intent", body={"gig_id": HUGE_DECIMAL}, field="gig_id"),
    Case("POST", f"{ORDERS}/payment-intent", body={"offer_message_id": BEYOND_BIGINT}, field="offer_message_id"),
    Case("POST", f"{ORDERS}/payment-intent", body={"gig_id": "1" + NUL}, field="gig_id"),
    Case("POST", ORDERS, body={"payment_intent_id": "pi_" + NUL, "requirements": "x"}, field="payment_intent_id"),
    Case("POST", ORDERS, body={"payment_intent_id": "pi_1", "requirements": NUL}, field="requirements"),
    Case("POST", f"{SOME_ORDER}/extension", body={"new_delivery_days": HUGE, "reason": "x"}, field="new_delivery_days"),
    Case("POST", f"{SOME_ORDER}/extension", body={"new_delivery_days": 2, "reason": NUL}, field="reason"),
    Case("POST", f"{SOME_ORDER}/cancel", body={"reason": "a" + NUL}, field="reason"),
    Case("POST", f"{SOME_ORDER}/request-revision", body={"message": "a" + NUL}, field="message"),
    Case("POST", f"{SOME_ORDER}/approve", body={"n" + NUL: 1}, field="n\\u0000"),
    Case("POST", f"{SOME_ORDER}/deliver", form={"message": "a" + NUL}, field="message"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_hostile_input_is_refused_naming_the_field_or_not_found(api_client_as, case):
    check(api_client_as("alice"), case)

    assert not Payment.objects.exists()
