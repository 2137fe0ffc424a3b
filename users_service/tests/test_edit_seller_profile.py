"""``PATCH /api/v1/sellers/me``: a seller edits their profile; the public summary is announced."""

import json

import pytest

from common.events.catalog.users import SellerUpdated
from common.events.outbox.models import OutboxMessage
from users_service.profiles.models import SellerProfile

pytestmark = pytest.mark.django_db

URL = "/api/v1/sellers/me"


def patch(client, body) -> object:
    return client.patch(URL, json.dumps(body), content_type="application/json")


def test_a_seller_edits_some_fields_and_the_rest_stays(api_client_as, bob_seller):
    response = patch(api_client_as("bob"), {"description": "Logos, icons and banners.", "response_time_hours": 4})

    assert response.status_code == 200
    assert (response.json()["description"], response.json()["response_time_hours"]) == ("Logos, icons and banners.", 4)
    bob_seller.refresh_from_db()
    assert (bob_seller.description, bob_seller.response_time_hours) == ("Logos, icons and banners.", 4)
    assert (bob_seller.full_name, bob_seller.skills) == ("Bob Mensah", ["django", "postgresql"])


def test_a_list_given_replaces_the_whole_list(api_client_as, bob_seller):
    patch(api_client_as("bob"), {"languages": [{"language": "Twi", "level": "native"}]})

    bob_seller.refresh_from_db()
    assert bob_seller.languages == [{"language": "Twi", "level": "native"}]


def test_a_change_of_the_public_summary_is_announced(api_client_as, bob_seller, events):
    patch(api_client_as("bob"), {"full_name": "Bob K. Mensah"})

    [updated] = events.published(SellerUpdated)
    assert updated.model_dump(exclude={"changed_at"}) == {
        "user_id": 1002,
        "username": "bob",
        "full_name": "Bob K. Mensah",
        "one_liner": "Logos in a day",
        "country": "Ghana",
    }
    bob_seller.refresh_from_db()
    assert updated.changed_at == bob_seller.updated_at


def test_an_edit_outside_the_public_summary_publishes_nothing(api_client_as, bob_seller):
    response = patch(api_client_as("bob"), {"skills": ["branding"], "one_liner": "Logos in a day"})

    assert response.status_code == 200
    assert OutboxMessage.objects.count() == 0


def test_an_empty_edit_changes_nothing(api_client_as, bob_seller):
    before = SellerProfile.objects.values().get()

    response = patch(api_client_as("bob"), {})

    assert response.status_code == 200
    assert SellerProfile.objects.values().get() == before
    assert OutboxMessage.objects.count() == 0


def test_the_stats_cannot_be_edited(api_client_as, bob_seller):
    response = patch(api_client_as("bob"), {"completed_jobs": 100, "total_earnings": "99999.00"})

    assert response.status_code == 400
    assert set(response.json()["fields"]) == {"completed_jobs", "total_earnings"}
    bob_seller.refresh_from_db()
    assert (bob_seller.completed_jobs, bob_seller.total_earnings) == (0, 0)


@pytest.mark.parametrize(
    ("field", "body"),
    [
        ("full_name", {"full_name": ""}),
        ("full_name", {"full_name": None}),
        ("skills", {"skills": []}),
        ("languages", {"languages": [{"language": "Twi"}]}),
        ("social_links", {"social_links": ["mailto:bob@example.com"]}),
        ("response_time_hours", {"response_time_hours": 1000}),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(api_client_as, bob_seller, field, body):
    before = SellerProfile.objects.values().get()

    response = patch(api_client_as("bob"), {"one_liner": "New", **body})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert SellerProfile.objects.values().get() == before
    assert OutboxMessage.objects.count() == 0


def test_a_buyer_who_is_not_a_seller_is_refused(api_client_as, alice_profile, bob_seller):
    response = patch(api_client_as("alice"), {"full_name": "Alice"})

    assert response.status_code == 403
    assert response.json()["code"] == "not_a_seller"
    assert OutboxMessage.objects.count() == 0


def test_another_seller_edits_their_own_profile_never_bobs(api_client_as, bob_seller):
    response = patch(api_client_as("charlie"), {"full_name": "Charlie"})

    assert response.json()["code"] == "not_a_seller"
    bob_seller.refresh_from_db()
    assert bob_seller.full_name == "Bob Mensah"


def test_an_anonymous_request_is_refused(api_client, bob_seller):
    response = patch(api_client, {"full_name": "Anon"})

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert SellerProfile.objects.get().full_name == "Bob Mensah"


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, bob_seller):
    response = patch(unsigned_client, {"full_name": "Anon"})

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert SellerProfile.objects.get().full_name == "Bob Mensah"
