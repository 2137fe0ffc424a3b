"""``POST /auth/delete-account``: with the password, refused while an order is open; erases the account and signs it out."""

import uuid
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from auth_service.accounts.models import EmailToken, KnownDevice, OpenOrder, User
from auth_service.tests.conftest import DEVICE, event_data, post, published
from auth_service.tests.factories import PASSWORD, UserFactory
from common.events.catalog.orders import OrderCancelled, OrderCompleted, OrderPlaced
from common.events.inbox.models import InboxEntry


def order_event(event_class, user, **changes):
    fields = {
        "order_id": uuid.UUID(int=1),
        "gig_id": 3,
        "gig_title": "A logo",
        "buyer_id": user.pk,
        "buyer_username": user.username,
        "seller_id": 9999,
        "seller_username": "sam",
        "price": Decimal("50.00"),
        "service_fee": Decimal("2.75"),
        "total": Decimal("52.75"),
        "due_at": datetime(2030, 3, 14, tzinfo=UTC),
        "occurred_at": datetime(2030, 3, 10, tzinfo=UTC),
        "status": "in_progress",
    }
    allowed = event_class.model_fields
    return event_class(**{key: value for key, value in {**fields, **changes}.items() if key in allowed})


def test_deleting_erases_the_account_but_keeps_its_username_taken(api_client, client_of, user):
    post(api_client, "forgot-password", {"email": "dana@example.com"})

    response = post(client_of(user), "delete-account", {"current_password": PASSWORD})

    assert response.status_code == 200
    assert response.json() == {"detail": "Your account was deleted."}
    user.refresh_from_db()
    assert (user.username, user.email, user.is_active, user.has_usable_password()) == (
        "Dana",
        f"deleted-{user.pk}@deleted.invalid",
        False,
        False,
    )
    assert (EmailToken.objects.count(), KnownDevice.objects.count()) == (0, 0)
    body = {"username": "dana", "email": "dana2@example.com", "password": "sturdy-lantern-42", "country": "Peru"}
    assert post(api_client, "signup", body).json()["code"] == "username_taken"


def test_deleting_tells_every_service_with_the_address_it_had(client_of, user):
    post(client_of(user), "delete-account", {"current_password": PASSWORD})

    assert published() == ["auth.user.deleted"]
    data = event_data("auth.user.deleted")
    assert {key: data[key] for key in ("user_id", "username", "email")} == {
        "user_id": user.pk,
        "username": "Dana",
        "email": "dana@example.com",
    }
    assert set(data) == {"user_id", "username", "email", "deleted_at"}


def test_every_session_ends_and_the_address_signs_in_no_more(api_client, client_of, user):
    signin = {"username": "dana", "password": PASSWORD, "device_id": DEVICE}
    refresh = post(api_client, "signin", signin).json()["refresh"]
    signed_in = client_of(user)

    post(signed_in, "delete-account", {"current_password": PASSWORD})

    assert post(api_client, "refresh", {"refresh": refresh}).status_code == 401
    assert post(api_client, "signin", signin).status_code == 401
    assert signed_in.get("/api/v1/auth/me").json()["code"] == "token_revoked"
    assert OutstandingToken.objects.filter(user=user, blacklistedtoken__isnull=True).count() == 0


@pytest.mark.parametrize("side", ["buyer", "seller"])
def test_an_open_order_refuses_the_deletion_and_changes_nothing(events, client_of, user, side):
    other = {"seller_id": user.pk, "buyer_id": 9999} if side == "seller" else {}
    events.deliver(order_event(OrderPlaced, user, **other))

    response = post(client_of(user), "delete-account", {"current_password": PASSWORD})

    assert response.status_code == 409
    assert response.json() == {
        "code": "open_orders",
        "detail": "Finish or cancel your 1 open order(s) before deleting the account.",
    }
    assert User.objects.get(pk=user.pk).is_active is True
    assert published() == []


@pytest.mark.parametrize("closing", [OrderCompleted, OrderCancelled])
def test_a_closed_order_lets_the_account_go_whatever_the_order_of_its_events(events, client_of, user, closing):
    extra = {
        "status": "completed" if closing is OrderCompleted else "cancelled",
        "seller_earnings": Decimal("40.00"),
        "auto_completed": False,
        "cancelled_by_id": user.pk,
        "reason": "Changed my mind.",
        "refunded": Decimal("52.75"),
    }
    events.deliver(order_event(closing, user, **extra))
    events.deliver(order_event(OrderPlaced, user))

    response = post(client_of(user), "delete-account", {"current_password": PASSWORD})

    assert response.status_code == 200
    assert list(OpenOrder.objects.values_list("closed", flat=True)) == [True]


def test_an_order_event_delivered_twice_counts_once(events, user):
    event_id = uuid.uuid4()

    assert events.deliver(order_event(OrderPlaced, user), event_id=event_id) == [True]
    assert events.deliver(order_event(OrderPlaced, user), event_id=event_id) == [False]

    assert OpenOrder.objects.count() == 1
    assert InboxEntry.objects.count() == 1


def test_a_wrong_password_is_a_field_error_and_keeps_the_account(client_of, user):
    response = post(client_of(user), "delete-account", {"current_password": "not-it-at-all"})

    assert response.status_code == 400
    assert (response.json()["code"], list(response.json()["fields"])) == ("wrong_password", ["current_password"])
    assert User.objects.get(pk=user.pk).is_active is True
    assert published() == []


def test_bad_input_names_the_field_and_keeps_the_account(client_of, user):
    for body, field in [({}, "current_password"), ({"current_password": PASSWORD, "sure": True}, "sure")]:
        response = post(client_of(user), "delete-account", body)
        assert response.status_code == 400
        assert field in response.json()["fields"]
    assert User.objects.get(pk=user.pk).is_active is True
    assert published() == []


def test_another_account_is_untouched(client_of, user):
    other = UserFactory(username="erin", email="erin@example.com")

    post(client_of(user), "delete-account", {"current_password": PASSWORD})

    other.refresh_from_db()
    assert (other.email, other.is_active) == ("erin@example.com", True)
