"""``GET /api/v1/buyers/{username}``: a buyer's public profile, for any signed-in user."""

import pytest

from users_service.tests.factories import BuyerProfileFactory

pytestmark = pytest.mark.django_db

PUBLIC_ALICE = {
    "username": "alice",
    "country": "Kenya",
    "is_seller": False,
    "avatar_url": None,
    "created_at": "2026-03-01T09:30:00Z",
}


def test_another_signed_in_user_sees_only_the_public_fields(api_client_as, alice_profile):
    response = api_client_as("bob").get("/api/v1/buyers/alice")

    assert response.status_code == 200
    assert response.json() == PUBLIC_ALICE


def test_the_public_profile_never_shows_the_email_even_to_its_owner(api_client_as, alice_profile):
    response = api_client_as("alice").get("/api/v1/buyers/alice")

    assert response.json() == PUBLIC_ALICE
    assert b"alice@example.com" not in response.content


def test_the_username_matches_regardless_of_case(api_client_as, alice_profile):
    response = api_client_as("bob").get("/api/v1/buyers/ALiCe")

    assert response.status_code == 200
    assert response.json()["username"] == "alice"


def test_the_profile_shows_the_username_as_it_was_registered(api_client_as):
    BuyerProfileFactory(username="Dana")

    assert api_client_as("bob").get("/api/v1/buyers/dana").json()["username"] == "Dana"


def test_an_unknown_username_is_a_404_with_the_shared_error_body(api_client_as, alice_profile):
    response = api_client_as("bob").get("/api/v1/buyers/nobody")

    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "detail": "No buyer has this username."}
    assert "Retry-After" not in response


def test_an_anonymous_request_is_refused(api_client, alice_profile):
    response = api_client.get("/api/v1/buyers/alice")

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, alice_profile):
    response = unsigned_client.get("/api/v1/buyers/alice")

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
