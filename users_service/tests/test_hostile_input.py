"""Hostile input on every users endpoint: a 400 naming the field or a 404, never a 5xx."""

import pytest

from common.events.outbox.models import OutboxMessage
from common.testing.hostile import HUGE, NUL, NUL_IN_URL, Case, check
from users_service.profiles.models import SellerProfile
from users_service.tests.conftest import seller_input

pytestmark = pytest.mark.django_db
V1 = "/api/v1"
LANGUAGE = {"language": "English", "level": "fluent"}

CASES = [
    # path parameters: a username with a NUL cannot exist
    Case("GET", f"{V1}/sellers/{NUL_IN_URL}", status=404),
    Case("GET", f"{V1}/sellers/bo{NUL_IN_URL}b", status=404),
    Case("GET", f"{V1}/buyers/{NUL_IN_URL}", status=404),
    Case("GET", f"{V1}/sellers/bob/{NUL_IN_URL}", status=404),
    # query parameters
    Case("GET", f"{V1}/sellers/random?size={HUGE}", field="size"),
    Case("GET", f"{V1}/sellers/random?size=1{NUL_IN_URL}", field="size"),
    # bodies
    Case("POST", f"{V1}/sellers", body=seller_input(full_name="A" + NUL), field="full_name", as_user="alice"),
    Case("POST", f"{V1}/sellers", body=seller_input(skills=["ok", NUL]), field="skills", as_user="alice"),
    Case(
        "POST",
        f"{V1}/sellers",
        body=seller_input(languages=[{**LANGUAGE, "language": "En" + NUL}]),
        field="languages",
        as_user="alice",
    ),
    Case(
        "POST",
        f"{V1}/sellers",
        body=seller_input(languages=[{**LANGUAGE, "lev" + NUL: "x"}]),
        field="languages",
        as_user="alice",
    ),
    Case(
        "POST",
        f"{V1}/sellers",
        body=seller_input(response_time_hours=HUGE),
        field="response_time_hours",
        as_user="alice",
    ),
    Case(
        "POST",
        f"{V1}/sellers",
        body=seller_input(certificates=[{"name": "n", "issuer": "i", "year": HUGE}]),
        field="certificates",
        as_user="alice",
    ),
    Case("PATCH", f"{V1}/sellers/me", body={"one_liner": NUL}, field="one_liner", as_user="bob"),
    Case("PATCH", f"{V1}/sellers/me", body={"one_liner": "a\ud800b"}, field="one_liner", as_user="bob"),
    Case(
        "PATCH",
        f"{V1}/sellers/me",
        body={"social_links": ["https://x.test/" + NUL]},
        field="social_links",
        as_user="bob",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_hostile_input_is_refused_naming_the_field_or_not_found(
    api_client, api_client_as, verified_alice, bob_seller, case
):
    before = list(SellerProfile.objects.values())
    client = api_client_as(case.as_user) if case.as_user else api_client

    check(client, case)

    assert list(SellerProfile.objects.values()) == before
    assert OutboxMessage.objects.count() == 0
