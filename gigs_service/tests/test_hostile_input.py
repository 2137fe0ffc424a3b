"""Hostile input on every gigs endpoint: a 400 naming the field or a 404, never a 5xx."""

from decimal import Decimal

import pytest

from common.testing.hostile import BEYOND_BIGINT, HUGE, HUGE_DECIMAL, NUL, NUL_IN_URL, Case, check
from gigs_service.gigs.models import Gig
from gigs_service.tests.factories import GigFactory

pytestmark = pytest.mark.django_db
V1 = "/api/v1"
GIG = {
    "title": "I will design a logo",
    "description": "A clean logo.",
    "category": "Graphics & Design",
    "price": "25.00",
    "expected_delivery_days": 3,
}

CASES = [
    # path parameters
    Case("GET", f"{V1}/gigs/{BEYOND_BIGINT}", status=404),
    Case("GET", f"{V1}/gigs/{HUGE}", status=404),
    Case("GET", f"{V1}/gigs/{NUL_IN_URL}", status=404),
    Case("GET", f"{V1}/gigs/{HUGE}/similar", status=404),
    Case("GET", f"{V1}/sellers/{NUL_IN_URL}/gigs", status=404),
    Case("GET", f"{V1}/sellers/bo{NUL_IN_URL}b/gigs", status=404),
    Case("GET", f"{V1}/media/gigs/covers/{NUL_IN_URL}", status=404),
    Case("GET", f"{V1}/media/gigs/covers/a{NUL_IN_URL}.png", status=404),
    # the search's query parameters
    Case("GET", f"{V1}/gigs?q={NUL_IN_URL}", field="q"),
    Case("GET", f"{V1}/gigs?q=logo{NUL_IN_URL}design", field="q"),
    Case("GET", f"{V1}/gigs?category={NUL_IN_URL}", field="category"),
    Case("GET", f"{V1}/gigs?sort=price{NUL_IN_URL}", field="sort"),
    Case("GET", f"{V1}/gigs?min_price={HUGE_DECIMAL}", field="min_price"),
    Case("GET", f"{V1}/gigs?max_price={HUGE}", field="max_price"),
    Case("GET", f"{V1}/gigs?max_delivery_days={HUGE}", field="max_delivery_days"),
    Case("GET", f"{V1}/gigs?page={HUGE}", field="page"),
    Case("GET", f"{V1}/gigs?page={BEYOND_BIGINT}", field="page"),
    Case("GET", f"{V1}/gigs?page=1000000", status=404, name="a page beyond the last"),
    # the other lists
    Case("GET", f"{V1}/gigs/top?category={NUL_IN_URL}", field="category"),
    Case("GET", f"{V1}/sellers/bob/gigs?active={NUL_IN_URL}", field="active"),
    Case("GET", f"{V1}/sellers/bob/gigs?page={HUGE}", field="page"),
    # bodies: JSON and multipart
    Case("POST", f"{V1}/gigs", body={**GIG, "title": "a" + NUL}, field="title", as_user="bob"),
    Case("POST", f"{V1}/gigs", body={**GIG, "tags": ["lo" + NUL + "go"]}, field="tags", as_user="bob"),
    Case("POST", f"{V1}/gigs", body={**GIG, "sub_categories": [NUL]}, field="sub_categories", as_user="bob"),
    Case("POST", f"{V1}/gigs", body={**GIG, "price": HUGE_DECIMAL}, field="price", as_user="bob"),
    Case("POST", f"{V1}/gigs", body={**GIG, "price": "100000.01"}, field="price", as_user="bob"),
    Case(
        "POST",
        f"{V1}/gigs",
        body={**GIG, "expected_delivery_days": HUGE},
        field="expected_delivery_days",
        as_user="bob",
    ),
    Case("POST", f"{V1}/gigs", form={**GIG, "description": NUL}, field="description", as_user="bob"),
    Case("POST", f"{V1}/gigs", form={**GIG, "tags": ["logo", "a" + NUL]}, field="tags", as_user="bob"),
    Case("PATCH", f"{V1}/gigs/{{gig}}", body={"basic_title": NUL}, field="basic_title", as_user="bob"),
    Case("PATCH", f"{V1}/gigs/{{gig}}", body={"price": "99999999.999"}, field="price", as_user="bob"),
    Case("PATCH", f"{V1}/gigs/{{gig}}", body={"price": "100001"}, field="price", as_user="bob"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_hostile_input_is_refused_naming_the_field_or_not_found(api_client, api_client_as, bob, case):
    gig = GigFactory(seller=bob, title="I will design a logo", price="25.00")
    client = api_client_as(case.as_user) if case.as_user else api_client

    check(client, case.at(gig=gig.pk))

    assert list(Gig.objects.values_list("title", "price")) == [("I will design a logo", Decimal("25.00"))]


def test_the_largest_price_is_taken(api_client_as, bob):
    response = api_client_as("bob").post(f"{V1}/gigs", {**GIG, "price": "100000.00"}, format="json")

    assert response.status_code == 201
    assert response.json()["price"] == "100000.00"
