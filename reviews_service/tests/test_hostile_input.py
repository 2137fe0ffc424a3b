"""Hostile input on every reviews endpoint: a 400 naming the field or a 404, never a 5xx."""

import pytest

from common.testing.hostile import BEYOND_BIGINT, HUGE, HUGE_DECIMAL, NUL, NUL_IN_URL, Case, check
from reviews_service.reviews.models import Review
from reviews_service.tests.conftest import ORDER_ID

pytestmark = pytest.mark.django_db
V1 = "/api/v1"
REVIEW = {"order_id": str(ORDER_ID), "rating": 5, "comment": "Great."}

CASES = [
    # path parameters
    Case("GET", f"{V1}/gigs/{BEYOND_BIGINT}/reviews", status=404),
    Case("GET", f"{V1}/gigs/{NUL_IN_URL}/reviews", status=404),
    Case("GET", f"{V1}/sellers/{NUL_IN_URL}/reviews", status=404),
    Case("GET", f"{V1}/sellers/b{NUL_IN_URL}ob/reviews", status=404),
    # query parameters
    Case("GET", f"{V1}/gigs/7/reviews?page={HUGE}", field="page"),
    Case("GET", f"{V1}/gigs/7/reviews?page=2", status=404, name="a page beyond the last"),
    Case("GET", f"{V1}/sellers/bob/reviews?page={BEYOND_BIGINT}", field="page"),
    Case("GET", f"{V1}/sellers/bob/reviews?page={NUL_IN_URL}", field="page"),
    # bodies
    Case("POST", f"{V1}/reviews", body={**REVIEW, "comment": "Gr" + NUL + "eat"}, field="comment", as_user="alice"),
    Case("POST", f"{V1}/reviews", body={**REVIEW, "rating": HUGE}, field="rating", as_user="alice"),
    Case("POST", f"{V1}/reviews", body={**REVIEW, "rating": HUGE_DECIMAL}, field="rating", as_user="alice"),
    Case("POST", f"{V1}/reviews", body={**REVIEW, "order_id": NUL}, field="order_id", as_user="alice"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_hostile_input_is_refused_naming_the_field_or_not_found(api_client, api_client_as, completed_order, case):
    client = api_client_as(case.as_user) if case.as_user else api_client

    check(client, case)

    assert not Review.objects.exists()
