"""Bounds input must stay within, shared by the services whose columns they protect.

Serializer fields carry them (``max_value``) so they are enforced with a 400 naming the
field and published in the OpenAPI document.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

# PostgreSQL's bigint, the type of every id: a larger id cannot exist.
MAX_ID = 2**63 - 1
# An id in a path (``<id:...>``, common/api/converters.py), as the OpenAPI document shows it.
ID_SCHEMA: dict[str, Any] = {"type": "integer", "minimum": 0, "maximum": MAX_ID}

# The largest price of a gig or of a custom offer. Every price a buyer can order must be
# payable: with the 5.5% service fee the total is at most 105,500.00, well inside what
# one card payment may charge (999,999.99 at Stripe) and orders' money columns. Chat
# refuses a larger offer when it is made, not when the buyer tries to pay for it.
MAX_PRICE = Decimal("100000.00")
PRICE_DIGITS = 10
