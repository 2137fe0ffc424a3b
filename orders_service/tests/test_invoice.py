"""``GET /api/v1/orders/{id}/invoice``: the order's invoice as PDF, for its parties."""

import pytest

from orders_service.tests.conftest import ORDERS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("party", ["alice", "bob"])
def test_a_party_downloads_the_invoice_as_pdf(api_client_as, order_in, party):
    order = order_in("completed")

    response = api_client_as(party).get(f"{ORDERS}/{order.pk}/invoice", HTTP_ACCEPT="application/pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert f'filename="invoice-{order.pk}.pdf"' in response["Content-Disposition"]


def test_a_title_outside_latin_1_still_renders(api_client_as, order_in):
    order = order_in("in_progress")
    order.gig_title = "Logo — 设计"
    order.save()

    response = api_client_as("alice").get(f"{ORDERS}/{order.pk}/invoice")

    assert response.content.startswith(b"%PDF")


def test_a_stranger_gets_a_404(api_client_as, order_in):
    response = api_client_as("mallory").get(f"{ORDERS}/{order_in('completed').pk}/invoice")

    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


def test_anonymous_gets_a_401(api_client, order_in):
    assert api_client.get(f"{ORDERS}/{order_in('completed').pk}/invoice").status_code == 401


def test_without_gateway_signature_gets_a_401(unsigned_client, order_in):
    response = unsigned_client.get(f"{ORDERS}/{order_in('completed').pk}/invoice")

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"
