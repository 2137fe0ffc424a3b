"""A gig's packages: basic alone, or basic, standard and premium, each with its price, days and revisions."""

import json
from decimal import Decimal

import pytest

from common.events.catalog.gigs import GigCreated, GigCreatedV2, GigUpdated, GigUpdatedV2
from gigs_service.gigs import services
from gigs_service.gigs.models import Gig, GigPackage
from gigs_service.tests import search_fixtures
from gigs_service.tests.conftest import published_types, send_json
from gigs_service.tests.factories import GigFactory, upload

search_server = search_fixtures.search_server
elasticsearch_url = search_fixtures.elasticsearch_url
searchable = search_fixtures.searchable

pytestmark = pytest.mark.django_db

URL = "/api/v1/gigs"
BASIC = {
    "tier": "basic",
    "title": "One concept",
    "description": "A logo",
    "price": "20.00",
    "delivery_days": 5,
    "revisions": 1,
}
STANDARD = {
    "tier": "standard",
    "title": "Three concepts",
    "description": "Logo and card",
    "price": "45.00",
    "delivery_days": 4,
    "revisions": 3,
}
PREMIUM = {
    "tier": "premium",
    "title": "Brand kit",
    "description": "Everything",
    "price": "90.00",
    "delivery_days": 2,
    "revisions": None,
}
THREE = [BASIC, STANDARD, PREMIUM]
GIG = {"title": "I will design your brand", "description": "Logos that last.", "category": "Graphics & Design"}


def create(client, **fields):
    return send_json(client, "POST", URL, {**GIG, **fields})


def patch(client, gig_id, body):
    return send_json(client, "PATCH", f"{URL}/{gig_id}", body)


def stored_packages(gig_id):
    rows = GigPackage.objects.filter(gig_id=gig_id).order_by("price")
    return [(p.tier, str(p.price), p.delivery_days, p.revisions) for p in rows]


def test_a_gig_with_three_packages_shows_them_basic_first_and_its_from_price_is_the_basic_one(api_client_as, bob):
    response = create(api_client_as("bob"), packages=[PREMIUM, BASIC, STANDARD])

    assert response.status_code == 201
    body = response.json()
    assert body["packages"] == THREE
    assert (body["price"], body["expected_delivery_days"], body["basic_title"], body["basic_description"]) == (
        "20.00",
        5,
        "One concept",
        "A logo",
    )
    gig = Gig.objects.get()
    assert (gig.price, gig.expected_delivery_days) == (Decimal("20.00"), 5)
    assert stored_packages(gig.pk) == [
        ("basic", "20.00", 5, 1),
        ("standard", "45.00", 4, 3),
        ("premium", "90.00", 2, None),
    ]


def test_creating_publishes_v1_with_the_basic_package_and_v2_with_every_package(api_client_as, events, bob):
    create(api_client_as("bob"), packages=THREE)

    [v1] = events.published(GigCreated)
    [v2] = events.published(GigCreatedV2)
    assert (v1.price, v1.expected_delivery_days) == (Decimal("20.00"), 5)
    assert v2.model_dump(exclude={"packages"}) == v1.model_dump()
    assert [p.model_dump() for p in v2.packages] == [
        {**package, "price": Decimal(package["price"])} for package in THREE
    ]


def test_a_gig_created_without_packages_has_one_basic_package_with_unlimited_revisions(api_client_as, events, bob):
    response = create(
        api_client_as("bob"), price="30.00", expected_delivery_days=3, basic_title="Logo", basic_description="One"
    )

    assert response.status_code == 201
    assert response.json()["packages"] == [
        {
            "tier": "basic",
            "title": "Logo",
            "description": "One",
            "price": "30.00",
            "delivery_days": 3,
            "revisions": None,
        }
    ]
    [v2] = events.published(GigCreatedV2)
    assert [(p.tier, p.price, p.revisions) for p in v2.packages] == [("basic", Decimal("30.00"), None)]


def test_a_multipart_form_sends_the_packages_as_one_json_part(api_client_as, bob):
    form = {**GIG, "packages": json.dumps(THREE), "cover_image": upload()}

    response = api_client_as("bob").post(URL, form, format="multipart")

    assert response.status_code == 201
    assert [p["tier"] for p in response.json()["packages"]] == ["basic", "standard", "premium"]
    assert response.json()["cover_image_url"] is not None


BAD_PACKAGES = [
    ([BASIC, STANDARD], "Offer the basic package alone, or basic, standard and premium once each."),
    ([STANDARD], "Offer the basic package alone, or basic, standard and premium once each."),
    ([BASIC, BASIC, PREMIUM], "Offer the basic package alone, or basic, standard and premium once each."),
    ([BASIC, {**STANDARD, "price": "20.00"}, PREMIUM], "The standard package must cost more than the basic package."),
    ([BASIC, STANDARD, {**PREMIUM, "price": "40.00"}], "The premium package must cost more than the standard package."),
    ([{**BASIC, "price": "4.99"}], "0.price: Ensure this value is greater than or equal to 5.00."),
    ([{**BASIC, "revisions": 100}], "0.revisions: Ensure this value is less than or equal to 99."),
    ([{**BASIC, "delivery_days": 0}], "0.delivery_days: Ensure this value is greater than or equal to 1."),
    ([{**BASIC, "title": 7}], "0.title: Not a valid string."),
    ([{**BASIC, "extras": "fast"}], "0.extras: Unknown field."),
    ([{**BASIC, "tier": "gold"}], '0.tier: "gold" is not a valid choice.'),
    ([], "Offer the basic package alone, or basic, standard and premium once each."),
    ("basic", "Expected a list of packages."),
]


@pytest.mark.parametrize(("packages", "message"), BAD_PACKAGES)
def test_bad_packages_are_named_and_nothing_is_written_or_published(api_client_as, bob, packages, message):
    response = create(api_client_as("bob"), packages=packages)

    assert response.status_code == 400
    assert response.json()["fields"] == {"packages": [message]}
    assert Gig.objects.count() == GigPackage.objects.count() == 0
    assert published_types() == []


def test_a_multipart_part_that_is_not_json_is_named(api_client_as, bob):
    response = api_client_as("bob").post(URL, {**GIG, "packages": "[{"}, format="multipart")

    assert response.status_code == 400
    assert response.json()["fields"] == {"packages": ["Not valid JSON."]}


def test_the_basic_fields_beside_packages_are_refused(api_client_as, bob):
    response = create(api_client_as("bob"), packages=THREE, price="20.00", basic_title="Logo")

    assert response.status_code == 400
    assert response.json()["fields"] == {
        "price": ["Send this in the basic package, not beside `packages`."],
        "basic_title": ["Send this in the basic package, not beside `packages`."],
    }
    assert Gig.objects.count() == 0


@pytest.fixture
def gig(api_client_as, bob):
    return create(api_client_as("bob"), packages=THREE).json()["id"]


def test_editing_the_packages_replaces_them_and_publishes_both_versions(api_client_as, events, gig):
    cheaper = [{**BASIC, "price": "15.00"}]

    response = patch(api_client_as("bob"), gig, {"packages": cheaper})

    assert response.status_code == 200
    assert response.json()["packages"] == [{**BASIC, "price": "15.00"}]
    assert response.json()["price"] == "15.00"
    assert stored_packages(gig) == [("basic", "15.00", 5, 1)]
    [v1] = events.published(GigUpdated)
    [v2] = events.published(GigUpdatedV2)
    assert (v1.price, [p.tier for p in v2.packages]) == (Decimal("15.00"), ["basic"])


def test_a_gig_of_one_package_gets_three(api_client_as, bob):
    one = GigFactory(seller=bob, price=Decimal("25.00"))

    response = patch(api_client_as("bob"), one.pk, {"packages": THREE})

    assert response.status_code == 200
    assert stored_packages(one.pk) == [
        ("basic", "20.00", 5, 1),
        ("standard", "45.00", 4, 3),
        ("premium", "90.00", 2, None),
    ]


def test_editing_the_gigs_price_changes_its_basic_package_only(api_client_as, gig):
    response = patch(api_client_as("bob"), gig, {"price": "30.00", "expected_delivery_days": 6})

    assert response.status_code == 200
    assert stored_packages(gig) == [
        ("basic", "30.00", 6, 1),
        ("standard", "45.00", 4, 3),
        ("premium", "90.00", 2, None),
    ]


def test_a_basic_price_up_to_the_standard_one_is_refused_and_nothing_changes(api_client_as, events, gig):
    response = patch(api_client_as("bob"), gig, {"price": "45.00"})

    assert response.status_code == 400
    assert response.json()["code"] == "package_prices_must_rise"
    assert response.json()["fields"] == {
        "price": ["The basic package must cost less than the standard package (45.00)."]
    }
    assert Gig.objects.get().price == Decimal("20.00")
    assert events.published(GigUpdated) == []


def test_sending_the_same_packages_again_changes_nothing_and_publishes_nothing(api_client_as, events, gig):
    response = patch(api_client_as("bob"), gig, {"packages": THREE})

    assert response.status_code == 200
    assert events.published(GigUpdatedV2) == []


def test_bad_packages_in_an_edit_change_nothing(api_client_as, events, gig):
    response = patch(api_client_as("bob"), gig, {"packages": [BASIC, {**STANDARD, "price": "5.00"}, PREMIUM]})

    assert response.status_code == 400
    assert list(response.json()["fields"]) == ["packages"]
    assert len(stored_packages(gig)) == 3
    assert events.published(GigUpdated) == []


def test_the_gig_page_shows_the_packages_to_anyone(api_client, gig):
    response = api_client.get(f"{URL}/{gig}")

    assert [(p["tier"], p["price"]) for p in response.json()["packages"]] == [
        ("basic", "20.00"),
        ("standard", "45.00"),
        ("premium", "90.00"),
    ]


def test_a_gig_stored_without_package_rows_shows_its_basic_package_from_its_own_columns(api_client, bob):
    gig = GigFactory(seller=bob, price=Decimal("12.00"), expected_delivery_days=2)
    GigPackage.objects.filter(gig=gig).delete()

    response = api_client.get(f"{URL}/{gig.pk}")

    assert response.json()["packages"] == [
        {
            "tier": "basic",
            "title": "Basic logo",
            "description": "One concept",
            "price": "12.00",
            "delivery_days": 2,
            "revisions": None,
        }
    ]


def test_search_filters_and_sorts_on_the_from_price(searchable, api_client, bob):
    def priced(title, *prices):
        tiers = [BASIC, STANDARD, PREMIUM][: len(prices)]
        packages = [{**tier, "price": Decimal(price)} for tier, price in zip(tiers, prices, strict=True)]
        return services.create_gig(seller_id=bob.user_id, fields={**GIG, "title": title, "packages": packages})

    priced("Three from ten", "10.00", "50.00", "100.00")
    priced("One at thirty", "30.00")
    searchable.ready()

    def titles(query):
        response = api_client.get(f"{URL}?{query}")
        return [(gig["title"], gig["price"]) for gig in response.json()["results"]]

    assert titles("sort=price") == [("Three from ten", "10.00"), ("One at thirty", "30.00")]
    assert titles("sort=-price") == [("One at thirty", "30.00"), ("Three from ten", "10.00")]
    assert titles("max_price=20") == [("Three from ten", "10.00")]
    assert titles("min_price=60") == []
