"""``POST /api/v1/orders/{id}/deliver``: the seller delivers a message and files (checked like chat attachments)."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from common.events.catalog.orders import OrderDelivered
from orders_service.orders.models import DeliveryFile, Order
from orders_service.tests.conftest import ORDERS, published_types

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32


def deliver(client, order, **fields):
    return client.post(f"{ORDERS}/{order.pk}/deliver", fields, format="multipart")


def test_the_seller_delivers_with_files(api_client_as, order_in, events):
    order = order_in("in_progress")
    files = [SimpleUploadedFile("logo.png", PNG, "image/png"), SimpleUploadedFile("notes.txt", b"Two colours")]

    response = deliver(api_client_as("bob"), order, message="Here it is", files=files)

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "delivered"
    [delivery] = body["deliveries"]
    assert delivery["message"] == "Here it is"
    assert [(f["name"], f["content_type"], f["size"]) for f in delivery["files"]] == [
        ("logo.png", "image/png", len(PNG)),
        ("notes.txt", "text/plain", 11),
    ]
    stored = DeliveryFile.objects.get(name="logo.png")
    assert default_storage.open(stored.path).read() == PNG
    [event] = events.published(OrderDelivered)
    assert (event.order_id, event.status, event.message) == (order.pk, "delivered", "Here it is")
    assert Order.objects.get().delivered_at is not None


def test_both_parties_download_a_delivered_file_and_a_stranger_cannot(api_client_as, order_in):
    order = order_in("in_progress")
    body = deliver(api_client_as("bob"), order, message="Done", files=[SimpleUploadedFile("a.png", PNG)]).json()
    url = body["deliveries"][0]["files"][0]["url"]

    alice = api_client_as("alice").get(url)

    assert alice.status_code == 200
    assert b"".join(alice.streaming_content) == PNG
    assert alice["Content-Type"] == "image/png"
    assert api_client_as("mallory").get(url).status_code == 404


def test_the_type_is_sniffed_not_taken_from_the_name(api_client_as, order_in):
    order = order_in("in_progress")

    response = deliver(
        api_client_as("bob"),
        order,
        message="x",
        files=[SimpleUploadedFile("a.pdf", b"\x00\x01binary", "application/pdf")],
    )

    assert response.status_code == 415
    assert response.json()["code"] == "unsupported_file_type"
    assert Order.objects.get().status == "in_progress"
    assert published_types() == []


def test_a_file_over_the_limit_is_a_413(api_client_as, order_in, settings):
    settings.MAX_UPLOAD_BYTES = 10
    order = order_in("in_progress")

    response = deliver(api_client_as("bob"), order, message="x", files=[SimpleUploadedFile("a.txt", b"x" * 11)])

    assert response.status_code == 413
    assert response.json()["code"] == "file_too_large"
    assert not DeliveryFile.objects.exists()
    assert published_types() == []


def test_a_message_is_required(api_client_as, order_in):
    order = order_in("in_progress")

    response = deliver(api_client_as("bob"), order)

    assert response.status_code == 400
    assert response.json()["fields"] == {"message": ["This field is required."]}
    assert published_types() == []


def test_the_seller_may_deliver_again_after_a_revision(api_client_as, order_in):
    order = order_in("in_progress")
    deliver(api_client_as("bob"), order, message="First")
    api_client_as("alice").post(f"{ORDERS}/{order.pk}/request-revision", {"message": "Bigger"}, format="json")

    response = deliver(api_client_as("bob"), order, message="Second")

    assert response.status_code == 200
    assert [d["message"] for d in response.json()["deliveries"]] == ["First", "Second"]
