"""``POST /api/v1/payouts/account``: a seller connects a payout account at the provider (localstripe's Connect stand-in)."""

import pytest

from orders_service.orders.models import PayoutAccount
from orders_service.orders.payments.provider import get_provider
from orders_service.tests.conftest import post, published_types
from orders_service.tests.factories import GigFactory

pytestmark = pytest.mark.django_db
ACCOUNT = "/api/v1/payouts/account"


def test_a_seller_connects_an_account_that_may_receive_transfers(api_client_as, stripe_client):
    response = post(api_client_as("bob"), ACCOUNT)

    assert response.status_code == 201
    body = response.json()
    account = PayoutAccount.objects.get()
    assert (account.seller_id, account.seller_username, account.provider) == (1002, "bob", "stripe")
    assert body == {
        "provider": "stripe",
        "account_id": account.account_id,
        "connected_at": body["connected_at"],
        "onboarding_url": "http://localhost:3000/dashboard",
    }
    at_provider = stripe_client.v1.accounts.retrieve(account.account_id)
    assert (at_provider.capabilities.transfers, at_provider.metadata["seller_id"]) == ("active", "1002")


def test_connecting_again_keeps_the_account_and_gives_a_fresh_link(api_client_as):
    first = post(api_client_as("bob"), ACCOUNT).json()

    response = post(api_client_as("bob"), ACCOUNT)

    assert response.status_code == 200
    assert response.json()["account_id"] == first["account_id"]
    assert PayoutAccount.objects.count() == 1


def test_only_a_seller_connects_one(api_client_as):
    response = post(api_client_as("alice"), ACCOUNT)

    assert response.status_code == 403
    assert response.json()["code"] == "only_sellers"
    assert not PayoutAccount.objects.exists()


def test_a_seller_whose_token_does_not_say_so_yet_connects_once_a_gig_of_theirs_is_known(api_client_as):
    GigFactory(seller_id=1001, seller_username="alice")

    response = post(api_client_as("alice"), ACCOUNT)

    assert response.status_code == 201
    assert PayoutAccount.objects.get().seller_id == 1001


def test_an_unreachable_provider_connects_nothing(api_client_as, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    get_provider.cache_clear()

    response = post(api_client_as("bob"), ACCOUNT)

    assert response.status_code == 502
    assert response.json()["code"] == "payment_provider_error"
    assert not PayoutAccount.objects.exists()
    assert published_types() == []


def test_a_body_is_refused(api_client_as):
    response = post(api_client_as("bob"), ACCOUNT, {"account_id": "acct_mine"})

    assert response.status_code == 400
    assert not PayoutAccount.objects.exists()


def test_anonymous_gets_a_401(api_client):
    assert post(api_client, ACCOUNT).status_code == 401


def test_without_gateway_signature_gets_a_401(unsigned_client):
    response = post(unsigned_client, ACCOUNT)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
