"""Search (PostgreSQL backend): counts of filtered searches from indexes alone.

A search counts every match. Filtered by category and price, that count read every gig of
the category from the table (27 ms over 100,000 gigs, bench/search.py); by price and
delivery days, every gig. With the filtered columns in partial indexes of active gigs, the
count is an index-only scan (0.2 ms). Built concurrently: gigs stay writable meanwhile.
"""

from django.db import migrations

CATEGORY_PRICE = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS gigs_active_category_price"
    " ON gigs_gig (category, price) INCLUDE (expected_delivery_days) WHERE active;"
)
# Replaces gigs_active_price (price, id): the same order for sort=price, plus the delivery days.
PRICE_DAYS = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS gigs_active_price_days"
    " ON gigs_gig (price, id) INCLUDE (expected_delivery_days) WHERE active;"
)
PRICE = "CREATE INDEX CONCURRENTLY IF NOT EXISTS gigs_active_price ON gigs_gig (price, id) WHERE active;"


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [("gigs", "0004_search_backlog")]

    operations = [
        migrations.RunSQL(CATEGORY_PRICE, reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS gigs_active_category_price;"),
        migrations.RunSQL(PRICE_DAYS, reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS gigs_active_price_days;"),
        migrations.RunSQL("DROP INDEX CONCURRENTLY IF EXISTS gigs_active_price;", reverse_sql=PRICE),
    ]
