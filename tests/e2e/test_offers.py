"""A seller's custom offer, through the gateway: live to the buyer, mailed both ways, accepted once.

chat stores the offer and publishes ``chat.offer.sent`` → notifications mails the buyer and
publishes ``notifications.notification.created`` → the gateway's worker pushes it; the
buyer accepts (``chat.offer.accepted``) → the seller is mailed.
"""

from __future__ import annotations

import pytest

from tests.e2e.marketplace import send_message

pytestmark = pytest.mark.e2e

TERMS = {"price": "250.00", "description": "A REST API with auth and docs, deployed.", "delivery_days": 7}


def test_an_offer_reaches_the_buyer_live_and_by_mail_and_its_acceptance_is_mailed_to_the_seller(
    mailbox, seller, buyer, realtime
):
    gig = seller.gig
    buyers_socket = realtime(buyer)

    sent = send_message(seller.member, buyer.username, body="Here is my offer.", offer={"gig_id": gig["id"], **TERMS})

    assert sent.status_code == 201, sent.text
    pushed = buyers_socket.receive("chat.message")
    assert pushed["message_id"] == sent.json()["id"]
    assert pushed["offer"] == {"gig_id": gig["id"], "gig_title": gig["title"], **TERMS, "status": "pending"}
    notice = buyers_socket.receive("notification.created", kind="offer_sent")
    assert notice["title"] == f"New offer from {seller.username}"
    offer_mail = mailbox.wait_for(buyer.email, containing=f"{seller.username} sent you an offer for {gig['title']}")
    assert offer_mail.message["Subject"] == f"{seller.username} sent you an offer for {gig['title']}"
    assert "Price: $250.00" in offer_mail.text
    assert TERMS["description"] in offer_mail.text

    offer_url = f"/api/v1/messages/{sent.json()['id']}/offer/accept"
    by_its_seller = seller.browser.post(offer_url)
    accepted = buyer.browser.post(offer_url)
    again = buyer.browser.post(offer_url)

    assert (by_its_seller.status_code, by_its_seller.json()["code"]) == (403, "only_buyer_can_accept")
    assert accepted.status_code == 200, accepted.text
    assert accepted.json()["offer"]["status"] == "accepted"
    assert (again.status_code, again.json()["code"]) == (409, "offer_not_pending")
    acceptance = mailbox.wait_for(seller.member.email, containing=f"{buyer.username} accepted your offer")
    assert acceptance.message["Subject"] == f"{buyer.username} accepted your offer for {gig['title']}"
    # Paying for the accepted offer and placing its order: tests/e2e/test_orders_journey.py.


def test_a_stranger_cannot_accept_someone_elses_offer(seller, buyer, stranger):
    sent = send_message(seller.member, buyer.username, offer={"gig_id": seller.gig["id"], **TERMS})
    assert sent.status_code == 201, sent.text

    refused = stranger.browser.post(f"/api/v1/messages/{sent.json()['id']}/offer/accept")

    assert (refused.status_code, refused.json()["code"]) == (404, "not_found")


def test_only_the_seller_of_a_gig_makes_offers_on_it(seller, buyer):
    refused = send_message(buyer, seller.username, offer={"gig_id": seller.gig["id"], **TERMS})

    assert refused.status_code == 403, refused.text
    assert refused.json()["code"] == "not_your_gig"
