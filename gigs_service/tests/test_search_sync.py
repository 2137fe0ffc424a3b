"""Search follows gig changes: the vector in the same transaction, Elasticsearch after commit."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from gigs_service.gigs import search
from gigs_service.gigs.models import Gig, SearchBacklog
from gigs_service.gigs.search.tasks import sync_backlog, sync_gigs
from gigs_service.tests import search_fixtures
from gigs_service.tests.search_fixtures import make_gig

search_server = search_fixtures.search_server
elasticsearch_url = search_fixtures.elasticsearch_url

pytestmark = pytest.mark.django_db


def es_ids(query: str = "") -> list[int]:
    page = search.backend().search(search.SearchQuery(q=query))
    return [gig.pk for gig in page.gigs]


def test_a_change_rewrites_the_vector_with_its_weights(settings):
    settings.ELASTICSEARCH_URL = ""
    gig = make_gig("Logo", tags=["branding"], description="Vector art.", sub_categories=["Icons"])

    gig.refresh_from_db()

    # Title A; tags and category B; seller username and sub-categories C; description D (unmarked).
    assert gig.search_vector == "'art':7 'bob':4C 'brand':2B 'busi':3B 'icon':5C 'logo':1A 'vector':6"


def test_without_elasticsearch_nothing_is_queued_after_commit(settings, django_capture_on_commit_callbacks):
    settings.ELASTICSEARCH_URL = ""
    with django_capture_on_commit_callbacks() as callbacks:
        make_gig("Logo")

    assert callbacks == []


def test_a_change_queues_the_sync_after_commit(settings, elasticsearch_url, django_capture_on_commit_callbacks):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    with django_capture_on_commit_callbacks() as callbacks:
        gig = make_gig("Logo")

    assert [callback.__qualname__ for callback in callbacks] == [
        "_sync_elasticsearch_after_commit.<locals>.queue_search_sync"
    ]
    assert es_ids("logo") == []
    sync_gigs.apply(args=[[gig.pk]]).get()
    search.elasticsearch_backend().client.indices.refresh(index="bazaar-gigs")
    assert es_ids("logo") == [gig.pk]


def test_the_sync_indexes_the_gig_as_it_is_when_the_task_runs(settings, elasticsearch_url):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    gig = make_gig("Logo", price=Decimal("10.00"))
    Gig.objects.filter(pk=gig.pk).update(active=False)

    sync_gigs.apply(args=[[gig.pk]]).get()
    search.elasticsearch_backend().client.indices.refresh(index="bazaar-gigs")

    assert es_ids("logo") == []


def test_the_sync_removes_a_deleted_gig(settings, elasticsearch_url):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    gig = make_gig("Logo")
    sync_gigs.apply(args=[[gig.pk]]).get()
    gig_id = gig.pk
    gig.delete()

    sync_gigs.apply(args=[[gig_id]]).get()

    assert search.elasticsearch_backend().client.count(index="bazaar-gigs")["count"] == 0


def test_a_sync_that_keeps_failing_fails_the_task_after_its_last_retry(settings):
    # Nothing listens on port 9 (discard): every attempt fails.
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    gig = make_gig("Logo")

    result = sync_gigs.apply(args=[[gig.pk]], retries=sync_gigs.max_retries)

    assert result.failed()


def test_reindex_builds_a_new_index_and_moves_the_alias(settings, elasticsearch_url, capsys):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    kept = make_gig("Logo")
    make_gig("Paused logo", active=False)
    Gig.objects.update(search_vector=None)
    backend = search.elasticsearch_backend()
    backend.ensure_index()
    first = list(backend.client.indices.get_alias(name="bazaar-gigs"))

    call_command("reindex_gigs")

    second = list(backend.client.indices.get_alias(name="bazaar-gigs"))
    said = capsys.readouterr()
    assert said.out == "postgres: 2 gigs indexed\nelasticsearch: 2 gigs indexed\n"
    # Not a terminal: the progress is a few plain lines on stderr (postgres did both gigs in one batch).
    assert [line.split(" done in ")[0] for line in said.err.splitlines()] == [
        "postgres: 2/2",
        "elasticsearch: 1/2 (50%)",
        "elasticsearch: 2/2",
    ]
    assert second != first
    assert not backend.client.indices.exists(index=first[0])
    assert es_ids("logo") == [kept.pk]
    settings.ELASTICSEARCH_URL = ""
    assert es_ids("logo") == [kept.pk]


def test_the_lexicon_learns_every_word(settings):
    settings.ELASTICSEARCH_URL = ""
    make_gig("Calligraphy", seller="bob")

    with connection.cursor() as cursor:
        cursor.execute("SELECT word FROM gigs_search_lexeme WHERE word LIKE 'calligraph%%'")
        assert cursor.fetchall() == [("calligraphi",)]


def test_without_elasticsearch_no_backlog_is_kept(settings):
    settings.ELASTICSEARCH_URL = ""
    make_gig("Logo")

    assert SearchBacklog.objects.count() == 0


def test_a_change_is_in_the_backlog_until_a_sync_indexed_it(settings, elasticsearch_url):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    gig = make_gig("Logo")
    assert list(SearchBacklog.objects.values_list("gig_id", flat=True)) == [gig.pk]

    sync_gigs.apply(args=[[gig.pk]]).get()

    assert SearchBacklog.objects.count() == 0


def test_a_failed_sync_leaves_the_backlog_for_the_sweep(settings, elasticsearch_url):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    gig = make_gig("Logo")
    assert sync_gigs.apply(args=[[gig.pk]], retries=sync_gigs.max_retries).failed()
    assert SearchBacklog.objects.count() == 1

    settings.ELASTICSEARCH_URL = elasticsearch_url
    SearchBacklog.objects.update(queued_at=timezone.now() - timedelta(minutes=1))
    assert sync_backlog.apply().get() == 1

    search.elasticsearch_backend().client.indices.refresh(index="bazaar-gigs")
    assert es_ids("logo") == [gig.pk]
    assert SearchBacklog.objects.count() == 0


def test_the_sweep_leaves_a_fresh_change_to_its_own_task(settings, elasticsearch_url):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    make_gig("Logo")

    assert sync_backlog.apply().get() == 0
    assert SearchBacklog.objects.count() == 1


def test_a_change_queued_while_a_sync_ran_stays_in_the_backlog(settings, elasticsearch_url):
    settings.ELASTICSEARCH_URL = elasticsearch_url
    gig = make_gig("Logo")
    SearchBacklog.objects.update(queued_at=timezone.now() + timedelta(seconds=5))

    sync_gigs.apply(args=[[gig.pk]]).get()

    assert SearchBacklog.objects.count() == 1


def test_the_beat_sweeps_the_backlog_every_minute(settings):
    assert settings.CELERY_BEAT_SCHEDULE["gigs-sync-search-backlog"] == {
        "task": "gigs.search.sync_backlog",
        "schedule": 60.0,
    }
