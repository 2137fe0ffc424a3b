"""A member becomes a seller and publishes a gig, through the gateway, fed by the events between services.

Signup → verified email (auth) → seller profile (users) → ``users.seller.created`` → gigs
knows the seller → a gig with a PNG cover → search, categories, the seller's ``total_gigs``
(users counts ``gigs.gig.created/deleted``) → paused → deleted. A seller's profile picture,
stored and served like the covers, shows on every profile of the account and by username.
"""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.marketplace import (
    GIGS,
    SELLER_PROFILE,
    SELLERS,
    Member,
    become_seller,
    create_gig_when_seller,
    gig_fields,
    make_seller,
    png,
    sign_up,
    unique_word,
    verify_email,
)
from tests.e2e.test_signup_by_email import eventually

pytestmark = pytest.mark.e2e

CATEGORY = "Graphics & Design"


def search(client: httpx.Client, q: str) -> list[int]:
    response = client.get(GIGS, params={"q": q})
    assert response.status_code == 200, response.text
    return [gig["id"] for gig in response.json()["results"]]


def active_gigs_in(client: httpx.Client, category: str) -> int:
    response = client.get("/api/v1/categories")
    assert response.status_code == 200, response.text
    (count,) = [entry["active_gigs"] for entry in response.json() if entry["name"] == category]
    return int(count)


def total_gigs_becomes(client: httpx.Client, username: str, expected: int) -> None:
    eventually(lambda: client.get(f"{SELLERS}/{username}"), lambda r: r.json().get("total_gigs") == expected)


def test_a_seller_publishes_a_gig_with_a_cover_that_anyone_finds_then_pauses_and_deletes_it(fleet, mailbox):
    dora = sign_up(fleet, "dora")
    anyone = fleet.client()
    word = unique_word()
    cover = png()

    too_early = dora.browser.post(SELLERS, json=SELLER_PROFILE)
    assert (too_early.status_code, too_early.json()["code"]) == (403, "email_not_verified")

    verify_email(fleet, mailbox, dora)
    became = become_seller(dora)
    assert became.status_code == 201, became.text
    assert became.json()["username"] == dora.username

    before = active_gigs_in(anyone, CATEGORY)
    fields = gig_fields(title=f"I will design a minimalist logo for {word}", category=CATEGORY)
    created = create_gig_when_seller(dora, fields, cover)
    assert created.status_code == 201, created.text
    gig = created.json()

    shown = anyone.get(f"{GIGS}/{gig['id']}")
    assert shown.status_code == 200, shown.text
    assert_shows_the_gig_of(shown.json(), dora, fields)
    assert_serves_the_cover(fleet.gateway_url, shown.json()["cover_image_url"], cover)

    assert search(anyone, f"logo {word}") == [gig["id"]]
    assert search(anyone, f"desgin {word}") == [gig["id"]]  # a typo still finds it
    assert active_gigs_in(anyone, CATEGORY) == before + 1
    total_gigs_becomes(anyone, dora.username, 1)

    paused = dora.browser.patch(f"{GIGS}/{gig['id']}", json={"active": False})
    assert paused.status_code == 200, paused.text
    assert paused.json()["active"] is False
    assert search(anyone, f"logo {word}") == []
    assert active_gigs_in(anyone, CATEGORY) == before
    assert anyone.get(f"{GIGS}/{gig['id']}").status_code == 404
    assert dora.browser.get(f"{GIGS}/{gig['id']}").status_code == 200  # its seller still sees it
    own_paused = dora.browser.get(f"{SELLERS}/{dora.username}/gigs", params={"active": "false"})
    assert [g["id"] for g in own_paused.json()["results"]] == [gig["id"]]

    deleted = dora.browser.delete(f"{GIGS}/{gig['id']}")
    assert deleted.status_code == 204, deleted.text
    assert dora.browser.get(f"{GIGS}/{gig['id']}").status_code == 404
    total_gigs_becomes(anyone, dora.username, 0)
    anyone.close()
    dora.browser.close()


def assert_shows_the_gig_of(gig: dict[str, Any], seller: Member, fields: dict[str, Any]) -> None:
    assert {key: gig[key] for key in ("title", "category", "tags", "price", "expected_delivery_days", "active")} == {
        "title": fields["title"],
        "category": fields["category"],
        "tags": fields["tags"],
        "price": fields["price"],
        "expected_delivery_days": int(fields["expected_delivery_days"]),
        "active": True,
    }
    assert gig["seller"] == {
        "id": seller.user_id,
        "username": seller.username,
        "full_name": SELLER_PROFILE["full_name"],
        "one_liner": SELLER_PROFILE["one_liner"],
        "country": "Peru",
        "rating_average": "0.00",
        "ratings_count": 0,
    }


def assert_serves_the_cover(gateway_url: str, url: str, cover: bytes) -> None:
    assert url.startswith(f"{gateway_url}/api/v1/media/gigs/covers/"), url
    response = httpx.get(url)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "image/png"
    assert response.content == cover


AVATAR = "/api/v1/buyers/me/avatar"


def test_a_seller_s_profile_picture_shows_on_every_profile_and_by_username_until_removed(fleet, mailbox, stranger):
    ella = make_seller(fleet, mailbox, "ella").member
    picture = png(40, 40, "orange")

    def put(client: httpx.Client, content: bytes) -> httpx.Response:
        return client.put(AVATAR, files={"avatar": ("me.png", content, "image/png")})

    with fleet.client() as anyone:
        refused = put(ella.browser, b"%PDF-1.7 not a picture")
        anonymous = put(anyone, picture)
        none_yet = anyone.get(f"/api/v1/buyers/{ella.username}/avatar")
        placed = put(ella.browser, picture)
        url = placed.json()["avatar_url"]
        redirect = anyone.get(f"/api/v1/buyers/{ella.username.upper()}/avatar")
        served = anyone.get(redirect.headers["Location"])
        shown = {
            "own": ella.browser.get("/api/v1/buyers/me").json()["avatar_url"],
            "buyer": stranger.browser.get(f"/api/v1/buyers/{ella.username}").json()["avatar_url"],
            "seller": anyone.get(f"{SELLERS}/{ella.username}").json()["avatar_url"],
        }
        removed = ella.browser.delete(AVATAR)
        gone = anyone.get(f"/api/v1/buyers/{ella.username}/avatar")
        old_file = anyone.get(url)

    assert (refused.status_code, refused.json()["code"], list(refused.json()["fields"])) == (
        415,
        "unsupported_image_type",
        ["avatar"],
    )
    assert (anonymous.status_code, anonymous.json()["code"]) == (401, "not_authenticated")
    assert none_yet.status_code == 404
    assert placed.status_code == 200, placed.text
    assert url.startswith(f"{fleet.gateway_url}/api/v1/media/users/avatars/"), url
    assert (redirect.status_code, redirect.headers["Location"]) == (302, url)
    assert (served.status_code, served.headers["Content-Type"], served.content) == (200, "image/png", picture)
    assert shown == {"own": url, "buyer": url, "seller": url}
    assert removed.status_code == 204
    assert gone.status_code == 404
    assert old_file.status_code == 404
    ella.browser.close()


def test_nobody_but_its_seller_edits_or_deletes_a_gig(fleet, seller, stranger):
    gig_id = seller.gig["id"]

    edited = stranger.browser.patch(f"{GIGS}/{gig_id}", json={"title": "Mine now"})
    deleted = stranger.browser.delete(f"{GIGS}/{gig_id}")
    with fleet.client() as anyone:
        anonymous = anyone.delete(f"{GIGS}/{gig_id}")
        unchanged = anyone.get(f"{GIGS}/{gig_id}")

    assert (edited.status_code, edited.json()["code"]) == (404, "not_found")
    assert (deleted.status_code, deleted.json()["code"]) == (404, "not_found")
    assert (anonymous.status_code, anonymous.json()["code"]) == (401, "not_authenticated")
    assert unchanged.status_code == 200
    assert unchanged.json()["title"] == seller.gig["title"]


def test_a_member_who_is_not_a_seller_cannot_publish_a_gig(fleet, stranger):
    refused = stranger.browser.post(GIGS, json=gig_fields())

    assert refused.status_code == 403, refused.text
    assert refused.json()["code"] == "seller_profile_required"
