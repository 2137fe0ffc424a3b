"""PostgreSQL full-text search: ``Gig.search_vector`` (GIN) plus a lexicon for typos.

Typos: every lexeme of every gig is kept in ``gigs_search_lexeme``. Each query word is
stemmed and widened to the lexemes within Elasticsearch's ``fuzziness: AUTO`` edit distance
that share its first letter (``prefix_length: 1``), so "desgin" also looks for "design".
Trigram similarity was measured first and rejected: a transposition in a six-letter word
leaves only 3 of 7 trigrams in common (similarity 0.27), below any useful threshold.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from django.contrib.postgres.search import SearchQuery as TsQuery
from django.contrib.postgres.search import SearchRank, SearchVectorField
from django.db import connection, transaction
from django.db.models import F, Func, QuerySet

from common.progress import Progress
from gigs_service.gigs.models import Gig
from gigs_service.gigs.search.query import EXACT_COUNT_UP_TO, SearchPage, SearchQuery, edit_distance_allowed

# ts_rank weights for D, C, B, A: description, seller/sub-categories, tags/category, title.
WEIGHTS = [0.1, 0.2, 0.4, 1.0]

# Relevance ranks by ts_rank (_ranked_page); without text to rank by, every gig ties.
ORDER = {
    "price": ["price", "-id"],
    "-price": ["-price", "-id"],
    "rating": ["-rating_average", "-ratings_count", "-id"],
    "newest": ["-created_at", "-id"],
}

# The title is the vector's weight-A part and nothing else is: relevance ranks title matches
# first from an index of that part alone (migration 0008, _title_tier_page).
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


# ts_rank's weight of a title word, and the highest of the others (tags and category):
# _title_tier_page's bound.
OTHER_WEIGHTS_BOUND = max(WEIGHTS[:-1])

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
        gigs = _filtered(query)
        clauses = self.clauses(query.words)
        if not clauses:
            # No text, or only stop words: nothing to rank by, every gig ties (as in Elasticsearch).
            return _sorted_page(gigs, query, ORDER.get(query.effective_sort, ["-id"]))
        ts = TsQuery(" & ".join(clauses), config="simple", search_type="raw")
        matches = gigs.filter(search_vector=ts)
        if query.effective_sort != "relevance":
            # An index gives this order: the page stops early.
            return _sorted_page(matches, query, ORDER[query.effective_sort])
        if len(clauses) == 1:
            ids = _title_tier_page(gigs, ts, query)
            if ids is not None:
                return _page(matches, ids, query)
        rows = _ranked_page(matches.annotate(score=SearchRank(F("search_vector"), ts, weights=WEIGHTS)), query)
        if rows:  # one pass ranked and counted every match
            return SearchPage(count=rows[0][1], gigs=_in_order([row[0] for row in rows]))
        return _page(matches, [], query)

    def clauses(self, words: list[str]) -> list[str]:
        """``["(logo)", "(design | desgin)"]``: each word, or a lexeme a few typos away; none for no words."""
        if not words:
            return []
        distances = [edit_distance_allowed(word) for word in words]
        with connection.cursor() as cursor:
            cursor.execute(EXPAND_SQL, [words, distances])
            rows = cursor.fetchall()
        # A stop word has no stem and constrains nothing, like Elasticsearch's english analyzer.
        return [_any_of({stem, *similar}) for _, stem, similar in rows if stem]

    def tsquery(self, words: list[str]) -> str:
        """``(logo) & (design | desgin)``: every clause required; "" for no words."""
        return " & ".join(self.clauses(words))

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


def _sorted_page(matches: QuerySet[Gig], query: SearchQuery, order: list[str]) -> SearchPage:
    ordered = matches.order_by(*order).values_list("id", flat=True)
    return _page(matches, list(ordered[query.offset : query.offset + query.page_size]), query)


def _title_tier_page(gigs: QuerySet[Gig], ts: TsQuery, query: SearchQuery) -> list[int] | None:
    """The page ranked among the gigs with a query word in their title, when it is provably the page; else None.

    For a query of one clause ts_rank sums, per lexeme of the clause, at most the highest
    weight the lexeme has in the gig (its decaying series adds up to pi^2/6, the divisor),
    over the clause's lexemes, divided by their number. A gig with none of them in its title
    (weight A) thus scores at most the next weight: when the page's last gig among the title
    matches scores more than that, no other gig can come before it.
    """
    wanted = query.offset + query.page_size
    # A word of the title is a word of the vector: the title alone decides the match.
    tier = gigs.annotate(title_vector=TitleVector(F("title"))).filter(title_vector=ts)
    ranked = tier.annotate(score=SearchRank(F("search_vector"), ts, weights=WEIGHTS)).order_by("-score", "-id")
    rows = list(ranked.values_list("id", "score")[:wanted])
    if len(rows) == wanted and rows[-1][1] > OTHER_WEIGHTS_BOUND:
        return [gig_id for gig_id, _ in rows[query.offset :]]
    return None


def _page(matches: QuerySet[Gig], ids: list[int], query: SearchQuery) -> SearchPage:
    count, estimated = _count(matches, ids, query)
    return SearchPage(count=count, gigs=_in_order(ids), count_is_estimate=estimated)


def _count(matches: QuerySet[Gig], ids: list[int], query: SearchQuery) -> tuple[int, bool]:
    """How many gigs match, and whether that is an estimate: exact up to ``EXACT_COUNT_UP_TO``."""
    if (ids and len(ids) < query.page_size) or (not ids and not query.offset):
        return query.offset + len(ids), False  # the last page: every match was seen
    unordered = matches.order_by()
    seen = unordered[: EXACT_COUNT_UP_TO + 1].count()
    if seen <= EXACT_COUNT_UP_TO:
        return seen, False
    # The planner's estimate (from the column statistics, which know common words): no scan.
    sql, params = unordered.values("id").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return max(int(plan[0]["Plan"]["Plan Rows"]), seen, query.offset + len(ids)), True


def _ranked_page(matches: QuerySet[Gig], query: SearchQuery) -> list[tuple[int, int]]:
    """``(id, number of matches)`` of the page's gigs, best first: one pass ranks and counts every match."""
    # "score" is _matches' annotation, which the type of a QuerySet[Gig] does not carry.
    ids_and_scores = matches.order_by().values_list("id", "score")  # type: ignore[misc]
    inner, params = ids_and_scores.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(RANKED_PAGE_SQL.format(matches=inner), [*params, query.page_size, query.offset])
        rows: list[tuple[int, int]] = cursor.fetchall()
        return rows


class TitleVector(Func):
    """The title's part of ``search_vector`` (weight A), as the index ``gigs_active_title_vector`` has it."""

    template = "to_tsvector('english'::regconfig, %(expressions)s)"
    output_field = SearchVectorField()


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
