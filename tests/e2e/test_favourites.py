"""Favourites through the gateway: a buyer saves gigs, lists them, and paused or deleted gigs leave the list."""

from __future__ import annotations

import pytest

from tests.e2e.marketplace import GIGS, gig_fields, make_seller, post_gig

pytestmark = pytest.mark.e2e

FAVOURITES = "/api/v1/favourites"


def saved_ids(client) -> list[int]:
    response = client.get(FAVOURITES)
    assert response.status_code == 200, response.text
    return [item["gig"]["id"] for item in response.json()["results"]]


def test_a_buyer_saves_gigs_and_loses_the_ones_paused_or_deleted(fleet, mailbox, members):
    made = make_seller(fleet, mailbox, "saver", title="I will knit you a scarf")
    seller, kept = made.member, made.gig
    second = post_gig(seller, gig_fields(title="I will knit you a hat"))
    third = post_gig(seller, gig_fields(title="I will knit you mittens"))
    assert (second.status_code, third.status_code) == (201, 201), second.text
    hat, mittens = second.json(), third.json()
    buyer = members("buyer")

    with fleet.client(None) as anonymous:
        assert anonymous.get(FAVOURITES).status_code == 401
    for gig in (kept, hat, mittens):
        assert buyer.browser.put(f"{FAVOURITES}/{gig['id']}").status_code == 201
    again = buyer.browser.put(f"{FAVOURITES}/{kept['id']}")
    assert again.status_code == 200
    assert saved_ids(buyer.browser) == [mittens["id"], hat["id"], kept["id"]]

    # The seller pauses the hat and deletes the mittens; the buyer removes nothing yet.
    assert seller.browser.patch(f"{GIGS}/{hat['id']}", json={"active": False}).status_code == 200
    assert seller.browser.delete(f"{GIGS}/{mittens['id']}").status_code == 204
    assert saved_ids(buyer.browser) == [kept["id"]]

    assert buyer.browser.delete(f"{FAVOURITES}/{kept['id']}").status_code == 204
    assert saved_ids(buyer.browser) == []
