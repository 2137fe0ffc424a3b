#!/usr/bin/env python
"""Benchmark: gig search latency over 100,000 gigs, through the search interface.

    .venv/bin/python bench/search.py [--gigs 100000] [--runs 200] [--keep]

Creates its own ``bazaar_bench_search_gigs`` database (migrated, dropped again unless
``--keep``), bulk-inserts gigs whose titles, tags and descriptions are drawn from a fixed
vocabulary, computes their vectors and lexicon in SQL (``PostgresBackend.reindex``), then
times ``search.backend().search(...)`` — the PostgreSQL backend, as the view calls it —
for text only, text with a typo, text + filters, filters only and sort by price, and
prints p50/p95/max per case. Target: p95 under 50 ms for text + filters.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB_PREFIX = "bazaar_bench_search_"
os.environ["POSTGRES_DB_PREFIX"] = DB_PREFIX
os.environ.setdefault("BAZAAR_ENV", "local")
os.environ["ELASTICSEARCH_URL"] = ""
os.environ["DJANGO_SETTINGS_MODULE"] = "gigs_service.settings"

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402

from common.fleet.databases import connect, ensure_databases  # noqa: E402
from gigs_service.gigs import search  # noqa: E402
from gigs_service.gigs.models import CATEGORIES  # noqa: E402

SUBJECTS = [
    "logo",
    "design",
    "wordpress",
    "website",
    "seo",
    "audit",
    "video",
    "editing",
    "podcast",
    "mixing",
    "voice",
    "over",
    "translation",
    "copywriting",
    "illustration",
    "animation",
    "explainer",
    "portrait",
    "photography",
    "data",
    "analysis",
    "excel",
    "dashboard",
    "python",
    "script",
    "shopify",
    "store",
    "mobile",
    "app",
    "landing",
    "page",
    "business",
    "plan",
    "resume",
    "writing",
    "social",
    "media",
    "marketing",
    "email",
    "campaign",
    "book",
    "cover",
    "music",
    "production",
    "mastering",
    "subtitles",
    "transcription",
    "infographic",
    "presentation",
    "branding",
    "packaging",
    "tattoo",
]
ADJECTIVES = [
    "professional",
    "modern",
    "minimalist",
    "creative",
    "unique",
    "custom",
    "stunning",
    "fast",
    "affordable",
    "premium",
    "expert",
]
START = datetime(2026, 1, 1, tzinfo=UTC)
FILLER = [
    "will",
    "deliver",
    "quality",
    "work",
    "quickly",
    "with",
    "unlimited",
    "revisions",
    "source",
    "files",
    "included",
    "for",
    "your",
    "brand",
    "satisfaction",
    "guaranteed",
    "years",
    "experience",
    "clients",
    "worldwide",
    "communication",
    "responsive",
    "detailed",
    "process",
    "style",
    "research",
    "concept",
    "draft",
    "final",
    "commercial",
    "rights",
    "high",
    "resolution",
    "formats",
    "support",
    "after",
    "delivery",
]


def gig_rows(count: int, sellers: int) -> io.StringIO:
    """Tab-separated rows for COPY into gigs_gig."""
    rng = random.Random(42)
    out = io.StringIO()
    for n in range(count):
        subject = rng.sample(SUBJECTS, 2)
        title = f"{rng.choice(ADJECTIVES)} {subject[0]} {subject[1]} {n}"
        tags = "{" + ",".join(rng.sample(SUBJECTS, 3)) + "}"
        # Mostly the seller's prose, naming the gig's subjects and a few others now and then.
        description = " ".join([*rng.choices(FILLER, k=55), *subject, *rng.sample(SUBJECTS, 3)])
        price = Decimal(rng.randrange(500, 100000)) / 100
        rating = Decimal(rng.randrange(0, 501)) / 100
        out.write(
            "\t".join(
                [
                    str(rng.randrange(1, sellers + 1)),
                    title,
                    description,
                    rng.choice(CATEGORIES),
                    "{" + rng.choice(SUBJECTS) + "}",
                    tags,
                    str(price),
                    str(rng.randrange(1, 31)),
                    "t" if rng.random() > 0.05 else "f",
                    str(rating),
                    str(rng.randrange(0, 200)),
                    (START + timedelta(seconds=n)).isoformat(),
                    "",
                    "",
                    "",
                    "0",
                    "{}",
                    "0",
                    (START + timedelta(seconds=n)).isoformat(),
                ]
            )
            + "\n"
        )
    out.seek(0)
    return out


def load(gigs: int) -> None:
    sellers = max(gigs // 20, 1)
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE gigs_gig, gigs_seller CASCADE; TRUNCATE gigs_search_lexeme")
        cursor.execute(
            "INSERT INTO gigs_seller (user_id, username, full_name, one_liner, country, ratings_count, rating_total,"
            " changed_at) SELECT n, 'seller' || n, 'Seller ' || n, '', '', 0, 0, now() FROM generate_series(1, %s) n",
            [sellers],
        )
        columns = (
            "seller_id, title, description, category, sub_categories, tags, price, expected_delivery_days, active, "
            "rating_average, ratings_count, created_at, basic_title, basic_description, cover_image, rating_total, "
            "rating_breakdown, open_orders, updated_at"
        )
        rows = gig_rows(gigs, sellers)
        with cursor.cursor.copy(f"COPY gigs_gig ({columns}) FROM STDIN") as copy:
            copy.write(rows.read())
    started = time.perf_counter()
    search.postgres_backend().reindex()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE gigs_gig")
        cursor.execute("ANALYZE gigs_search_lexeme")
    print(f"vectors and lexicon of {gigs} gigs computed in {time.perf_counter() - started:.1f}s")


def timed(run: Callable[[], object], runs: int) -> list[float]:
    run()  # warm the connection and caches once
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        run()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def cases(rng: random.Random) -> dict[str, Callable[[], search.SearchQuery]]:
    def word() -> str:
        return rng.choice(SUBJECTS)

    def typo(text: str) -> str:
        i = rng.randrange(1, len(text) - 1)
        return text[:i] + text[i + 1] + text[i] + text[i + 2 :] if len(text) > 5 else text

    return {
        "text only (2 words)": lambda: search.SearchQuery(q=f"{word()} {word()}"),
        "text with a typo": lambda: search.SearchQuery(
            q=f"{word()} {typo(rng.choice([w for w in SUBJECTS if len(w) > 5]))}"
        ),
        "text + filters": lambda: search.SearchQuery(
            q=f"{word()} {word()}",
            category=rng.choice(CATEGORIES),
            min_price=Decimal(20),
            max_price=Decimal(400),
            max_delivery_days=14,
        ),
        "one broad word + filters": lambda: search.SearchQuery(q=word(), min_price=Decimal(50), max_delivery_days=7),
        "filters only": lambda: search.SearchQuery(category=rng.choice(CATEGORIES), max_price=Decimal(100)),
        "sort by price (text)": lambda: search.SearchQuery(q=word(), sort="price"),
        "sort by price (no text)": lambda: search.SearchQuery(sort="price", page=rng.randrange(1, 50)),
        "newest, page 1": lambda: search.SearchQuery(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gigs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200, help="searches per case")
    parser.add_argument("--keep", action="store_true", help="keep the database (and skip loading when filled)")
    args = parser.parse_args()

    ensure_databases([f"{DB_PREFIX}gigs"])
    try:
        call_command("migrate", verbosity=0)
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM gigs_gig")
            present = cursor.fetchone()[0]
        if present != args.gigs or not args.keep:
            load(args.gigs)
        backend = search.postgres_backend()
        rng = random.Random(7)
        print(f"{'case':<28} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}   (PostgreSQL backend, {args.runs} searches)")
        for name, make in cases(rng).items():
            samples = timed(lambda make=make: backend.search(make()), args.runs)
            p95 = statistics.quantiles(samples, n=20)[-1]
            print(f"{name:<28} {statistics.median(samples):>8.1f} {p95:>8.1f} {max(samples):>8.1f}")
    finally:
        connection.close()
        if not args.keep:
            with connect("postgres") as admin:
                admin.execute(f'DROP DATABASE IF EXISTS "{DB_PREFIX}gigs" WITH (FORCE)')


if __name__ == "__main__":
    main()
