"""``GET /api/v1/buyers/me``: the signed-in account's own buyer profile."""

import pytest

from common.testing.client import GatewayClient
from users_service.tests.factories import BuyerProfileFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/buyers/me"


def test_a_buyer_sees_their_own_profile_with_email(api_client_as, alice_profile):
    response = api_client_as("alice").get(URL)

    assert response.status_code == 200
    assert response.json() == {
        "user_id": 1001,
        "username": "alice",
        "email": "alice@example.com",
        "email_verified": False,
        "country": "Kenya",
        "is_seller": False,
        "avatar_url": None,
        "created_at": "2026-03-01T09:30:00Z",
    }


def test_the_profile_is_read_from_the_database_not_from_the_token(api_client_as, alice_profile):
    # Alice's token says her email is verified; the users service has not heard of it yet.
    alice_profile.country = "Peru"
    alice_profile.save()

    body = api_client_as("alice").get(URL).json()

    assert (body["email_verified"], body["country"]) == (False, "Peru")


def test_another_signed_in_user_sees_their_own_profile_not_alices(api_client_as, alice_profile):
    BuyerProfileFactory(user_id=1002, username="bob")

    response = api_client_as("bob").get(URL)

    assert response.status_code == 200
    assert (response.json()["user_id"], response.json()["username"]) == (1002, "bob")


def test_a_profile_still_on_its_way_is_a_404_pending_to_retry_in_a_second(api_client_as):
    response = api_client_as("alice").get(URL)

    assert response.status_code == 404
    assert response.json() == {
        "code": "buyer_profile_pending",
        "detail": "Your buyer profile is being created. Try again in a moment.",
    }
    assert response["Retry-After"] == "1"


def test_someone_elses_profile_does_not_stand_in_for_a_missing_one(api_client_as, alice_profile):
    response = api_client_as("bob").get(URL)

    assert response.status_code == 404
    assert response.json()["code"] == "buyer_profile_pending"


def test_an_anonymous_request_is_refused(api_client, alice_profile):
    response = api_client.get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert "Retry-After" not in response


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, alice_profile):
    response = unsigned_client.get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"


def test_an_expired_token_is_refused(token_for, alice_profile):
    response = GatewayClient(token=token_for("alice", lifetime=-60)).get(URL)

    assert response.status_code == 401
    assert response.json()["code"] == "token_expired"
