"""``DELETE /api/v1/gigs/{id}``: the seller deletes their gig, unless orders of it are open."""

import pytest

from common.events.catalog.gigs import GigDeleted
from common.testing.client import GatewayClient
from gigs_service.gigs import images
from gigs_service.gigs.models import Gig
from gigs_service.tests.conftest import published_types, stored_files
from gigs_service.tests.factories import GigFactory, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def gig(bob) -> Gig:
    return GigFactory(seller=bob)


def delete(client, gig):
    return client.delete(f"/api/v1/gigs/{gig.pk}")


def test_the_seller_deletes_the_gig_and_it_is_announced(api_client_as, events, gig):
    response = delete(api_client_as("bob"), gig)

    assert response.status_code == 204
    assert Gig.objects.count() == 0
    [event] = events.published(GigDeleted)
    assert (event.gig_id, event.seller_id) == (gig.pk, 1002)


def test_the_cover_file_is_deleted_after_the_commit(api_client_as, gig, media_root, django_capture_on_commit_callbacks):
    gig.cover_image = images.store(images.check(upload()))
    gig.save()

    with django_capture_on_commit_callbacks(execute=True):
        delete(api_client_as("bob"), gig)

    assert stored_files(media_root) == []


def test_a_gig_with_open_orders_cannot_be_deleted(api_client_as, gig):
    Gig.objects.filter(pk=gig.pk).update(open_orders=1)

    response = delete(api_client_as("bob"), gig)

    assert response.status_code == 409
    assert response.json()["code"] == "gig_has_open_orders"
    assert (Gig.objects.count(), published_types()) == (1, [])


def test_another_seller_gets_a_404_and_the_gig_stays(api_client_as, gig, charlie):
    response = delete(api_client_as("charlie"), gig)

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert (Gig.objects.count(), published_types()) == (1, [])


def test_a_buyer_gets_a_404(api_client_as, gig):
    assert delete(api_client_as("alice"), gig).status_code == 404


def test_an_anonymous_request_is_refused(api_client, gig):
    response = delete(api_client, gig)

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert Gig.objects.count() == 1


def test_a_request_without_the_gateway_signature_is_refused(token_for, gig):
    response = delete(GatewayClient(token=token_for("bob"), signed=False), gig)

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
    assert Gig.objects.count() == 1
