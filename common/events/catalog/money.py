"""Field types shared by the catalog's event modules."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field

# An amount of money in the marketplace's currency (USD): exact, two decimals, never a float.
# In JSON it travels as a string ("49.99") so no consumer rounds it through a float.
Money = Annotated[Decimal, Field(ge=0, max_digits=12, decimal_places=2)]
Username = Annotated[str, Field(max_length=150)]
Rating = Annotated[int, Field(ge=1, le=5)]
