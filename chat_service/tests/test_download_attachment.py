"""``GET /api/v1/messages/{id}/attachment``: the file, as a download, for the two parties only."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from chat_service.tests.factories import message

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n" + b"0" * 2000


@pytest.fixture
def with_attachment(users):
    path = default_storage.save("chat/attachments/0f3a.pdf", ContentFile(PDF))
    return message(
        users["alice"],
        users["bob"],
        body="The brief",
        attachment_path=path,
        attachment_name="Brief für Bob.pdf",
        attachment_size=len(PDF),
        attachment_content_type="application/pdf",
    )


def url(message_id: int) -> str:
    return f"/api/v1/messages/{message_id}/attachment"


@pytest.mark.parametrize("party", ["alice", "bob"])
def test_both_parties_download_the_file_under_its_original_name(api_client_as, with_attachment, party):
    response = api_client_as(party).get(url(with_attachment.pk))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Length"] == str(len(PDF))
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''Brief%20f%C3%BCr%20Bob.pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_client_asking_for_any_type_still_gets_the_file(api_client_as, with_attachment):
    response = api_client_as("bob").get(url(with_attachment.pk), HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200


def test_a_stranger_gets_a_404(api_client_as, with_attachment):
    response = api_client_as("mallory").get(url(with_attachment.pk))

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_a_message_without_attachment_is_a_404(api_client_as, users):
    plain = message(users["alice"], users["bob"])

    response = api_client_as("alice").get(url(plain.pk))

    assert response.status_code == 404


def test_an_unknown_message_is_a_404(api_client_as, users):
    assert api_client_as("alice").get(url(999999)).status_code == 404


def test_an_anonymous_request_is_refused(api_client, with_attachment):
    response = api_client.get(url(with_attachment.pk))

    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_request_without_the_gateway_signature_is_refused(unsigned_client, with_attachment):
    response = unsigned_client.get(url(with_attachment.pk))

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
