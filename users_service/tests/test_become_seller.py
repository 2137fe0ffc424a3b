"""``POST /api/v1/sellers``: a buyer with a verified email becomes a seller."""

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from common.events.catalog.users import SellerCreated
from common.events.outbox.models import OutboxMessage
from users_service.profiles.models import BuyerProfile, SellerProfile
from users_service.tests.conftest import seller_input
from users_service.tests.factories import BuyerProfileFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/sellers"


def post(client, body) -> object:
    return client.post(URL, json.dumps(body), content_type="application/json")


def assert_nothing_written(alice: BuyerProfile) -> None:
    alice.refresh_from_db()
    assert alice.is_seller is False
    assert SellerProfile.objects.count() == 0
    assert OutboxMessage.objects.count() == 0


def test_a_verified_buyer_becomes_a_seller(api_client_as, verified_alice):
    response = post(api_client_as("alice"), seller_input())

    assert response.status_code == 201
    body = response.json()
    assert (body["user_id"], body["username"], body["country"]) == (1001, "alice", "Kenya")
    assert body["languages"] == [{"language": "English", "level": "fluent"}, {"language": "Swahili", "level": "native"}]
    assert body["experience"] == [
        {"company": "Acme", "title": "Analyst", "start_month": "2019-02", "end_month": "2023-06", "description": ""}
    ]
    assert (body["ratings_count"], body["rating_average"], body["total_earnings"]) == (0, None, "0.00")
    assert body["rating_breakdown"] == {"1": 0, "2": 0, "3": 0, "4": 0, "5": 0}
    seller = SellerProfile.objects.get()
    assert (seller.buyer_id, seller.full_name, seller.skills) == (1001, "Alice Wanjiru", ["python", "sql"])
    verified_alice.refresh_from_db()
    assert verified_alice.is_seller is True


def test_becoming_a_seller_announces_the_public_summary(api_client_as, verified_alice, events):
    post(api_client_as("alice"), seller_input())

    [created] = events.published(SellerCreated)
    assert created.model_dump(exclude={"changed_at"}) == {
        "user_id": 1001,
        "username": "alice",
        "full_name": "Alice Wanjiru",
        "one_liner": "Data dashboards that people read",
        "country": "Kenya",
    }
    assert created.changed_at == SellerProfile.objects.get().updated_at
    assert OutboxMessage.objects.count() == 1


def test_the_optional_lists_default_to_empty(api_client_as, verified_alice):
    body = seller_input(experience=None, education=None, certificates=None, social_links=None)

    response = post(api_client_as("alice"), body)

    assert response.status_code == 201
    seller = SellerProfile.objects.get()
    assert (seller.experience, seller.education, seller.certificates, seller.social_links) == ([], [], [], [])


def test_an_unverified_email_is_refused(api_client_as, alice_profile):
    response = post(api_client_as("alice"), seller_input())

    assert response.status_code == 403
    assert response.json()["code"] == "email_not_verified"
    assert_nothing_written(alice_profile)


def test_the_email_check_reads_the_profile_not_the_token(api_client_as, alice_profile):
    # Alice's token claims a verified email; the users service has not been told yet.
    response = post(api_client_as("alice"), seller_input())

    assert response.json()["code"] == "email_not_verified"


def test_becoming_a_seller_twice_is_a_conflict(api_client_as, verified_alice):
    client = api_client_as("alice")
    post(client, seller_input())

    response = post(client, seller_input(full_name="Someone Else"))

    assert response.status_code == 409
    assert response.json()["code"] == "already_a_seller"
    assert SellerProfile.objects.get().full_name == "Alice Wanjiru"
    assert OutboxMessage.objects.count() == 1


def test_a_buyer_profile_still_on_its_way_is_a_404_pending_to_retry(api_client_as):
    response = post(api_client_as("alice"), seller_input())

    assert response.status_code == 404
    assert response.json()["code"] == "buyer_profile_pending"
    assert response["Retry-After"] == "1"
    assert (SellerProfile.objects.count(), OutboxMessage.objects.count()) == (0, 0)


def test_another_buyers_profile_is_not_used(api_client_as, verified_alice):
    BuyerProfileFactory(user_id=1004, username="mallory")

    response = post(api_client_as("mallory"), seller_input())

    assert response.json()["code"] == "email_not_verified"
    assert_nothing_written(verified_alice)


def test_an_anonymous_request_is_refused(api_client, verified_alice):
    response = post(api_client, seller_input())

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert_nothing_written(verified_alice)


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, verified_alice):
    response = post(unsigned_client, seller_input())

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert_nothing_written(verified_alice)


BAD_INPUT = [
    ("full_name", seller_input(full_name="x" * 101)),
    ("full_name", seller_input(full_name="   ")),
    ("one_liner", seller_input(one_liner=None)),
    ("description", seller_input(description="x" * 2001)),
    ("skills", seller_input(skills=[])),
    ("skills", seller_input(skills=[f"skill{n}" for n in range(21)])),
    ("skills", seller_input(skills=["Python", "python"])),
    ("skills", seller_input(skills=["x" * 51])),
    ("languages", seller_input(languages=[])),
    ("languages", seller_input(languages=[{"language": "English", "level": "expert"}])),
    ("languages", seller_input(languages=[{"language": "English"}])),
    ("languages", seller_input(languages=[{"language": "English", "level": "basic", "years": 3}])),
    ("languages", seller_input(languages=[{"language": "English", "level": "basic"}] * 2)),
    ("experience", seller_input(experience=[{"company": "Acme", "title": "Analyst", "start_month": "2019-13"}])),
    (
        "experience",
        seller_input(experience=[{"company": "A", "title": "B", "start_month": "2020-05", "end_month": "2019-01"}]),
    ),
    ("education", seller_input(education=[{"country": "Kenya", "university": "U", "title": "B", "major": "M"}])),
    (
        "education",
        seller_input(education=[{"country": "K", "university": "U", "title": "B", "major": "M", "year": 1800}]),
    ),
    ("certificates", seller_input(certificates=[{"name": "n", "issuer": "i", "year": 2021}] * 21)),
    ("social_links", seller_input(social_links=["not a url"])),
    ("social_links", seller_input(social_links=["ftp://example.com/me"])),
    ("social_links", seller_input(social_links=["javascript:alert(1)"])),
    ("social_links", seller_input(social_links=[f"https://example.com/{n}" for n in range(11)])),
    ("response_time_hours", seller_input(response_time_hours=0)),
    ("response_time_hours", seller_input(response_time_hours=169)),
    ("response_time_hours", seller_input(response_time_hours=None)),
    ("is_seller", seller_input(is_seller=True)),
    ("total_earnings", seller_input(total_earnings="1000.00")),
]


@pytest.mark.parametrize(("field", "body"), BAD_INPUT)
def test_bad_input_names_the_field_and_writes_nothing(api_client_as, verified_alice, field, body):
    response = post(api_client_as("alice"), body)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid"
    assert list(response.json()["fields"]) == [field]
    assert_nothing_written(verified_alice)


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_requests_make_one_seller(api_client_as, verified_alice):
    clients = [api_client_as("alice"), api_client_as("alice")]

    def become(client) -> int:
        try:
            return post(client, seller_input()).status_code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=2) as pool:
        statuses = sorted(pool.map(become, clients))

    assert statuses == [201, 409]
    assert (SellerProfile.objects.count(), OutboxMessage.objects.count()) == (1, 1)
