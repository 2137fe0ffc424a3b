"""What a search asks for and what it returns: the same for every backend."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gigs_service.gigs.models import Gig

SORTS = ("relevance", "price", "-price", "rating", "newest")
# Words beyond this are ignored: every word is one clause (and one fuzzy expansion).
MAX_WORDS = 8
# A search counts its matches exactly up to this many; past it the count is an estimate (at
# least this), as Elasticsearch's track_total_hits: counting a quarter of 100,000 gigs cost
# more than finding the page (bench/search.py).
EXACT_COUNT_UP_TO = 1000
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class SearchQuery:
    """One page of a search over active gigs; ``q`` empty means "no text condition"."""

    q: str = ""
    category: str | None = None
    min_price: Decimal | None = None
    max_price: Decimal | None = None
    max_delivery_days: int | None = None
    sort: str | None = None
    page: int = 1
    page_size: int = 20

    @property
    def words(self) -> list[str]:
        """The query's words, lower-cased: both backends split the text the same way."""
        return _WORD.findall(self.q.lower())[:MAX_WORDS]

    @property
    def effective_sort(self) -> str:
        """Relevance when there is text to rank by, newest otherwise."""
        if self.sort and not (self.sort == "relevance" and not self.words):
            return self.sort
        return "relevance" if self.words else "newest"

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass(frozen=True)
class SearchPage:
    """The gigs of one page, in order, and how many gigs match in all (estimated past ``EXACT_COUNT_UP_TO``)."""

    count: int
    gigs: list[Gig]
    count_is_estimate: bool = False


def edit_distance_allowed(term: str) -> int:
    """Typos tolerated in one (stemmed) word: Elasticsearch's ``fuzziness: AUTO``."""
    if len(term) <= 2:
        return 0
    return 1 if len(term) <= 5 else 2
