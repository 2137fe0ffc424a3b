"""How amounts and durations read in emails and in-app notifications."""

from __future__ import annotations

from decimal import Decimal


def usd(amount: Decimal) -> str:
    """``Decimal("1249.5")`` → ``"$1,249.50"``. A float is refused: money is never a float here."""
    if not isinstance(amount, Decimal):
        raise TypeError(f"an amount of money must be a Decimal, not {type(amount).__name__}")
    return f"${amount.quantize(Decimal('0.01')):,}"


def days(count: int) -> str:
    """``1`` → ``"1 day"``, ``3`` → ``"3 days"``."""
    return f"{count} day" if count == 1 else f"{count} days"
