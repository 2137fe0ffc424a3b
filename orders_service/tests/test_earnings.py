"""A completed order's earning is pending for EARNINGS_CLEARING_DAYS, then beat makes it available, once."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from orders_service.orders import services
from orders_service.orders.models import LedgerEntry
from orders_service.orders.selectors import Balance, balance_of
from orders_service.orders.services import Actor
from orders_service.orders.tasks import clear_earnings
from orders_service.tests.conftest import ORDERS, post

pytestmark = pytest.mark.django_db
BOB = 1002


def completed(order_in, refunded: str = "0.00"):
    """alice's order of bob's gig (120.00), approved by alice after ``refunded`` went back to her."""
    order = order_in("delivered")
    order.refunded = Decimal(refunded)
    order.save()
    return services.approve_order(buyer=Actor(1001, "alice"), order_id=order.pk)


def lines(seller_id: int = BOB) -> list[tuple[str, Decimal, Decimal, Decimal, str]]:
    """The seller's ledger, oldest line first."""
    entries = LedgerEntry.objects.filter(seller_id=seller_id).order_by("at", "id")
    return [(e.kind, e.pending, e.available, e.withdrawn, e.description) for e in entries]


def test_approving_an_order_credits_its_earning_to_pending_until_the_clearing_date(api_client_as, order_in):
    order = order_in("delivered")

    response = post(api_client_as("alice"), f"{ORDERS}/{order.pk}/approve")

    assert response.status_code == 200
    assert lines() == [
        ("earning", Decimal("96.00"), Decimal("0.00"), Decimal("0.00"), "Logo design: 120.00, less Bazaar's 20%")
    ]
    earning = LedgerEntry.objects.get()
    order.refresh_from_db()
    assert earning.order_id == order.pk
    assert earning.clears_at == order.completed_at + timedelta(days=14)
    assert balance_of(seller_id=BOB) == Balance(Decimal("96.00"), Decimal("0.00"), Decimal("0.00"))


def test_an_earning_after_a_partial_refund_says_what_was_refunded(order_in):
    completed(order_in, refunded="20.00")

    assert lines() == [
        (
            "earning",
            Decimal("80.00"),
            Decimal("0.00"),
            Decimal("0.00"),
            "Logo design: 120.00 less 20.00 refunded, less Bazaar's 20%",
        )
    ]


def test_a_cancelled_order_earns_nothing(api_client_as, placed):
    post(api_client_as("bob"), f"{ORDERS}/{placed.pk}/cancel", {"reason": "Cannot make it"})

    assert lines() == []
    assert balance_of(seller_id=BOB) == Balance(Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))


def test_an_earning_past_its_clearing_date_becomes_available(order_in):
    order = completed(order_in)

    assert services.clear_earnings(now=timezone.now() + timedelta(days=14, seconds=1)) == [order.pk]

    assert [line[:4] for line in lines()] == [
        ("earning", Decimal("96.00"), Decimal("0.00"), Decimal("0.00")),
        ("cleared", Decimal("-96.00"), Decimal("96.00"), Decimal("0.00")),
    ]
    assert lines()[1][4] == "Logo design: cleared"
    assert balance_of(seller_id=BOB) == Balance(Decimal("0.00"), Decimal("96.00"), Decimal("0.00"))


def test_an_earning_before_its_clearing_date_stays_pending(order_in):
    completed(order_in)

    assert services.clear_earnings(now=timezone.now() + timedelta(days=13, hours=23)) == []
    assert balance_of(seller_id=BOB).pending == Decimal("96.00")


def test_clearing_twice_clears_each_earning_once(order_in):
    completed(order_in)
    later = timezone.now() + timedelta(days=15)

    services.clear_earnings(now=later)

    assert services.clear_earnings(now=later) == []
    assert LedgerEntry.objects.filter(kind="cleared").count() == 1


def test_the_clearing_period_comes_from_settings(order_in, settings):
    settings.EARNINGS_CLEARING_DAYS = 0.0001  # 8.64 seconds
    order = completed(order_in)

    assert clear_earnings() == 0
    assert services.clear_earnings(now=timezone.now() + timedelta(seconds=9)) == [order.pk]


def test_each_sellers_earnings_are_their_own(order_in):
    completed(order_in)

    assert balance_of(seller_id=1003) == Balance(Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))


def test_beat_clears_earnings_every_ten_minutes():
    entry = settings.CELERY_BEAT_SCHEDULE["orders-clear-earnings"]

    assert (entry["task"], entry["schedule"]) == ("orders.clear_earnings", 600.0)
