"""N sellers picked at random, without sorting the whole table by ``random()``.

``ORDER BY random() LIMIT n`` reads and draws a number for every seller on every call.
Instead: draw ``2n`` random numbers between the smallest and largest seller id in Python
and, for each, take the first seller at or after it (``WHERE user_id >= x ORDER BY
user_id LIMIT 1``), one primary-key index probe each, all in one query through
``unnest`` + ``LATERAL``. That costs O(n log N) whatever the table's size.

The picks are not perfectly uniform: a seller whose id follows a wide gap (ids are the
auth service's, and most accounts are not sellers) is picked more often. Account ids are
sequential, so the gaps are small and evenly spread; for a "discover sellers" strip that
bias does not matter. ``TABLESAMPLE SYSTEM`` was the alternative: it reads few pages but
returns sellers who registered together, and ``BERNOULLI`` still reads every page.

When the probes find fewer than ``n`` distinct sellers (a small table: they collide), the
rest are drawn with ``ORDER BY random()``, which is cheap exactly when the table is small.
"""

from __future__ import annotations

import random

from django.db import connection
from django.db.models import Max, Min

from users_service.profiles.models import SellerProfile
from users_service.profiles.selectors.sellers import sellers

PROBES_PER_SELLER = 2


def random_sellers(*, size: int) -> list[SellerProfile]:
    """Up to ``size`` distinct sellers in random order (fewer only when there are fewer)."""
    bounds = SellerProfile.objects.aggregate(low=Min("pk"), high=Max("pk"))
    if bounds["low"] is None:
        return []
    starts = [random.randint(bounds["low"], bounds["high"]) for _ in range(size * PROBES_PER_SELLER)]
    ids = _first_ids_at_or_after(starts)[:size]
    if len(ids) < size:
        rest = SellerProfile.objects.exclude(pk__in=ids).order_by("?").values_list("pk", flat=True)
        ids += list(rest[: size - len(ids)])
    chosen = sellers().in_bulk(ids)
    return [chosen[pk] for pk in ids]


def _first_ids_at_or_after(starts: list[int]) -> list[int]:
    """For each start, the smallest seller id ≥ it; distinct, in the order of ``starts``."""
    table = connection.ops.quote_name(SellerProfile._meta.db_table)
    key = connection.ops.quote_name(SellerProfile._meta.pk.column)
    sql = (
        f"SELECT picked.id FROM unnest(%s::bigint[]) WITH ORDINALITY AS start(value, position)"
        f" CROSS JOIN LATERAL (SELECT {key} AS id FROM {table} WHERE {key} >= start.value"
        f" ORDER BY {key} LIMIT 1) AS picked ORDER BY start.position"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [starts])
        rows = cursor.fetchall()
    return list(dict.fromkeys(row[0] for row in rows))
