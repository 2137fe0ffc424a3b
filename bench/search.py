#!/usr/bin/env python
"""Benchmark: gig search latency over 100,000 gigs, directly and through the gateway.

    .venv/bin/python bench/search.py [--gigs 100000] [--runs 200] [--keep] [--no-gateway] [--max-load 1.5]

Creates its own ``bazaar_bench_search_gigs`` database (migrated, dropped again unless
``--keep``), bulk-inserts gigs whose titles, tags and descriptions are drawn from a fixed
vocabulary and computes their vectors and lexicon in SQL (``PostgresBackend.reindex``).

Then, for each case (text only, typo, text + filters, one broad word, filters only, sort by
price, newest), it draws ``--runs`` searches and times the same ones twice:

- **direct**: ``search.backend().search(...)`` in this process, the PostgreSQL backend as
  the view calls it (queries only, no HTTP, no serialization);
- **gateway**: ``GET /api/v1/gigs?...`` over one keep-alive ``httpx`` client, through the
  gateway and the gigs web process as the fleet runs them. They are started with
  ``python -m common.fleet.up --only gateway,gigs --no-workers`` on ports of their own
  (``FLEET_PORT_OFFSET=22000``), on the bench database, Redis database 7 (emptied), the
  RabbitMQ vhost ``bazaar_bench_search`` (made empty), ``DJANGO_DEBUG=false`` and rate limits
  raised for the run; stopped at the end.

Prints p50/p95 per case and path, with the load average. ``--max-load`` waits (up to
10 minutes) until the 1-minute load average is below it before timing, so figures are taken
on a quiet machine. Target: p95 under 50 ms directly for text + filters.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import types
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Protocol

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DB_PREFIX = "bazaar_bench_search_"
DATABASE = f"{DB_PREFIX}gigs"
FLEET_ONLY = "gateway,gigs"
PORT_OFFSET = 22000  # below the ephemeral port range, like the e2e fleet
REDIS_URL = "redis://127.0.0.1:6379/7"
VHOST = "bazaar_bench_search"
READY_LINE = "Bazaar is up"
TARGET_DIRECT_P95 = 50.0
TARGET_GATEWAY_P95 = 60.0
# The gigs web process and the gateway as production runs them (with the fleet's log level:
# the relay says it is ready at INFO), on the bench's database; one
# client at 127.0.0.1 sends every search, so the per-IP budget is raised for the run.
FLEET_ENV = {
    "BAZAAR_ENV": "local",
    "DJANGO_DEBUG": "false",
    "POSTGRES_DB_PREFIX": DB_PREFIX,
    "FLEET_PORT_OFFSET": str(PORT_OFFSET),
    "REDIS_URL": REDIS_URL,
    "ELASTICSEARCH_URL": "",
    "RATE_LIMIT_PER_IP": "1000000",
    "RATE_LIMIT_PER_USER": "1000000",
}
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


class Backend(Protocol):
    def search(self, query: search.SearchQuery) -> search.SearchPage: ...


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
        # The load writes every gig twice (COPY, then its vector): the first versions leave
        # the first half of the table empty. The service writes gigs one by one, and VACUUM
        # lets new gigs reuse such space: compact the table as that would keep it, then
        # VACUUM again for the visibility map (index-only counts).
        cursor.execute("VACUUM FULL gigs_gig")
        cursor.execute("VACUUM ANALYZE gigs_gig")
        cursor.execute("ANALYZE gigs_seller")
        cursor.execute("ANALYZE gigs_search_lexeme")
    print(f"vectors and lexicon of {gigs} gigs computed in {time.perf_counter() - started:.1f}s")


# --- the gateway and the gigs web process ---------------------------------------------------


@dataclass
class Fleet:
    """``python -m common.fleet.up`` running in the background; what it printed goes to a log file."""

    process: subprocess.Popen[str]
    log_path: Path
    ready: threading.Event

    @property
    def gateway_url(self) -> str:
        return f"http://127.0.0.1:{8000 + PORT_OFFSET}"

    def stop(self) -> None:
        """SIGTERM, as Ctrl-C would: the runner stops its children."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(60)
            except subprocess.TimeoutExpired:
                self.process.kill()


def _pump(fleet: Fleet) -> None:
    assert fleet.process.stdout is not None
    with fleet.log_path.open("w") as out:
        for line in fleet.process.stdout:
            out.write(line)
            out.flush()
            if READY_LINE in line:
                fleet.ready.set()


@contextmanager
def gateway_and_gigs(timeout: float = 300) -> Iterator[Fleet]:
    """The gateway and the gigs web process (with its relay, no worker) on the bench database."""
    import redis

    from common.testing.broker import fresh_vhost

    redis.Redis.from_url(REDIS_URL).flushdb()
    # This process's settings module must not leak into the gateway's.
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.update(FLEET_ENV, RABBITMQ_URL=fresh_vhost(VHOST))
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        process = subprocess.Popen(
            [sys.executable, "-m", "common.fleet.up", "--only", FLEET_ONLY, "--no-workers"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        fleet = Fleet(process, Path(tmp) / "fleet.log", threading.Event())
        threading.Thread(target=_pump, args=(fleet,), daemon=True).start()
        print(f"starting {FLEET_ONLY} on port offset {PORT_OFFSET} ...", file=sys.stderr)
        try:
            deadline = time.monotonic() + timeout
            while not fleet.ready.wait(0.5):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("the fleet did not start:\n" + fleet.log_path.read_text()[-4000:])
            yield fleet
        finally:
            fleet.stop()


# --- the searches -------------------------------------------------------------------------------


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
        "several words (3)": lambda: search.SearchQuery(q=f"{word()} {word()} {word()}"),
        "one broad word": lambda: search.SearchQuery(q=word()),
        "one broad word + filters": lambda: search.SearchQuery(q=word(), min_price=Decimal(50), max_delivery_days=7),
        "filters only": lambda: search.SearchQuery(category=rng.choice(CATEGORIES), max_price=Decimal(100)),
        "sort by price (text)": lambda: search.SearchQuery(q=word(), sort="price"),
        "sort by rating (text)": lambda: search.SearchQuery(q=word(), sort="rating"),
        "sort by price (no text)": lambda: search.SearchQuery(sort="price", page=rng.randrange(1, 50)),
        "newest, page 1": lambda: search.SearchQuery(),
    }


def query_string(query: search.SearchQuery) -> dict[str, str]:
    """The ``GET /api/v1/gigs`` parameters asking for ``query``."""
    fields = {
        "q": query.q,
        "category": query.category,
        "min_price": query.min_price,
        "max_price": query.max_price,
        "max_delivery_days": query.max_delivery_days,
        "sort": query.sort,
        "page": query.page if query.page > 1 else None,
    }
    return {name: str(value) for name, value in fields.items() if value not in (None, "")}


def timed(run: Callable[[search.SearchQuery], int], queries: list[search.SearchQuery]) -> tuple[list[float], list[int]]:
    """Milliseconds per search and the count each answered; the first query once more beforehand, to warm up."""
    run(queries[0])
    samples, counts = [], []
    for query in queries:
        started = time.perf_counter()
        counts.append(run(query))
        samples.append((time.perf_counter() - started) * 1000)
    return samples, counts


def timed_side_by_side(
    reference: Backend, candidate: Backend, queries: list[search.SearchQuery]
) -> tuple[list[float], list[float], list[search.SearchPage]]:
    """Each search by both backends in turn (who goes first alternates), and the candidate's pages.

    Fails when a page's gigs differ, or a count the candidate calls exact differs.
    """
    reference.search(queries[0])
    candidate.search(queries[0])
    ref_samples, samples, pages = [], [], []
    for n, query in enumerate(queries):
        answers = {}
        for backend in (reference, candidate) if n % 2 else (candidate, reference):
            started = time.perf_counter()
            answers[id(backend)] = backend.search(query)
            (ref_samples if backend is reference else samples).append((time.perf_counter() - started) * 1000)
        old, new = answers[id(reference)], answers[id(candidate)]
        if [gig.pk for gig in old.gigs] != [gig.pk for gig in new.gigs] or (
            not new.count_is_estimate and new.count != old.count
        ):
            raise SystemExit(f"{query}: the candidate answered another page than the reference")
        pages.append(new)
    return ref_samples, samples, pages


def p50_p95(samples: list[float]) -> tuple[float, float]:
    return statistics.median(samples), statistics.quantiles(samples, n=20)[-1]


def wait_for_quiet(max_load: float, timeout: float = 600) -> None:
    """Wait until the 1-minute load average is below ``max_load`` (others may be running tests)."""
    deadline = time.monotonic() + timeout
    while (load := os.getloadavg()[0]) >= max_load:
        if time.monotonic() > deadline:
            print(f"warning: load average still {load:.2f} after {timeout:.0f}s; timing anyway", file=sys.stderr)
            return
        print(f"load average {load:.2f} >= {max_load}: waiting ...", file=sys.stderr)
        time.sleep(15)


def reference_backend(revision: str) -> Backend:
    """The PostgreSQL backend as ``revision`` had it (its module from git), on this process's database."""
    source = subprocess.run(
        ["git", "show", f"{revision}:gigs_service/gigs/search/postgres.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType("bench_reference_postgres")
    exec(compile(source, f"{revision}:postgres.py", "exec"), module.__dict__)
    backend: Backend = module.PostgresBackend()
    return backend


@dataclass
class Row:
    """One case's figures in one round (milliseconds)."""

    matches: float
    estimated: bool
    direct: tuple[float, float]
    reference: tuple[float, float] | None
    gateway: tuple[float, float] | None


def measure(runs: int, gateway_url: str | None, reference: Backend | None, seed: int) -> dict[str, Row]:
    """Time every case directly (beside the reference, interleaved) and, given a gateway, over HTTP."""
    import httpx

    backend = search.postgres_backend()
    rng = random.Random(seed)
    http = httpx.Client(base_url=gateway_url, timeout=30) if gateway_url else None

    def direct(query: search.SearchQuery) -> int:
        return backend.search(query).count

    def through_gateway(query: search.SearchQuery) -> int:
        assert http is not None
        response = http.get("/api/v1/gigs", params=query_string(query))
        if response.status_code != 200:
            raise SystemExit(f"GET /api/v1/gigs?{query_string(query)} answered {response.status_code}: {response.text}")
        return int(response.json()["count"])

    workload = {name: [make() for _ in range(runs)] for name, make in cases(rng).items()}
    if http is not None:
        # Every gunicorn thread opens its database connection on its first request.
        for queries in workload.values():
            for query in queries[:10]:
                through_gateway(query)
    rows = {}
    for name, queries in workload.items():
        if reference is not None:
            ref_samples, samples, pages = timed_side_by_side(reference, backend, queries)
            counts = [page.count for page in pages]
            estimated = any(page.count_is_estimate for page in pages)
        else:
            samples, counts = timed(direct, queries)
            ref_samples, estimated = [], False
        http_samples = None
        if http is not None:
            http_samples, http_counts = timed(through_gateway, queries)
            if http_counts != counts and not estimated:
                raise SystemExit(f"{name}: the gateway answered other counts than the backend")
        rows[name] = Row(
            matches=statistics.median(counts),
            estimated=estimated,
            direct=p50_p95(samples),
            reference=p50_p95(ref_samples) if ref_samples else None,
            gateway=p50_p95(http_samples) if http_samples else None,
        )
    return rows


def report(rounds: list[dict[str, Row]], runs: int) -> None:
    """Medians over the rounds of each figure, with the reference's and the verdict against the targets."""
    first = rounds[0]
    has_ref = first[next(iter(first))].reference is not None
    has_gateway = first[next(iter(first))].gateway is not None
    header = f"{'case':<26} {'matches':>9}"
    if has_ref:
        header += f" {'ref p50':>8} {'ref p95':>8}"
    header += f" {'p50':>7} {'p95':>7}"
    if has_ref:
        header += f" {'p95/ref':>7}"
    if has_gateway:
        header += f" {'gw p50':>7} {'gw p95':>7}"
    print(f"\n{header}  target   (ms; {runs} searches per case, medians of {len(rounds)} rounds)")

    def median(pick: Callable[[Row], float]) -> float:
        return statistics.median(pick(r[name]) for r in rounds)

    for name in first:
        direct95 = median(lambda row: row.direct[1])
        line = f"{name:<26} {median(lambda row: row.matches):>8.0f}{'~' if first[name].estimated else ' '}"
        if has_ref:
            line += f" {median(lambda row: row.reference[0]):>8.1f} {median(lambda row: row.reference[1]):>8.1f}"  # type: ignore[index]
        line += f" {median(lambda row: row.direct[0]):>7.1f} {direct95:>7.1f}"
        if has_ref:
            line += f" {direct95 / median(lambda row: row.reference[1]):>6.0%}"  # type: ignore[index]
        verdict = "ok" if direct95 <= TARGET_DIRECT_P95 else "OVER"
        if has_gateway:
            gateway95 = median(lambda row: row.gateway[1])  # type: ignore[index]
            line += f" {median(lambda row: row.gateway[0]):>7.1f} {gateway95:>7.1f}"  # type: ignore[index]
            if gateway95 > TARGET_GATEWAY_P95:
                verdict = "OVER"
        print(line + f"  {verdict}")
    print(
        f"targets: p95 <= {TARGET_DIRECT_P95:.0f} ms directly, <= {TARGET_GATEWAY_P95:.0f} ms through the gateway;"
        " ~ = the count is an estimate past the exact threshold"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gigs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=200, help="searches per case")
    parser.add_argument("--keep", action="store_true", help="keep the database (and skip loading when filled)")
    parser.add_argument("--no-gateway", action="store_true", help="time the backend directly only")
    parser.add_argument("--max-load", type=float, default=0.0, help="wait for a 1-minute load average below this")
    parser.add_argument("--rounds", type=int, default=3, help="measure this many times; medians are reported")
    parser.add_argument(
        "--reference", metavar="REV", help="also time the PostgreSQL backend of this git revision, interleaved"
    )
    args = parser.parse_args()

    from tests.reliability.harness import exclusive_use

    with exclusive_use(DB_PREFIX):
        ensure_databases([DATABASE])
        try:
            call_command("migrate", verbosity=0)
            with connection.cursor() as cursor:
                cursor.execute("SELECT count(*) FROM gigs_gig")
                present = cursor.fetchone()[0]
            if present != args.gigs or not args.keep:
                load(args.gigs)
            with nullcontext() if args.no_gateway else gateway_and_gigs() as fleet:
                reference = reference_backend(args.reference) if args.reference else None
                rounds = []
                for n in range(args.rounds):
                    if args.max_load:
                        wait_for_quiet(args.max_load)
                    load_before = os.getloadavg()[0]
                    rounds.append(measure(args.runs, fleet.gateway_url if fleet else None, reference, seed=7 + n))
                    print(f"round {n + 1}: load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")
                report(rounds, args.runs)
        finally:
            connection.close()
            if not args.keep:
                with connect("postgres") as admin:
                    admin.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


if __name__ == "__main__":
    main()
