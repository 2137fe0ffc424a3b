"""Search (PostgreSQL backend): the title's words of active gigs under an index of their own.

A word found in a quarter of the gigs was ranked over every match (35-110 ms over 100,000
gigs, bench/search.py). A gig with a query word in its title always outranks one without
(ts_rank's bound, gigs/search/postgres.py), so relevance ranks the gigs this index finds
first and most searches stop there. The expression is the title part of ``search_vector``.
Built concurrently: gigs stay writable meanwhile.
"""

from django.db import migrations

TITLE = (
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS gigs_active_title_vector"
    " ON gigs_gig USING gin (to_tsvector('english'::regconfig, title)) WHERE active;"
)


class Migration(migrations.Migration):
    # CREATE INDEX CONCURRENTLY cannot run inside a transaction.
    atomic = False

    dependencies = [("gigs", "0007_gig_packages")]

    operations = [
        migrations.RunSQL(TITLE, reverse_sql="DROP INDEX CONCURRENTLY IF EXISTS gigs_active_title_vector;"),
    ]
