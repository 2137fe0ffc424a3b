"""With ``S3_BUCKET`` set, covers go to S3: proven against moto's real S3-compatible HTTP server."""

import uuid
from collections.abc import Iterator
from typing import Any
from urllib.request import urlopen

import boto3
import pytest
from moto.server import ThreadedMotoServer

from gigs_service.gigs.models import Gig
from gigs_service.tests.factories import image_bytes, upload

pytestmark = pytest.mark.django_db

CREDENTIALS = {"aws_access_key_id": "test-key", "aws_secret_access_key": "test-secret", "region_name": "us-east-1"}


@pytest.fixture
def bucket() -> str:
    # moto keeps its buckets for the whole process: one of its own per test.
    return f"bazaar-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def s3(settings: Any, bucket: str) -> Iterator[Any]:
    """A moto S3 server with an empty bucket, and the storage settings ``S3_BUCKET`` would produce."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, **CREDENTIALS)
    client.create_bucket(Bucket=bucket)
    options = {
        "bucket_name": bucket,
        "location": "gigs",
        "endpoint_url": endpoint,
        "region_name": CREDENTIALS["region_name"],
        "access_key": CREDENTIALS["aws_access_key_id"],
        "secret_key": CREDENTIALS["aws_secret_access_key"],
        "querystring_auth": True,
        "file_overwrite": False,
    }
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options},
    }
    yield client
    server.stop()


def test_a_cover_is_stored_in_the_bucket_and_linked_by_the_storages_url(api_client_as, bob, s3, bucket):
    form = {
        "title": "Logo",
        "description": "A logo",
        "category": "Data",
        "price": "10.00",
        "expected_delivery_days": 2,
        "cover_image": upload("JPEG"),
    }

    response = api_client_as("bob").post("/api/v1/gigs", form, format="multipart")

    assert response.status_code == 201
    name = Gig.objects.get().cover_image.name
    [key] = [item["Key"] for item in s3.list_objects_v2(Bucket=bucket)["Contents"]]
    assert key == f"gigs/{name}"
    url = response.json()["cover_image_url"]
    assert url.startswith(f"{s3.meta.endpoint_url}/{bucket}/gigs/gigs/covers/")
    with urlopen(url, timeout=5) as fetched:
        assert fetched.read() == image_bytes("JPEG")


def test_deleting_the_gig_deletes_the_object(api_client_as, bob, s3, bucket, django_capture_on_commit_callbacks):
    created = api_client_as("bob").post(
        "/api/v1/gigs",
        {
            "title": "L",
            "description": "D",
            "category": "Data",
            "price": "10.00",
            "expected_delivery_days": 2,
            "cover_image": upload(),
        },
        format="multipart",
    )

    with django_capture_on_commit_callbacks(execute=True):
        api_client_as("bob").delete(f"/api/v1/gigs/{created.json()['id']}")

    assert s3.list_objects_v2(Bucket=bucket)["KeyCount"] == 0
