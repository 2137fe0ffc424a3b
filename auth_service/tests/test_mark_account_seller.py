"""``users.seller.created`` makes the account a seller: the next tokens and ``/auth/me`` say so."""

import uuid
from datetime import UTC, datetime

import pytest

from auth_service.accounts.models import User
from auth_service.accounts.services import AccountNotFound
from auth_service.tests.conftest import DEVICE, post
from auth_service.tests.factories import UserFactory
from common.auth.tokens import validate_access_token
from common.events.catalog.users import SellerCreated
from common.events.inbox.models import InboxEntry

HANDLER = "auth_service.accounts.handlers.mark_account_seller"


def seller_created(account: User) -> SellerCreated:
    return SellerCreated(
        user_id=account.pk,
        username=account.username,
        full_name="Dana Scully",
        one_liner="I investigate",
        country=account.country,
        changed_at=datetime(2026, 3, 2, 10, 0, tzinfo=UTC),
    )


def test_the_event_makes_the_account_a_seller(events, user):
    assert events.deliver(seller_created(user)) == [True]

    user.refresh_from_db()
    assert user.is_seller is True


def test_only_the_named_account_becomes_a_seller(events, user):
    other = UserFactory(username="erin")

    events.deliver(seller_created(user))

    other.refresh_from_db()
    assert other.is_seller is False


def test_the_same_event_delivered_twice_is_applied_once(events, user):
    event_id = uuid.uuid4()

    assert events.deliver(seller_created(user), event_id=event_id) == [True]
    assert events.deliver(seller_created(user), event_id=event_id) == [False]

    assert list(InboxEntry.objects.values_list("event_id", "handler")) == [(event_id, HANDLER)]


def test_an_unknown_account_fails_so_that_the_event_is_retried(events, user):
    event = seller_created(user).model_copy(update={"user_id": user.pk + 999})

    with pytest.raises(AccountNotFound):
        events.deliver(event)

    assert InboxEntry.objects.count() == 0
    assert User.objects.filter(is_seller=True).count() == 0


def test_a_refresh_after_the_event_mints_an_access_token_that_says_seller(api_client, events, user, password):
    signed_in = post(api_client, "signin", {"username": "dana", "password": password, "device_id": DEVICE}).json()
    assert validate_access_token(signed_in["access"])["is_seller"] is False

    events.deliver(seller_created(user))
    refreshed = post(api_client, "refresh", {"refresh": signed_in["refresh"]})

    assert refreshed.status_code == 200
    assert validate_access_token(refreshed.json()["access"])["is_seller"] is True
    assert refreshed.json()["user"]["is_seller"] is True


def test_me_shows_the_account_as_a_seller_even_with_the_old_token(client_of, events, user):
    client = client_of(user)  # minted before the event: its claim still says not a seller

    events.deliver(seller_created(user))
    response = client.get("/api/v1/auth/me")

    assert response.status_code == 200
    assert response.json()["is_seller"] is True
