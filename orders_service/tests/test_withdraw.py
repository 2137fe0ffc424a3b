"""``POST /api/v1/payouts/withdrawals``: a seller withdraws available earnings to the connected account."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from common.events.catalog.orders import PayoutFailed, PayoutWithdrawn
from orders_service.orders import services
from orders_service.orders.models import LedgerEntry, PayoutAccount, Withdrawal
from orders_service.orders.payments.provider import get_provider
from orders_service.orders.selectors import Balance, balance_of
from orders_service.orders.services import Actor
from orders_service.orders.tasks import retry_withdrawals
from orders_service.tests.conftest import post, published_types

pytestmark = pytest.mark.django_db
WITHDRAW = "/api/v1/payouts/withdrawals"
BOB = 1002


@pytest.fixture
def available(order_in):
    """bob has 96.00 available: an order of his gig completed and cleared."""
    order = order_in("delivered")
    services.approve_order(buyer=Actor(1001, "alice"), order_id=order.pk)
    services.clear_earnings(now=timezone.now() + timedelta(days=15))
    return Decimal("96.00")


@pytest.fixture
def connected(api_client_as):
    """bob's payout account at localstripe, transfers active."""
    post(api_client_as("bob"), "/api/v1/payouts/account")
    return PayoutAccount.objects.get(seller_id=BOB)


def snapshot():
    """Everything a refused withdrawal must leave as it was."""
    return {
        "withdrawals": list(Withdrawal.objects.values("status", "amount")),
        "ledger": list(LedgerEntry.objects.order_by("id").values("kind", "available", "withdrawn")),
        "events": published_types(),
    }


def test_withdrawing_moves_everything_available_to_withdrawn_through_a_transfer(
    api_client_as, available, connected, events, stripe_client
):
    response = post(api_client_as("bob"), WITHDRAW)

    assert response.status_code == 201
    body = response.json()
    withdrawal = Withdrawal.objects.get()
    assert (body["id"], body["amount"], body["currency"], body["status"]) == (
        str(withdrawal.pk),
        "96.00",
        "usd",
        "paid",
    )
    assert body["account_id"] == connected.account_id
    transfer = stripe_client.v1.transfers.retrieve(body["transfer_id"])
    assert (transfer.amount, transfer.destination, transfer.metadata["withdrawal_id"]) == (
        9600,
        connected.account_id,
        str(withdrawal.pk),
    )
    assert balance_of(seller_id=BOB) == Balance(Decimal("0.00"), Decimal("0.00"), Decimal("96.00"))
    line = LedgerEntry.objects.get(kind="withdrawal")
    assert (line.available, line.withdrawn, line.withdrawal_id) == (Decimal("-96.00"), Decimal("96.00"), withdrawal.pk)
    [event] = events.published(PayoutWithdrawn)
    assert (event.withdrawal_id, event.seller_id, event.amount, event.available, event.transfer_id) == (
        withdrawal.pk,
        BOB,
        Decimal("96.00"),
        Decimal("0.00"),
        body["transfer_id"],
    )


def test_a_seller_withdraws_part_and_keeps_the_rest_available(api_client_as, available, connected):
    response = post(api_client_as("bob"), WITHDRAW, {"amount": "50.25"})

    assert response.status_code == 201
    assert response.json()["amount"] == "50.25"
    assert balance_of(seller_id=BOB) == Balance(Decimal("0.00"), Decimal("45.75"), Decimal("50.25"))


def test_more_than_available_is_refused_with_what_is_available(api_client_as, available, connected):
    before = snapshot()

    response = post(api_client_as("bob"), WITHDRAW, {"amount": "96.01"})

    assert response.status_code == 400
    assert response.json()["code"] == "amount_too_large"
    assert response.json()["fields"] == {"amount": ["You have 96.00 available to withdraw."]}
    assert snapshot() == before


def test_less_than_the_minimum_is_refused(api_client_as, available, connected):
    before = snapshot()

    response = post(api_client_as("bob"), WITHDRAW, {"amount": "9.99"})

    assert response.status_code == 400
    assert response.json()["code"] == "below_minimum_withdrawal"
    assert response.json()["fields"] == {"amount": ["The least you can withdraw is 10.00 (you have 96.00 available)."]}
    assert snapshot() == before


def test_nothing_available_is_below_the_minimum(api_client_as, connected):
    response = post(api_client_as("bob"), WITHDRAW)

    assert response.status_code == 400
    assert response.json()["code"] == "below_minimum_withdrawal"
    assert not Withdrawal.objects.exists()


def test_pending_earnings_cannot_be_withdrawn(api_client_as, order_in, connected):
    services.approve_order(buyer=Actor(1001, "alice"), order_id=order_in("delivered").pk)

    response = post(api_client_as("bob"), WITHDRAW, {"amount": "10.00"})

    assert response.status_code == 400
    assert response.json()["code"] == "amount_too_large"


def test_without_a_payout_account_nothing_is_withdrawn(api_client_as, available):
    before = snapshot()

    response = post(api_client_as("bob"), WITHDRAW)

    assert response.status_code == 409
    assert response.json()["code"] == "no_payout_account"
    assert snapshot() == before


@pytest.mark.parametrize("amount", ["0", "-5.00", "10.001", "ten"])
def test_a_malformed_amount_is_refused(api_client_as, available, connected, amount):
    response = post(api_client_as("bob"), WITHDRAW, {"amount": amount})

    assert response.status_code == 400
    assert "amount" in response.json()["fields"]
    assert not Withdrawal.objects.exists()


def test_the_same_idempotency_key_answers_with_the_first_withdrawal(api_client_as, available, connected, events):
    client = api_client_as("bob")
    first = client.post(WITHDRAW, '{"amount": "20.00"}', content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")

    again = client.post(WITHDRAW, '{"amount": "20.00"}', content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert Withdrawal.objects.count() == 1
    assert len(events.published(PayoutWithdrawn)) == 1
    assert balance_of(seller_id=BOB).available == Decimal("76.00")


def test_an_idempotency_key_is_not_reused_for_another_amount(api_client_as, available, connected):
    client = api_client_as("bob")
    client.post(WITHDRAW, '{"amount": "20.00"}', content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")

    response = client.post(WITHDRAW, '{"amount": "30.00"}', content_type="application/json", HTTP_IDEMPOTENCY_KEY="k-1")

    assert response.status_code == 409
    assert response.json()["code"] == "idempotency_key_reused"
    assert Withdrawal.objects.count() == 1


def test_a_too_long_idempotency_key_is_refused(api_client_as, available, connected):
    response = api_client_as("bob").post(
        WITHDRAW, "{}", content_type="application/json", HTTP_IDEMPOTENCY_KEY="k" * 256
    )

    assert response.status_code == 400
    assert not Withdrawal.objects.exists()


def test_a_transfer_the_provider_refuses_puts_the_money_back(
    api_client_as, available, connected, events, stripe_client
):
    # An account that never asked for the transfers capability: Stripe refuses transfers to it.
    connected.account_id = stripe_client.v1.accounts.create(params={"type": "custom"}).id
    connected.save()

    response = post(api_client_as("bob"), WITHDRAW, {"amount": "40.00"})

    assert response.status_code == 502
    assert response.json()["code"] == "payout_failed"
    withdrawal = Withdrawal.objects.get()
    assert withdrawal.status == "failed"
    assert withdrawal.failure.startswith(
        "Your destination account needs to have at least one of the following capabilities"
    )
    assert [
        (e.kind, e.available, e.withdrawn) for e in LedgerEntry.objects.filter(withdrawal=withdrawal).order_by("id")
    ] == [
        ("withdrawal", Decimal("-40.00"), Decimal("40.00")),
        ("withdrawal_failed", Decimal("40.00"), Decimal("-40.00")),
    ]
    assert balance_of(seller_id=BOB) == Balance(Decimal("0.00"), Decimal("96.00"), Decimal("0.00"))
    [event] = events.published(PayoutFailed)
    assert (event.amount, event.available, event.reason) == (Decimal("40.00"), Decimal("96.00"), withdrawal.failure)
    assert events.published(PayoutWithdrawn) == []


def test_an_unanswered_transfer_stays_pending_until_beat_asks_again(
    api_client_as, available, connected, settings, events
):
    reachable = settings.STRIPE_API_BASE
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    get_provider.cache_clear()

    response = post(api_client_as("bob"), WITHDRAW)

    assert response.status_code == 202
    assert response.json()["status"] == "pending"
    assert balance_of(seller_id=BOB) == Balance(Decimal("0.00"), Decimal("0.00"), Decimal("96.00"))
    second = post(api_client_as("bob"), WITHDRAW, {"amount": "10.00"})
    assert (second.status_code, second.json()["code"]) == (409, "withdrawal_pending")
    assert events.published(PayoutWithdrawn) + events.published(PayoutFailed) == []

    settings.STRIPE_API_BASE = reachable
    get_provider.cache_clear()
    Withdrawal.objects.update(requested_at=timezone.now() - timedelta(minutes=2))
    assert retry_withdrawals() == 1

    assert Withdrawal.objects.get().status == "paid"
    assert len(events.published(PayoutWithdrawn)) == 1


def test_a_withdrawal_just_asked_for_is_not_asked_again_yet(api_client_as, available, connected, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"
    get_provider.cache_clear()
    post(api_client_as("bob"), WITHDRAW)

    assert retry_withdrawals() == 0


def test_anonymous_gets_a_401(api_client):
    assert post(api_client, WITHDRAW).status_code == 401


def test_without_gateway_signature_gets_a_401(unsigned_client):
    response = post(unsigned_client, WITHDRAW)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
