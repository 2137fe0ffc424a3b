"""Search (PostgreSQL backend): GIN on the gig vector, the lexicon for typos, vectors of existing gigs."""

from django.contrib.postgres.operations import CreateExtension
from django.db import migrations

LEXICON = """
CREATE TABLE gigs_search_lexeme (word text PRIMARY KEY);
CREATE INDEX gigs_search_lexeme_first_letter ON gigs_search_lexeme (left(word, 1), length(word));
"""

BACKFILL = """
UPDATE gigs_gig AS g SET search_vector =
    setweight(to_tsvector('english', g.title), 'A')
    || setweight(to_tsvector('english', array_to_string(g.tags, ' ') || ' ' || g.category), 'B')
    || setweight(to_tsvector('english', s.username || ' ' || array_to_string(g.sub_categories, ' ')), 'C')
    || setweight(to_tsvector('english', g.description), 'D')
FROM gigs_seller AS s WHERE s.user_id = g.seller_id;
INSERT INTO gigs_search_lexeme (word)
SELECT DISTINCT word FROM gigs_gig, unnest(tsvector_to_array(search_vector)) AS word
ON CONFLICT DO NOTHING;
"""


class Migration(migrations.Migration):
    dependencies = [("gigs", "0002_gig_orders")]

    operations = [
        # levenshtein_less_equal() for the typo expansion of query words.
        CreateExtension("fuzzystrmatch"),
        # Raw SQL, not AddIndex: the model's state (models.py) stays the core's to declare.
        migrations.RunSQL(
            "CREATE INDEX gigs_search_vector ON gigs_gig USING gin (search_vector);",
            reverse_sql="DROP INDEX gigs_search_vector;",
        ),
        migrations.RunSQL(LEXICON, reverse_sql="DROP TABLE gigs_search_lexeme;"),
        migrations.RunSQL(BACKFILL, reverse_sql=migrations.RunSQL.noop),
        # Sorts and filters of the search list, among active gigs only.
        migrations.RunSQL(
            "CREATE INDEX gigs_active_price ON gigs_gig (price, id) WHERE active;"
            "CREATE INDEX gigs_active_newest ON gigs_gig (created_at DESC, id DESC) WHERE active;"
            "CREATE INDEX gigs_active_rating ON gigs_gig (rating_average DESC, ratings_count DESC, id DESC) WHERE active;",
            reverse_sql="DROP INDEX gigs_active_price; DROP INDEX gigs_active_newest; DROP INDEX gigs_active_rating;",
        ),
    ]
