"""An order from the first search to both reviews, through the gateway, paid at a real localstripe.

The seller's gig is found by search; a chat brings an offer, which the buyer accepts and
pays at the provider; then the order is placed, extended, delivered, sent back, delivered
again and approved, both parties review each other and the seller replies to the buyer's review. Every step is checked where a
person would see it: the answers, both parties' websockets (``order.updated``), their
mailboxes, the seller's public profile and earnings, and the gig's rating.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from tests.e2e.marketplace import GIGS, SELLERS, introduce, make_seller, send_message, unique_word
from tests.e2e.orders import ORDERS, REVIEWS, act, confirm_card_payment, open_payment, place, provider, review, settled
from tests.e2e.realtime_clients import Frames
from tests.e2e.test_signup_by_email import eventually

pytestmark = pytest.mark.e2e

OFFER = {"price": "80.00", "description": "A watercolour of your cat, A4, scanned.", "delivery_days": 4}
ARTWORK = ("cat.png", b"\x89PNG\r\n\x1a\n a watercolour of a cat", "image/png")
STEPS = [
    "placed",
    "extension_requested",
    "extension_approved",
    "delivered",
    "revision_requested",
    "delivered",
    "completed",
]
STATUSES = ["in_progress", "in_progress", "in_progress", "delivered", "in_progress", "delivered", "completed"]


def when(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def updates(socket: Frames, order_id: str, steps: list[str]) -> list[tuple[str, str]]:
    """The ``order.updated`` frames of ``order_id`` for ``steps``, in order: (event, status) pairs."""
    frames = [socket.receive("order.updated", order_id=order_id, event=step) for step in steps]
    return [(frame["event"], frame["status"]) for frame in frames]


def test_a_gig_found_by_search_is_offered_paid_ordered_extended_revised_approved_and_reviewed_by_both(
    fleet, mailbox, members, realtime
):
    word = unique_word()
    seller = make_seller(fleet, mailbox, "artist", title=f"I will paint a {word} watercolour of your pet")
    artist, gig = seller.member, seller.gig
    buyer, stranger = members("buyer"), members("stranger")
    buyers_socket, artists_socket = realtime(buyer), realtime(artist)
    payments = provider(buyer.browser)

    # Found by search, talked about, offered, accepted.
    found, _ = eventually(
        lambda: buyer.browser.get(GIGS, params={"q": word}),
        lambda r: r.status_code == 200 and [g["id"] for g in r.json()["results"]] == [gig["id"]],
    )
    introduce(buyer, artist, body="Could you paint my cat?")
    offer = send_message(artist, buyer.username, body="Here is my offer.", offer={"gig_id": gig["id"], **OFFER})
    assert offer.status_code == 201, offer.text
    accepted = buyer.browser.post(f"/api/v1/messages/{offer.json()['id']}/offer/accept")
    assert accepted.status_code == 200, accepted.text

    # Paid at the provider for the offer's price (the server's, plus its fee), then placed.
    opened = open_payment(buyer, offer_message_id=offer.json()["id"])
    assert opened.status_code == 201, opened.text
    intent = opened.json()
    assert (intent["price"], intent["service_fee"], intent["total"]) == ("80.00", "4.40", "84.40")
    at_provider = payments.client.v1.payment_intents.retrieve(intent["payment_intent_id"])
    assert (at_provider.amount, at_provider.status) == (8440, "requires_payment_method")
    assert confirm_card_payment(payments, intent["payment_intent_id"]) == "succeeded"
    placed = place(buyer, intent["payment_intent_id"], requirements="My cat is orange and very proud.")
    assert placed.status_code == 201, placed.text
    order = placed.json()
    assert order["status"] == "in_progress"
    assert (order["buyer"]["username"], order["seller"]["username"]) == (buyer.username, artist.username)
    assert (order["gig"]["id"], order["offer_message_id"], order["total"]) == (gig["id"], offer.json()["id"], "84.40")
    assert when(order["due_at"]) - when(order["placed_at"]) == timedelta(days=4)
    # The offer is spent: paying for it again is refused before any money moves.
    twice = open_payment(buyer, offer_message_id=offer.json()["id"])
    assert (twice.status_code, twice.json()["code"]) == (409, "offer_already_ordered")

    # Three more days asked for and granted: the due date moves.
    asked = act(artist, order, "extension", new_delivery_days=3, reason="The paper needs to dry.")
    assert asked.status_code == 200, asked.text
    granted = act(buyer, order, "extension/approve")
    assert granted.status_code == 200, granted.text
    assert when(granted.json()["due_at"]) - when(order["due_at"]) == timedelta(days=3)

    # Delivered with a file, sent back, delivered again, approved.
    first = artist.browser.post(
        f"{ORDERS}/{order['id']}/deliver", data={"message": "First draft"}, files={"files": ARTWORK}
    )
    assert first.status_code == 200, first.text
    (delivered_file,) = first.json()["deliveries"][0]["files"]
    download = buyer.browser.get(delivered_file["url"])
    assert (download.status_code, download.content) == (200, ARTWORK[1])
    assert stranger.browser.get(delivered_file["url"]).status_code == 404
    sent_back = act(buyer, order, "request-revision", message="More orange, please.")
    assert (sent_back.status_code, sent_back.json()["status"]) == (200, "in_progress")
    second = act(artist, order, "deliver", message="Final, more orange")  # JSON: a message alone
    assert (second.status_code, second.json().get("status")) == (200, "delivered"), second.text
    approved = act(buyer, order, "approve")
    assert approved.status_code == 200, approved.text
    done = approved.json()
    assert (done["status"], done["seller_earnings"], done["auto_completed"]) == ("completed", "64.00", False)
    actors = [buyer, artist, buyer, artist, buyer, artist, buyer]
    assert [(e["kind"], e["actor_username"]) for e in done["timeline"]] == [
        (step, actor.username) for step, actor in zip(STEPS, actors, strict=True)
    ]

    # Both review; a stranger cannot.
    by_buyer = review(buyer, order, 4, "Lovely work, a bit slow.")
    by_artist = review(artist, order, 5, "A kind and clear client.")
    assert (by_buyer.status_code, by_buyer.json()["side"]) == (201, "buyer"), by_buyer.text
    assert (by_artist.status_code, by_artist.json()["side"]) == (201, "seller"), by_artist.text
    refused = stranger.browser.post(REVIEWS, json={"order_id": order["id"], "rating": 1, "comment": "Who?"})
    assert (refused.status_code, refused.json()["code"]) == (404, "order_not_found")
    again = buyer.browser.post(REVIEWS, json={"order_id": order["id"], "rating": 1, "comment": "Changed my mind"})
    assert (again.status_code, again.json()["code"]) == (409, "already_reviewed")

    # The numbers follow: the gig's and the seller's rating, the seller's jobs and earnings.
    rated_gig = settled(lambda: buyer.browser.get(f"{GIGS}/{gig['id']}"), lambda g: g["ratings_count"] == 1)
    assert Decimal(rated_gig["rating_average"]) == Decimal("4")
    profile = settled(
        lambda: stranger.browser.get(f"{SELLERS}/{artist.username}"),
        lambda p: p["ratings_count"] == 1 and p["completed_jobs"] == 1,
    )
    assert Decimal(profile["rating_average"]) == Decimal("4")
    assert profile["rating_breakdown"] == {"1": 0, "2": 0, "3": 0, "4": 1, "5": 0}
    assert (profile["ongoing_jobs"], profile["cancelled_jobs"]) == (0, 0)
    assert Decimal(profile["total_earnings"]) == Decimal("64.00")
    earnings = artist.browser.get(f"{SELLERS}/me/earnings")
    assert earnings.status_code == 200, earnings.text
    assert earnings.json() == {"total_earnings": "64.00", "average_selling_price": "80.00", "completed_orders": 1}
    gig_reviews = stranger.browser.get(f"{GIGS}/{gig['id']}/reviews").json()
    assert [(r["reviewer_username"], r["rating"]) for r in gig_reviews["results"]] == [(buyer.username, 4)]
    seller_reviews = stranger.browser.get(f"{SELLERS}/{artist.username}/reviews").json()
    assert [r["comment"] for r in seller_reviews["results"]] == ["Lovely work, a bit slow."]
    both = settled(lambda: buyer.browser.get(f"{ORDERS}/{order['id']}"), lambda o: o["seller_reviewed"])
    assert (both["buyer_reviewed"], both["seller_reviewed"]) == (True, True)

    # The artist answers the buyer's review once, in public; the artist's review of the buyer
    # shows on the buyer's profile.
    reply_url = f"{REVIEWS}/{by_buyer.json()['id']}/reply"
    assert stranger.browser.post(reply_url, json={"reply": "Not mine"}).json()["code"] == "only_reviewed_seller"
    replied = artist.browser.post(reply_url, json={"reply": "Thank you! Sorry for the wait."})
    assert replied.status_code == 201, replied.text
    second = artist.browser.post(reply_url, json={"reply": "Again"})
    assert (second.status_code, second.json()["code"]) == (409, "already_replied")
    [shown] = stranger.browser.get(f"{GIGS}/{gig['id']}/reviews").json()["results"]
    assert (shown["comment"], shown["reply"]) == ("Lovely work, a bit slow.", "Thank you! Sorry for the wait.")
    buyer_reviews = stranger.browser.get(f"/api/v1/buyers/{buyer.username}/reviews").json()
    assert [(r["reviewer_username"], r["rating"]) for r in buyer_reviews["results"]] == [(artist.username, 5)]

    # Each party's websocket saw every step, and every email arrived.
    expected = list(zip(STEPS, STATUSES, strict=True))
    assert updates(buyers_socket, order["id"], STEPS) == expected
    assert updates(artists_socket, order["id"], STEPS) == expected
    title = gig["title"]
    for to, subject in [
        (buyer.email, f"Your receipt for {title}"),
        (artist.email, f"New order from {buyer.username}: {title}"),
        (buyer.email, f"{artist.username} asked for more time for {title}"),
        (artist.email, f"{buyer.username} approved your extension for {title}"),
        (buyer.email, f"{artist.username} delivered your order for {title}"),
        (artist.email, f"{buyer.username} asked for a revision of {title}"),
        (buyer.email, f"Your order for {title} is complete"),
        (artist.email, f"Order for {title} completed: earnings credited"),
    ]:
        mailbox.wait_for_subject(to, subject)
    assert sorted(s for s in mailbox.subjects_to(buyer.email) if title in s) == sorted(
        [
            f"{artist.username} sent you an offer for {title}",
            f"Your receipt for {title}",
            f"{artist.username} asked for more time for {title}",
            f"{artist.username} delivered your order for {title}",
            f"{artist.username} delivered your order for {title}",
            f"Your order for {title} is complete",
        ]
    )
    assert sorted(s for s in mailbox.subjects_to(artist.email) if title in s) == sorted(
        [
            f"{buyer.username} accepted your offer for {title}",
            f"New order from {buyer.username}: {title}",
            f"{buyer.username} approved your extension for {title}",
            f"{buyer.username} asked for a revision of {title}",
            f"Order for {title} completed: earnings credited",
        ]
    )
