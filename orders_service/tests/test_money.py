"""The money rules: service fee 5.5% (+ 2.00 under 50.00), half-up to the cent; the seller's earnings."""

from decimal import Decimal

import pytest

from orders_service.orders import money


@pytest.mark.parametrize(
    ("price", "fee"),
    [
        ("5.00", "2.28"),  # 0.275 rounds half-up to 0.28, plus the small-order 2.00
        ("49.99", "4.75"),  # 2.74945 → 2.75 + 2.00
        ("50.00", "2.75"),  # from 50.00 on, no small-order fee
        ("120.00", "6.60"),
        ("99.90", "5.49"),  # 5.4945 → 5.49
        ("1000.10", "55.01"),  # 55.0055 → 55.01
    ],
)
def test_the_service_fee_is_5_5_percent_plus_2_under_50(price, fee):
    assert money.service_fee(Decimal(price)) == Decimal(fee)


def test_a_quote_adds_the_fee_to_the_price():
    assert money.quote(Decimal("49.99")) == money.Quote(Decimal("49.99"), Decimal("4.75"), Decimal("54.74"))


@pytest.mark.parametrize(
    ("price", "share", "earnings"),
    [("120.00", 20, "96.00"), ("49.99", 20, "39.99"), ("10.05", 15, "8.54"), ("33.33", 0, "33.33")],
)
def test_the_seller_earns_the_price_less_the_platform_share(price, share, earnings):
    # 49.99 × 0.8 = 39.992 → 39.99; 10.05 × 0.85 = 8.5425 → 8.54
    assert money.seller_earnings(Decimal(price), share) == Decimal(earnings)


def test_cents_are_exact_integers():
    assert money.to_cents(Decimal("126.60")) == 12660
    assert money.to_cents(Decimal("0.07")) == 7


def test_no_rule_ever_returns_a_float():
    assert isinstance(money.service_fee(Decimal("12.34")), Decimal)
    assert isinstance(money.seller_earnings(Decimal("12.34"), 20), Decimal)


@pytest.mark.parametrize(
    ("price", "payable"),
    [
        ("100000.00", True),  # the largest price a gig or an offer may have: total 105,500.00
        ("947867.29", True),  # total 999,999.99 exactly, the most one card payment may charge
        ("947867.30", False),  # total 1,000,000.00: one cent more
        ("9999999999.99", False),  # beyond the money columns too
    ],
)
def test_a_quote_is_payable_up_to_the_most_one_payment_may_charge(price, payable):
    assert money.is_payable(money.quote(Decimal(price))) is payable
