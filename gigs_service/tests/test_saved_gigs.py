"""``/api/v1/favourites``: a signed-in user saves gigs, lists them and removes them."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from gigs_service.gigs.models import Gig, SavedGig
from gigs_service.tests.factories import GigFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/favourites"


def one(gig: Gig) -> str:
    return f"{LIST}/{gig.pk}"


@pytest.fixture
def gig(bob) -> Gig:
    return GigFactory(seller=bob, title="I will paint your cat")


def test_alice_saves_a_gig(api_client_as, gig):
    response = api_client_as("alice").put(one(gig))

    assert response.status_code == 201
    body = response.json()
    assert (body["gig"]["id"], body["gig"]["title"], body["gig"]["seller"]["username"]) == (
        gig.pk,
        "I will paint your cat",
        "bob",
    )
    saved = SavedGig.objects.get()
    assert (saved.user_id, saved.gig_id) == (1001, gig.pk)
    assert body["saved_at"] is not None


def test_saving_twice_keeps_the_first_save(api_client_as, gig):
    first = api_client_as("alice").put(one(gig)).json()

    again = api_client_as("alice").put(one(gig))

    assert again.status_code == 200
    assert again.json()["saved_at"] == first["saved_at"]
    assert SavedGig.objects.count() == 1


def test_the_list_shows_the_last_saved_first(api_client_as, bob):
    older, newer = GigFactory(seller=bob), GigFactory(seller=bob)
    SavedGig.objects.create(user_id=1001, gig=older, saved_at=timezone.now() - timedelta(hours=1))
    SavedGig.objects.create(user_id=1001, gig=newer)

    response = api_client_as("alice").get(LIST)

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["next"], body["previous"]) == (2, None, None)
    assert [item["gig"]["id"] for item in body["results"]] == [newer.pk, older.pk]


def test_the_list_is_paged_like_the_others(api_client_as, bob):
    for _ in range(3):
        SavedGig.objects.create(user_id=1001, gig=GigFactory(seller=bob))

    body = api_client_as("alice").get(LIST, {"page_size": 2}).json()

    assert (body["count"], len(body["results"]), body["next"] is not None) == (3, 2, True)


def test_each_user_sees_only_their_own_saves(api_client_as, gig):
    api_client_as("alice").put(one(gig))

    assert api_client_as("mallory").get(LIST).json()["count"] == 0


def test_removing_a_saved_gig_takes_it_off_the_list(api_client_as, gig):
    api_client_as("alice").put(one(gig))

    response = api_client_as("alice").delete(one(gig))

    assert response.status_code == 204
    assert api_client_as("alice").get(LIST).json()["count"] == 0


def test_removing_a_gig_that_is_not_saved_is_no_error(api_client_as, gig):
    assert api_client_as("alice").delete(one(gig)).status_code == 204


def test_removing_leaves_other_users_saves_alone(api_client_as, gig):
    api_client_as("alice").put(one(gig))
    api_client_as("mallory").put(one(gig))

    api_client_as("mallory").delete(one(gig))

    assert list(SavedGig.objects.values_list("user_id", flat=True)) == [1001]


def test_a_paused_gig_leaves_the_list_and_comes_back_when_resumed(api_client_as, gig):
    api_client_as("alice").put(one(gig))

    Gig.objects.filter(pk=gig.pk).update(active=False)
    assert api_client_as("alice").get(LIST).json()["count"] == 0

    Gig.objects.filter(pk=gig.pk).update(active=True)
    assert api_client_as("alice").get(LIST).json()["count"] == 1


def test_a_deleted_gig_is_gone_from_every_list(api_client_as, gig):
    api_client_as("alice").put(one(gig))

    assert api_client_as("bob").delete(f"/api/v1/gigs/{gig.pk}").status_code == 204

    assert (api_client_as("alice").get(LIST).json()["count"], SavedGig.objects.count()) == (0, 0)


def test_an_unknown_gig_cannot_be_saved(api_client_as):
    response = api_client_as("alice").put(f"{LIST}/999999")

    assert response.status_code == 404
    assert SavedGig.objects.count() == 0


def test_someone_elses_paused_gig_cannot_be_saved(api_client_as, bob):
    paused = GigFactory(seller=bob, active=False)

    assert api_client_as("alice").put(one(paused)).status_code == 404
    assert SavedGig.objects.count() == 0


@pytest.mark.parametrize("method", ["get", "put", "delete"])
def test_an_anonymous_request_is_refused(api_client, gig, method):
    path = LIST if method == "get" else one(gig)

    response = getattr(api_client, method)(path)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, gig):
    response = unsigned_client.put(one(gig))

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert SavedGig.objects.count() == 0


def test_the_database_itself_keeps_one_save_per_user_and_gig(gig):
    SavedGig.objects.create(user_id=1001, gig=gig)

    with pytest.raises(IntegrityError), transaction.atomic():
        SavedGig.objects.create(user_id=1001, gig=gig)
