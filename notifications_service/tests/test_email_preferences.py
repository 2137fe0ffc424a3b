"""GET and PATCH /api/v1/notifications/preferences: whether I get non-essential email, and email about unread messages."""

import pytest

from notifications_service.notifications.models import Recipient
from notifications_service.tests.conftest import patch, published_types
from notifications_service.tests.factories import RecipientFactory

pytestmark = pytest.mark.django_db

ALICE = 1001


def test_i_get_non_essential_email_unless_i_said_otherwise(api_client_as):
    response = api_client_as("alice").get("/api/v1/notifications/preferences")

    assert response.status_code == 200
    assert response.json() == {"non_essential_email": True, "message_email": True}
    assert Recipient.objects.count() == 0


def test_i_see_the_preference_i_saved(api_client_as):
    RecipientFactory(user_id=ALICE, wants_non_essential_email=False)

    assert api_client_as("alice").get("/api/v1/notifications/preferences").json() == {
        "non_essential_email": False,
        "message_email": True,
    }


def test_i_turn_non_essential_email_off(api_client_as):
    RecipientFactory(user_id=ALICE, username="alice", email="alice@example.com")

    response = patch(api_client_as("alice"), "/preferences", {"non_essential_email": False})

    assert response.status_code == 200
    assert response.json() == {"non_essential_email": False, "message_email": True}
    assert list(Recipient.objects.values_list("user_id", "username", "wants_non_essential_email")) == [
        (ALICE, "alice", False)
    ]


def test_i_turn_it_back_on(api_client_as):
    RecipientFactory(user_id=ALICE, wants_non_essential_email=False)

    response = patch(api_client_as("alice"), "/preferences", {"non_essential_email": True})

    assert response.json() == {"non_essential_email": True, "message_email": True}
    assert Recipient.objects.get().wants_non_essential_email is True


def test_a_preference_saved_before_my_registration_arrived_is_kept_for_it(api_client_as):
    response = patch(api_client_as("alice"), "/preferences", {"non_essential_email": False})

    assert response.status_code == 200
    assert list(Recipient.objects.values("user_id", "username", "email", "wants_non_essential_email")) == [
        {"user_id": ALICE, "username": "", "email": "", "wants_non_essential_email": False}
    ]


def test_an_empty_change_keeps_both_choices_and_says_them(api_client_as):
    patch(api_client_as("alice"), "/preferences", {"message_email": False})

    response = patch(api_client_as("alice"), "/preferences", {})

    assert response.status_code == 200
    assert response.json() == {"non_essential_email": True, "message_email": False}


def test_my_preference_is_not_someone_elses(api_client_as):
    patch(api_client_as("mallory"), "/preferences", {"non_essential_email": False})

    assert api_client_as("alice").get("/api/v1/notifications/preferences").json() == {
        "non_essential_email": True,
        "message_email": True,
    }


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        ({"message_email": "no"}, {"message_email": ["Must be true or false."]}),
        ({"non_essential_email": "false"}, {"non_essential_email": ["Must be true or false."]}),
        ({"non_essential_email": 0}, {"non_essential_email": ["Must be true or false."]}),
        ({"non_essential_email": None}, {"non_essential_email": ["This field may not be null."]}),
        ({"non_essential_email": False, "sms": True}, {"sms": ["Unknown field."]}),
    ],
)
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(api_client_as, body, fields):
    response = patch(api_client_as("alice"), "/preferences", body)

    assert response.status_code == 400
    assert response.json()["fields"] == fields
    assert Recipient.objects.count() == 0
    assert published_types() == []


def test_i_turn_message_email_off_and_keep_the_other_choice(api_client_as):
    RecipientFactory(user_id=ALICE, wants_non_essential_email=False)

    response = patch(api_client_as("alice"), "/preferences", {"message_email": False})

    assert response.status_code == 200
    assert response.json() == {"non_essential_email": False, "message_email": False}
    assert list(Recipient.objects.values_list("wants_non_essential_email", "wants_message_email")) == [(False, False)]


def test_i_change_both_at_once(api_client_as):
    response = patch(api_client_as("alice"), "/preferences", {"non_essential_email": False, "message_email": False})

    assert response.json() == {"non_essential_email": False, "message_email": False}
    assert list(Recipient.objects.values_list("user_id", "wants_non_essential_email", "wants_message_email")) == [
        (ALICE, False, False)
    ]


def test_preferences_is_not_taken_for_a_notification_id(api_client_as):
    response = api_client_as("alice").post("/api/v1/notifications/preferences/read")

    assert response.status_code == 404
