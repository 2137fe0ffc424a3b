"""Buying a gig's package: priced, timed and given its revisions from orders' copy of the gig's packages."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from common.events.catalog.orders import OrderPlaced
from orders_service.orders.models import Order, Payment
from orders_service.tests import localstripe
from orders_service.tests.conftest import ORDERS, post, published_types, snapshot
from orders_service.tests.factories import AcceptedOfferFactory, GigFactory, OrderFactory, PaymentFactory

pytestmark = pytest.mark.django_db
INTENT = f"{ORDERS}/payment-intent"
PACKAGES = [
    {"tier": "basic", "title": "One", "description": "", "price": "120.00", "delivery_days": 5, "revisions": None},
    {"tier": "standard", "title": "Three", "description": "", "price": "200.00", "delivery_days": 3, "revisions": 1},
    {"tier": "premium", "title": "All", "description": "", "price": "350.00", "delivery_days": 2, "revisions": 4},
]


@pytest.fixture
def three_packages(db):
    """bob's gig 501 in three packages, as ``gigs.gig.*`` v2 copied it."""
    return GigFactory(gig_id=501, title="Logo design", price="120.00", expected_delivery_days=5, packages=PACKAGES)


def test_the_standard_package_is_priced_from_its_own_price(api_client_as, three_packages, stripe_client):
    response = post(api_client_as("alice"), INTENT, {"gig_id": 501, "package": "standard"})

    assert response.status_code == 201
    body = response.json()
    assert (body["package"], body["price"], body["service_fee"], body["total"]) == (
        "standard",
        "200.00",
        "11.00",
        "211.00",
    )
    assert (body["delivery_days"], body["revisions"]) == (3, 1)
    payment = Payment.objects.get()
    assert (payment.package, payment.price, payment.delivery_days, payment.revisions) == (
        "standard",
        Decimal("200.00"),
        3,
        1,
    )
    intent = stripe_client.v1.payment_intents.retrieve(body["payment_intent_id"])
    assert (intent.amount, intent.metadata["package"]) == (21100, "standard")


def test_without_a_package_the_buyer_gets_the_basic_one(api_client_as, three_packages):
    body = post(api_client_as("alice"), INTENT, {"gig_id": 501}).json()

    assert (body["package"], body["price"], body["delivery_days"], body["revisions"]) == ("basic", "120.00", 5, None)


def test_a_gig_copied_before_packages_sells_its_price_as_the_basic_package(api_client_as, bobs_gig):
    body = post(api_client_as("alice"), INTENT, {"gig_id": 501, "package": "basic"}).json()

    assert (body["package"], body["price"], body["delivery_days"], body["revisions"]) == ("basic", "120.00", 5, None)


def test_a_package_the_gig_does_not_offer_is_refused_before_the_provider_is_asked(api_client_as, bobs_gig):
    response = post(api_client_as("alice"), INTENT, {"gig_id": 501, "package": "premium"})

    assert response.status_code == 400
    assert response.json()["code"] == "package_not_offered"
    assert response.json()["fields"] == {"package": ["This gig offers no premium package."]}
    assert not Payment.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"gig_id": 501, "package": "gold"}, '"gold" is not a valid choice.'),
        ({"offer_message_id": 3001, "package": "basic"}, "An offer has its own terms: order it without a package."),
    ],
)
def test_a_bad_package_is_named(api_client_as, three_packages, body, message):
    AcceptedOfferFactory(message_id=3001)

    response = post(api_client_as("alice"), INTENT, body)

    assert response.status_code == 400
    assert response.json()["fields"] == {"package": [message]}
    assert not Payment.objects.exists()


def test_an_offer_keeps_its_own_terms_and_no_package(api_client_as, three_packages):
    AcceptedOfferFactory(message_id=3001, price=Decimal("30.00"), delivery_days=2)

    body = post(api_client_as("alice"), INTENT, {"offer_message_id": 3001}).json()

    assert (body["package"], body["price"], body["delivery_days"], body["revisions"]) == ("", "30.00", 2, None)


def test_the_order_of_a_package_is_due_after_its_days_and_allows_its_revisions(
    api_client_as, three_packages, stripe_client, events
):
    alice = api_client_as("alice")
    intent = post(alice, INTENT, {"gig_id": 501, "package": "premium"}).json()["payment_intent_id"]
    assert localstripe.confirm_card_payment(stripe_client, intent) == "succeeded"
    before = timezone.now()

    response = post(alice, ORDERS, {"payment_intent_id": intent, "requirements": "A fox"})

    assert response.status_code == 201
    body = response.json()
    assert (body["package"], body["revisions_allowed"], body["revisions_used"], body["price"]) == (
        "premium",
        4,
        0,
        "350.00",
    )
    order = Order.objects.get()
    assert before + timedelta(days=2) <= order.due_at <= timezone.now() + timedelta(days=2)
    [placed] = events.published(OrderPlaced)
    assert (placed.package, placed.revisions, placed.price) == ("premium", 4, Decimal("350.00"))


def delivered_order(revisions_allowed, revisions_used=0):
    payment = PaymentFactory(package="standard", revisions=revisions_allowed)
    return OrderFactory(
        payment=payment,
        status="delivered",
        package="standard",
        revisions_allowed=revisions_allowed,
        revisions_used=revisions_used,
    )


def test_each_revision_asked_for_is_counted(api_client_as):
    order = delivered_order(revisions_allowed=1)

    response = post(api_client_as("alice"), f"{ORDERS}/{order.pk}/request-revision", {"message": "Bluer"})

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["revisions_used"]) == ("in_progress", 1)


def test_no_revision_is_left_once_the_package_s_are_used(api_client_as):
    order = delivered_order(revisions_allowed=1, revisions_used=1)
    before = snapshot(order)

    response = post(api_client_as("alice"), f"{ORDERS}/{order.pk}/request-revision", {"message": "Again"})

    assert response.status_code == 409
    assert response.json()["code"] == "no_revisions_left"
    assert response.json()["detail"] == "The package includes 1 revision, all asked for already."
    assert snapshot(order) == before
    assert published_types() == []


def test_a_package_without_revisions_allows_none(api_client_as):
    order = delivered_order(revisions_allowed=0)

    response = post(api_client_as("alice"), f"{ORDERS}/{order.pk}/request-revision", {"message": "Again"})

    assert response.json()["detail"] == "The package includes 0 revisions, all asked for already."


def test_unlimited_revisions_are_never_used_up(api_client_as):
    order = delivered_order(revisions_allowed=None, revisions_used=40)

    response = post(api_client_as("alice"), f"{ORDERS}/{order.pk}/request-revision", {"message": "Again"})

    assert (response.status_code, response.json().get("revisions_used")) == (200, 41), response.json()
