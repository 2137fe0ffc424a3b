"""PostgreSQL full-text search: ``Gig.search_vector`` (GIN) plus a lexicon for typos.

Typos: every lexeme of every gig is kept in ``gigs_search_lexeme``. Each query word is
stemmed and widened to the lexemes within Elasticsearch's ``fuzziness: AUTO`` edit distance
that share its first letter (``prefix_length: 1``), so "desgin" also looks for "design".
Trigram similarity was measured first and rejected: a transposition in a six-letter word
leaves only 3 of 7 trigrams in common (similarity 0.27), below any useful threshold.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.contrib.postgres.search import SearchQuery as TsQuery
from django.contrib.postgres.search import SearchRank
from django.db import connection, transaction
from django.db.models import F, FloatField, QuerySet, Value

from common.progress import Progress
from gigs_service.gigs.models import Gig
from gigs_service.gigs.search.query import SearchPage, SearchQuery, edit_distance_allowed

# ts_rank weights for D, C, B, A: description, seller/sub-categories, tags/category, title.
WEIGHTS = [0.1, 0.2, 0.4, 1.0]

ORDER = {
    "relevance": ["-score", "-id"],
    "price": ["price", "-id"],
    "-price": ["-price", "-id"],
    "rating": ["-rating_average", "-ratings_count", "-id"],
    "newest": ["-created_at", "-id"],
}

VECTOR_SQL = """
UPDATE gigs_gig AS g SET search_vector =
    setweight(to_tsvector('english', g.title), 'A')
    || setweight(to_tsvector('english', array_to_string(g.tags, ' ') || ' ' || g.category), 'B')
    || setweight(to_tsvector('english', s.username || ' ' || array_to_string(g.sub_categories, ' ')), 'C')
    || setweight(to_tsvector('english', g.description), 'D')
FROM gigs_seller AS s
WHERE s.user_id = g.seller_id AND {where}
"""

# Sorted, so two transactions adding the same words lock them in the same order.
LEXICON_SQL = """
INSERT INTO gigs_search_lexeme (word)
SELECT DISTINCT word FROM gigs_gig, unnest(tsvector_to_array(search_vector)) AS word
WHERE {where} ORDER BY word
ON CONFLICT DO NOTHING
"""

EXPAND_SQL = """
SELECT w.ord, w.stem, coalesce(array_agg(l.word) FILTER (WHERE l.word IS NOT NULL), '{}')
FROM (
    SELECT ord, (ts_lexize('english_stem', word))[1] AS stem, distance
    FROM unnest(%s::text[], %s::int[]) WITH ORDINALITY AS t(word, distance, ord)
) AS w
LEFT JOIN gigs_search_lexeme AS l
    ON left(l.word, 1) = left(w.stem, 1)
    AND length(l.word) BETWEEN length(w.stem) - w.distance AND length(w.stem) + w.distance
    AND levenshtein_less_equal(l.word, w.stem, w.distance) <= w.distance
GROUP BY w.ord, w.stem
ORDER BY w.ord
"""


# With the default random_page_cost (4, priced like a spinning disk's random reads) the
# planner reads every gig for a word found in a quarter of them, though the bitmap scan of
# the GIN matches is 2-3 times faster on a table that stays cached (bench/search.py).
PLANNER_SETTINGS = "SET LOCAL random_page_cost = 1.1"

# Every match is ranked anyway, so the count comes from the same pass, not a second scan.
# OFFSET 0 keeps the subquery from being flattened: ts_rank is computed in the scan and the
# window buffers (id, score) pairs; flattened, it buffered whole vectors (about 50 MB spilled
# to disk for a word in 77% of 100,000 gigs, a third of that search's time).
RANKED_PAGE_SQL = """
SELECT id, count(*) OVER () FROM ({matches} OFFSET 0) AS matches
ORDER BY score DESC, id DESC LIMIT %s OFFSET %s
"""


class PostgresBackend:
    """Search in the gigs database itself; nothing to run besides PostgreSQL."""

    name = "postgres"

    def search(self, query: SearchQuery) -> SearchPage:
        """Ids of the page (and the count) from the gig table alone, then those gigs with their sellers.

        Ranking and paging never join the sellers: the join is done for the page's gigs only.
        """
        if not query.words:
            return self._search(query)  # no GIN scan to plan for: spare the transaction
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(PLANNER_SETTINGS)
            return self._search(query)

    def _search(self, query: SearchQuery) -> SearchPage:
        matches, ranked = self._matches(query)
        rows: Sequence[tuple[int, ...]]
        if ranked:
            rows = _ranked_page(matches, query)
            count = rows[0][1] if rows else (matches.count() if query.offset else 0)
        else:
            # An index gives this order: the page stops early, and the count is its own cheap query.
            ordered = matches.order_by(*ORDER[query.effective_sort]).values_list("id")
            rows = list(ordered[query.offset : query.offset + query.page_size])
            count = matches.count()
        return SearchPage(count=count, gigs=_in_order([row[0] for row in rows]))

    def _matches(self, query: SearchQuery) -> tuple[QuerySet[Gig], bool]:
        """The matching active gigs annotated with ``score``, and whether they are ranked by relevance."""
        gigs = _filtered(query)
        tsquery = self.tsquery(query.words)
        if not tsquery:
            # No text, or only stop words: nothing to rank by, every gig ties (as in Elasticsearch).
            return gigs.annotate(score=Value(0.0, output_field=FloatField())), False
        ts = TsQuery(tsquery, config="simple", search_type="raw")
        gigs = gigs.filter(search_vector=ts).annotate(score=SearchRank(F("search_vector"), ts, weights=WEIGHTS))
        return gigs, query.effective_sort == "relevance"

    def tsquery(self, words: list[str]) -> str:
        """``(logo) & (design | desgin)``: each word, or a lexeme a few typos away; "" for no words."""
        if not words:
            return ""
        distances = [edit_distance_allowed(word) for word in words]
        with connection.cursor() as cursor:
            cursor.execute(EXPAND_SQL, [words, distances])
            rows = cursor.fetchall()
        # A stop word has no stem and constrains nothing, like Elasticsearch's english analyzer.
        clauses = [_any_of({stem, *similar}) for _, stem, similar in rows if stem]
        return " & ".join(clauses)

    def index(self, gig_ids: Iterable[int]) -> None:
        """Recompute the vectors of these gigs and learn their words (inside the caller's transaction)."""
        ids = list(gig_ids)
        if ids:
            _refresh("g.id = ANY(%s)", "gigs_gig.id = ANY(%s)", [ids])

    def remove(self, gig_id: int) -> None:
        """Nothing to do: the vector goes with the row (the lexicon may keep words no gig has)."""

    def reindex(self, *, batch_size: int = 1000, progress: Progress | None = None) -> int:
        """Recompute every vector and the lexicon, ``batch_size`` gigs at a time; returns how many gigs there are."""
        ids = list(Gig.objects.order_by("id").values_list("id", flat=True))
        for start in range(0, len(ids), batch_size):
            batch = ids[start : start + batch_size]
            _refresh("g.id BETWEEN %s AND %s", "id BETWEEN %s AND %s", [batch[0], batch[-1]])
            if progress is not None:
                progress.advance(len(batch))
        return len(ids)


def _filtered(query: SearchQuery) -> QuerySet[Gig]:
    gigs = Gig.objects.filter(active=True)
    if query.category:
        gigs = gigs.filter(category=query.category)
    if query.min_price is not None:
        gigs = gigs.filter(price__gte=query.min_price)
    if query.max_price is not None:
        gigs = gigs.filter(price__lte=query.max_price)
    if query.max_delivery_days is not None:
        gigs = gigs.filter(expected_delivery_days__lte=query.max_delivery_days)
    return gigs


def _ranked_page(matches: QuerySet[Gig], query: SearchQuery) -> list[tuple[int, int]]:
    """``(id, number of matches)`` of the page's gigs, best first: one pass ranks and counts every match."""
    # "score" is _matches' annotation, which the type of a QuerySet[Gig] does not carry.
    ids_and_scores = matches.order_by().values_list("id", "score")  # type: ignore[misc]
    inner, params = ids_and_scores.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(RANKED_PAGE_SQL.format(matches=inner), [*params, query.page_size, query.offset])
        rows: list[tuple[int, int]] = cursor.fetchall()
        return rows


def _in_order(ids: list[int]) -> list[Gig]:
    """These gigs with their sellers, in this order (the vector is not needed to show a gig)."""
    gigs = Gig.objects.filter(id__in=ids).select_related("seller").defer("search_vector").order_by().in_bulk()
    return [gigs[gig_id] for gig_id in ids if gig_id in gigs]


def _refresh(vector_where: str, lexicon_where: str, params: list[int] | list[list[int]]) -> None:
    """Run both statements with the same parameters: one id list (``ANY``) or a range's two ends."""
    with connection.cursor() as cursor:
        cursor.execute(VECTOR_SQL.format(where=vector_where), params)
        cursor.execute(LEXICON_SQL.format(where=lexicon_where), params)


def _any_of(lexemes: set[str]) -> str:
    """A tsquery alternative of quoted lexemes (quotes and backslashes escaped)."""
    quoted = ("'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'" for lexeme in sorted(lexemes))
    return "(" + " | ".join(quoted) + ")"
