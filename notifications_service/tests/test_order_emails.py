"""The order emails, rendered from the orders events they announce (``test_order_notifications`` sends them).

Each is rendered as its handler renders it: the event's fields plus ``link``, the order's
page on the front end.
"""

from decimal import Decimal

import pytest

from common.events.base import Event
from notifications_service.notifications.emails import KINDS, RenderedEmail, render_email
from notifications_service.tests.factories import (
    ALICE,
    BOB,
    ORDER_ID,
    mail_extra,
    order_cancelled,
    order_completed,
    order_delivered,
    order_extension_approved,
    order_extension_rejected,
    order_extension_requested,
    order_partially_refunded,
    order_placed,
    order_resolution_declined,
    order_resolution_requested,
    order_revision_requested,
)

LINK = f"https://front.example/orders/{ORDER_ID}"
SCRIPT = "<script>alert(1)</script>"
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt;"
SIGNATURE = (
    f"\n\n{LINK}\n\n"
    "The Bazaar team\n"
    "https://front.example/\n\n"
    "You get this email because it concerns your Bazaar account.\n"
)
STAFF_ID = 1005

# kind, the event it announces, the recipient, the button's label
KIND_CASES = [
    ("order_placed_buyer", order_placed, "alice", "Follow your order"),
    ("order_placed_seller", order_placed, "bob", "Open the order"),
    ("order_delivered", order_delivered, "alice", "See the delivery"),
    ("order_revision_requested", order_revision_requested, "bob", "Open the order"),
    ("order_extension_requested", order_extension_requested, "alice", "Decide on the extension"),
    ("order_extension_approved", order_extension_approved, "bob", "Open the order"),
    ("order_extension_rejected", order_extension_rejected, "bob", "Open the order"),
    ("order_completed_buyer", order_completed, "alice", "Leave a review"),
    ("order_completed_seller", order_completed, "bob", "Open the order"),
    ("order_cancelled_buyer", order_cancelled, "alice", "Open the order"),
    ("order_cancelled_seller", order_cancelled, "bob", "Open the order"),
    ("order_resolution_requested", order_resolution_requested, "bob", "Answer the request"),
    ("order_resolution_declined", order_resolution_declined, "alice", "Open the order"),
    ("order_partially_refunded_buyer", order_partially_refunded, "alice", "Open the order"),
    ("order_partially_refunded_seller", order_partially_refunded, "bob", "Open the order"),
]


@pytest.fixture(autouse=True)
def _front_end(settings):
    settings.FRONTEND_URL = "https://front.example"


def render(kind: str, event: Event, name: str) -> RenderedEmail:
    return render_email(kind, name=name, context={**event.model_dump(), "link": LINK, **mail_extra(kind, event)})


def test_every_order_kind_is_rendered_here():
    assert sorted(case[0] for case in KIND_CASES) == sorted(kind for kind in KINDS if kind.startswith("order_"))


@pytest.mark.parametrize(("kind", "event", "name", "label"), KIND_CASES)
def test_every_order_email_is_essential_and_has_a_button_to_the_order(kind, event, name, label):
    rendered = render(kind, event(), name)

    assert rendered.category == "essential"
    assert f'<a href="{LINK}" style="display:inline-block;' in rendered.html
    assert f">{label}</a>" in rendered.html
    assert rendered.text.startswith(f"Hi {name},\n\n")
    assert rendered.text.endswith(SIGNATURE)


@pytest.mark.parametrize(("kind", "event", "name", "label"), KIND_CASES)
def test_a_gig_title_with_markup_is_escaped_in_html_and_kept_as_is_in_text(kind, event, name, label):
    rendered = render(kind, event(gig_title=f"Logo {SCRIPT}"), name)

    assert "<script>" not in rendered.html
    assert f"Logo {ESCAPED}" in rendered.html
    assert f"Logo {SCRIPT}" in rendered.text
    assert f"Logo {SCRIPT}" in rendered.subject


# --- placed --------------------------------------------------------------------------


def test_the_buyer_gets_a_receipt_with_the_fee_and_the_total():
    rendered = render("order_placed_buyer", order_placed(), "alice")

    assert rendered.subject == "Your receipt for Logo design"
    assert rendered.text == (
        "Hi alice,\n\n"
        "Thank you for your order! bob is now working on Logo design. Your receipt:\n\n"
        f"Order: {ORDER_ID}\n"
        "Gig: Logo design, by bob\n"
        "Price: $49.99\n"
        "Service fee: $4.75\n"
        "Total paid: $54.74\n\n"
        "Delivery is due by 17 March 2030, 15:09 UTC. Follow your order here:" + SIGNATURE
    )
    assert '<td style="padding:0 16px 4px 0;color:#52525b;">Total paid</td>' in rendered.html
    assert '<td style="padding:0 0 4px;font-weight:bold;">$54.74</td>' in rendered.html


def test_the_seller_is_told_of_the_new_order_and_its_due_date():
    rendered = render("order_placed_seller", order_placed(), "bob")

    assert rendered.subject == "New order from alice: Logo design"
    assert rendered.text == (
        "Hi bob,\n\n"
        "alice ordered Logo design: the work starts now.\n\n"
        f"Order: {ORDER_ID}\n"
        "Price: $49.99\n"
        "Due: 17 March 2030, 15:09 UTC\n\n"
        "Deliver by the due date, or ask alice for more time, from the order page:" + SIGNATURE
    )
    assert '<td style="padding:0 0 4px;font-weight:bold;">17 March 2030, 15:09 UTC</td>' in rendered.html


def test_an_order_of_a_package_names_it_and_its_revisions_to_both_parties():
    standard = order_placed(package="standard", revisions=2)
    premium = order_placed(package="premium", revisions=None)
    basic = order_placed(package="basic", revisions=1)

    assert (
        "Gig: Logo design, by bob\nPackage: Standard, 2 revisions\nPrice: $49.99\n"
        in render("order_placed_buyer", standard, "alice").text
    )
    assert (
        f"Order: {ORDER_ID}\nPackage: Premium, unlimited revisions\nPrice:"
        in render("order_placed_seller", premium, "bob").text
    )
    assert (
        '<td style="padding:0 0 4px;font-weight:bold;">Basic, 1 revision</td>'
        in render("order_placed_seller", basic, "bob").html
    )


def test_a_large_order_reads_with_thousands_separators():
    event = order_placed(price=Decimal("1200.00"), service_fee=Decimal("66.00"), total=Decimal("1266.00"))

    text = render("order_placed_buyer", event, "alice").text

    assert "Price: $1,200.00\nService fee: $66.00\nTotal paid: $1,266.00\n" in text


# --- delivered and revisions ---------------------------------------------------------


def test_the_buyer_is_told_of_the_delivery_and_what_to_do_next():
    rendered = render("order_delivered", order_delivered(), "alice")

    assert rendered.subject == "bob delivered your order for Logo design"
    assert rendered.text == (
        "Hi alice,\n\n"
        "bob delivered your order for Logo design:\n\n"
        "Here are the three concepts.\n\n"
        "Look at the delivery, then approve it to complete the order, or ask for a revision:" + SIGNATURE
    )


def test_the_seller_is_told_what_the_buyer_wants_changed_and_the_due_date():
    rendered = render("order_revision_requested", order_revision_requested(), "bob")

    assert rendered.subject == "alice asked for a revision of Logo design"
    assert rendered.text == (
        "Hi bob,\n\n"
        "alice asked for a revision of Logo design:\n\n"
        "Could the second one be blue?\n\n"
        "The order is in progress again, due by 17 March 2030, 15:09 UTC. Deliver again from the order page:"
        + SIGNATURE
    )


@pytest.mark.parametrize(
    ("kind", "event", "name"),
    [
        ("order_delivered", order_delivered, "alice"),
        ("order_revision_requested", order_revision_requested, "bob"),
    ],
)
def test_a_message_with_markup_and_lines_is_escaped_in_html_and_kept_as_is_in_text(kind, event, name):
    rendered = render(kind, event(message=f"First line\n{SCRIPT}"), name)

    assert "<script>" not in rendered.html
    assert f">First line<br>{ESCAPED}</p>" in rendered.html
    assert f":\n\nFirst line\n{SCRIPT}\n\n" in rendered.text


def test_a_delivery_without_a_message_shows_no_empty_quote():
    rendered = render("order_delivered", order_delivered(message=""), "alice")

    assert "Hi alice,\n\nbob delivered your order for Logo design.\n\nLook at the delivery" in rendered.text
    assert "background:#f4f4f5;border-radius:6px;" not in rendered.html


# --- extensions ----------------------------------------------------------------------


def test_the_buyer_is_asked_to_decide_on_an_extension():
    rendered = render("order_extension_requested", order_extension_requested(), "alice")

    assert rendered.subject == "bob asked for more time for Logo design"
    assert rendered.text == (
        "Hi alice,\n\n"
        "bob asked for 2 days more to deliver Logo design:\n\n"
        "The fonts need a licence.\n\n"
        "Approve or reject the extension on the order page. "
        "Until you do, delivery stays due by 17 March 2030, 15:09 UTC." + SIGNATURE
    )


def test_an_extension_reason_with_markup_is_escaped_in_html():
    rendered = render("order_extension_requested", order_extension_requested(reason=SCRIPT), "alice")

    assert "<script>" not in rendered.html
    assert f">{ESCAPED}</p>" in rendered.html


def test_an_extension_of_one_day_says_day():
    text = render("order_extension_requested", order_extension_requested(extra_days=1), "alice").text

    assert "bob asked for 1 day more to deliver Logo design:" in text


def test_the_seller_is_told_the_extension_was_approved_and_the_new_due_date():
    rendered = render("order_extension_approved", order_extension_approved(), "bob")

    assert rendered.subject == "alice approved your extension for Logo design"
    assert rendered.text == (
        "Hi bob,\n\n"
        "alice approved your extension of 2 days for Logo design. "
        "Delivery is now due by 19 March 2030, 15:09 UTC." + SIGNATURE
    )


def test_the_seller_is_told_the_extension_was_rejected_and_the_due_date_stays():
    rendered = render("order_extension_rejected", order_extension_rejected(), "bob")

    assert rendered.subject == "alice rejected your extension for Logo design"
    assert rendered.text == (
        "Hi bob,\n\n"
        "alice rejected your extension of 2 days for Logo design. "
        "Delivery stays due by 17 March 2030, 15:09 UTC." + SIGNATURE
    )


# --- completed -----------------------------------------------------------------------


def test_the_buyer_who_approved_is_thanked_and_invited_to_review():
    rendered = render("order_completed_buyer", order_completed(), "alice")

    assert rendered.subject == "Your order for Logo design is complete"
    assert rendered.text == (
        "Hi alice,\n\n"
        "You approved the delivery: your order for Logo design is complete. Thank you for using Bazaar!\n\n"
        "Tell others how it went: leave a review of bob's work on the order page." + SIGNATURE
    )


def test_the_buyer_learns_an_order_completed_by_itself_was_approved_when_the_review_time_ran_out():
    text = render("order_completed_buyer", order_completed(auto_completed=True), "alice").text

    assert text.startswith(
        "Hi alice,\n\nThe time to review the delivery ran out, so your order for Logo design was approved and is complete."
    )


def test_the_seller_is_told_what_was_credited():
    rendered = render("order_completed_seller", order_completed(), "bob")

    assert rendered.subject == "Order for Logo design completed: earnings credited"
    assert rendered.text == (
        "Hi bob,\n\n"
        "alice approved your delivery for Logo design. "
        "The order is complete and $39.99 was credited to your earnings." + SIGNATURE
    )
    assert "<strong>$39.99</strong> was credited to your earnings." in rendered.html


def test_the_seller_learns_an_order_completed_by_itself_was_approved_automatically():
    text = render("order_completed_seller", order_completed(auto_completed=True), "bob").text

    assert text.startswith(
        "Hi bob,\n\nalice did not review your delivery in time, so the order for Logo design was approved automatically."
    )


# --- cancelled -----------------------------------------------------------------------


def test_the_buyer_is_told_who_cancelled_why_and_what_is_refunded():
    rendered = render("order_cancelled_buyer", order_cancelled(), "alice")

    assert rendered.subject == "Your order for Logo design was cancelled"
    assert rendered.text == (
        "Hi alice,\n\n"
        "bob cancelled your order for Logo design:\n\n"
        "I am ill.\n\n"
        "You are refunded the full $54.74 you paid, to the payment method you used." + SIGNATURE
    )


def test_a_partial_refund_says_how_much_of_the_total_comes_back():
    text = render("order_cancelled_buyer", order_cancelled(refunded=Decimal("49.99")), "alice").text

    assert "You are refunded $49.99 of the $54.74 you paid, to the payment method you used." in text


def test_the_seller_is_told_the_order_is_closed_without_earnings():
    rendered = render("order_cancelled_seller", order_cancelled(cancelled_by_id=ALICE["user_id"]), "bob")

    assert rendered.subject == "The order for Logo design was cancelled"
    assert rendered.text == (
        "Hi bob,\n\n"
        "alice cancelled the order for Logo design:\n\n"
        "I am ill.\n\n"
        "The order is closed: alice is refunded and nothing is credited to your earnings for it." + SIGNATURE
    )


@pytest.mark.parametrize(
    ("kind", "name", "cancelled_by_id", "opening"),
    [
        ("order_cancelled_buyer", "alice", ALICE["user_id"], "You cancelled your order for Logo design:"),
        ("order_cancelled_buyer", "alice", BOB["user_id"], "bob cancelled your order for Logo design:"),
        ("order_cancelled_buyer", "alice", STAFF_ID, "Your order for Logo design was cancelled:"),
        ("order_cancelled_seller", "bob", BOB["user_id"], "You cancelled the order for Logo design:"),
        ("order_cancelled_seller", "bob", ALICE["user_id"], "alice cancelled the order for Logo design:"),
        ("order_cancelled_seller", "bob", STAFF_ID, "The order for Logo design was cancelled:"),
    ],
    ids=[
        "buyer, by herself",
        "buyer, by the seller",
        "buyer, by staff",
        "seller, by himself",
        "seller, by the buyer",
        "seller, by staff",
    ],
)
def test_a_cancellation_says_who_cancelled(kind, name, cancelled_by_id, opening):
    rendered = render(kind, order_cancelled(cancelled_by_id=cancelled_by_id), name)

    assert rendered.text.startswith(f"Hi {name},\n\n{opening}\n\n")
    assert opening.replace("Logo design", "<strong>Logo design</strong>") in rendered.html


@pytest.mark.parametrize(("kind", "name"), [("order_cancelled_buyer", "alice"), ("order_cancelled_seller", "bob")])
def test_a_cancellation_reason_with_markup_is_escaped_in_html_and_kept_as_is_in_text(kind, name):
    rendered = render(kind, order_cancelled(reason=SCRIPT), name)

    assert "<script>" not in rendered.html
    assert f">{ESCAPED}</p>" in rendered.html
    assert f":\n\n{SCRIPT}\n\n" in rendered.text


def test_a_cancellation_without_a_reason_shows_no_empty_quote():
    rendered = render("order_cancelled_buyer", order_cancelled(reason=""), "alice")

    assert "bob cancelled your order for Logo design.\n\nYou are refunded" in rendered.text
    assert "background:#f4f4f5;border-radius:6px;" not in rendered.html
