"""The marketplace's money rules, in ``Decimal`` (never float), rounded half-up to the cent."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
FEE_RATE = Decimal("0.055")
SMALL_ORDER_FEE = Decimal("2.00")
SMALL_ORDER_BELOW = Decimal("50.00")
# Orders' money columns (``models.MONEY``) and the largest amount they hold: 9,999,999,999.99.
MONEY_DIGITS = 12
MONEY_PLACES = 2
MAX_AMOUNT = Decimal(10 ** (MONEY_DIGITS - MONEY_PLACES)) - CENT
# The most one payment may charge: Stripe takes at most 99,999,999 cents in USD.
MAX_CHARGE = Decimal("999999.99")
# The largest total an order may have: it must be stored, and it must be chargeable.
MAX_TOTAL = min(MAX_AMOUNT, MAX_CHARGE)


@dataclass(frozen=True)
class Quote:
    """What the buyer pays: the seller's price plus the platform's service fee."""

    price: Decimal
    service_fee: Decimal
    total: Decimal


def to_cents(amount: Decimal) -> int:
    """An amount in integer cents, as payment providers take it."""
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def round_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def service_fee(price: Decimal) -> Decimal:
    """5.5% of the price, plus 2.00 when the price is under 50.00."""
    fee = round_cents(price * FEE_RATE)
    return fee + SMALL_ORDER_FEE if price < SMALL_ORDER_BELOW else fee


def quote(price: Decimal) -> Quote:
    """The price, its fee and their total."""
    fee = service_fee(price)
    return Quote(price=price, service_fee=fee, total=price + fee)


def is_payable(quote: Quote) -> bool:
    """True when ``quote``'s total can be charged in one payment and stored (the total is its largest amount)."""
    return quote.total <= MAX_TOTAL


def seller_earnings(price: Decimal, platform_share_percent: int) -> Decimal:
    """What the seller is credited on completion: the price less the platform's share."""
    return round_cents(price * (100 - platform_share_percent) / 100)
