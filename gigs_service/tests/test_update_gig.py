"""``PATCH /api/v1/gigs/{id}``: the seller edits, pauses, resumes their gig and replaces its cover."""

import pytest

from common.events.catalog.gigs import GigUpdated
from common.testing.client import GatewayClient
from gigs_service.gigs import images
from gigs_service.gigs.models import Gig
from gigs_service.tests.conftest import published_types, send_json, stored_files
from gigs_service.tests.factories import GigFactory, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def gig(bob) -> Gig:
    return GigFactory(seller=bob, title="I will design a logo", price="25.00")


def patch(client, gig, body):
    return send_json(client, "PATCH", f"/api/v1/gigs/{gig.pk}", body)


def test_the_seller_edits_some_fields_and_the_others_stay(api_client_as, gig):
    response = patch(api_client_as("bob"), gig, {"title": "I will design two logos", "price": "40.00"})

    assert response.status_code == 200
    assert (response.json()["title"], response.json()["price"]) == ("I will design two logos", "40.00")
    gig.refresh_from_db()
    assert (gig.title, str(gig.price), gig.description, gig.tags) == (
        "I will design two logos",
        "40.00",
        "A clean, modern logo with three revisions.",
        ["logo", "branding"],
    )


def test_an_edit_publishes_the_whole_new_state(api_client_as, events, gig):
    patch(api_client_as("bob"), gig, {"price": "40.00"})

    [event] = events.published(GigUpdated)
    gig.refresh_from_db()
    assert (event.gig_id, event.title, str(event.price), event.active, event.changed_at) == (
        gig.pk,
        "I will design a logo",
        "40.00",
        True,
        gig.updated_at,
    )


def test_an_edit_of_a_field_the_event_does_not_carry_still_publishes(api_client_as, events, gig):
    patch(api_client_as("bob"), gig, {"tags": ["vector"]})

    assert len(events.published(GigUpdated)) == 1
    assert Gig.objects.get().tags == ["vector"]


def test_active_false_pauses_and_active_true_resumes(api_client_as, events, gig):
    client = api_client_as("bob")

    paused = patch(client, gig, {"active": False})
    resumed = patch(client, gig, {"active": True})

    assert (paused.json()["active"], resumed.json()["active"]) == (False, True)
    assert [event.active for event in events.published(GigUpdated)] == [False, True]


def test_a_patch_that_changes_nothing_publishes_nothing(api_client_as, gig):
    response = patch(api_client_as("bob"), gig, {"title": "I will design a logo", "active": True})

    assert response.status_code == 200
    assert published_types() == []


def test_a_new_cover_replaces_the_old_one_and_the_old_file_goes_after_commit(
    api_client_as, gig, media_root, django_capture_on_commit_callbacks
):
    client = api_client_as("bob")
    client.patch(f"/api/v1/gigs/{gig.pk}", {"cover_image": upload("PNG")}, format="multipart")
    [first] = stored_files(media_root)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.patch(f"/api/v1/gigs/{gig.pk}", {"cover_image": upload("WEBP")}, format="multipart")

    [second] = stored_files(media_root)
    assert second != first and second.endswith(".webp")
    assert response.json()["cover_image_url"] == f"https://bazaar.test/api/v1/media/{second}"


def test_cover_image_null_removes_the_cover(api_client_as, gig, media_root, django_capture_on_commit_callbacks):
    gig.cover_image = images.store(images.check(upload()))
    gig.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = patch(api_client_as("bob"), gig, {"cover_image": None})

    assert response.json()["cover_image_url"] is None
    assert stored_files(media_root) == []


def test_a_multipart_edit_takes_lists_as_repeated_keys(api_client_as, gig):
    response = api_client_as("bob").patch(f"/api/v1/gigs/{gig.pk}", {"tags": ["seo", "wordpress"]}, format="multipart")

    assert response.status_code == 200
    assert Gig.objects.get().tags == ["seo", "wordpress"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", ""),
        ("category", "Cooking"),
        ("price", "4.99"),
        ("expected_delivery_days", 366),
        ("tags", [f"t{n}" for n in range(11)]),
        ("active", "maybe"),
        ("seller", 1003),
    ],
)
def test_an_invalid_field_is_named_and_nothing_changes(api_client_as, gig, field, value):
    response = patch(api_client_as("bob"), gig, {field: value})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == [field]
    assert Gig.objects.get().title == "I will design a logo"
    assert published_types() == []


def test_an_unsupported_new_cover_keeps_the_old_one(api_client_as, gig, media_root):
    response = api_client_as("bob").patch(f"/api/v1/gigs/{gig.pk}", {"cover_image": upload("GIF")}, format="multipart")

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_image_type"
    assert (Gig.objects.get().cover_image.name, stored_files(media_root), published_types()) == ("", [], [])


def test_another_seller_gets_a_404_and_nothing_changes_nor_is_stored(api_client_as, gig, charlie, media_root):
    response = api_client_as("charlie").patch(
        f"/api/v1/gigs/{gig.pk}", {"title": "Mine now", "cover_image": upload()}, format="multipart"
    )

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert (Gig.objects.get().title, stored_files(media_root), published_types()) == ("I will design a logo", [], [])


def test_an_unknown_gig_is_a_404(api_client_as, bob):
    response = send_json(api_client_as("bob"), "PATCH", "/api/v1/gigs/999999", {"title": "x"})

    assert response.status_code == 404


def test_an_anonymous_request_is_refused(api_client, gig):
    response = patch(api_client, gig, {"title": "Anonymous"})

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_request_without_the_gateway_signature_is_refused(token_for, gig):
    response = patch(GatewayClient(token=token_for("bob"), signed=False), gig, {"title": "Direct"})

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert Gig.objects.get().title == "I will design a logo"
