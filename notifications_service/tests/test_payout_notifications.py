"""A seller is told in the app and by email when a withdrawal is transferred or refused."""

import pytest

from notifications_service.notifications.models import Notification, OutgoingEmail
from notifications_service.tests.factories import payout_failed, payout_withdrawn

LINK = "https://front.example/dashboard"
SIGNATURE = (
    f"\n\n{LINK}\n\n"
    "The Bazaar team\n"
    "https://front.example/\n\n"
    "You get this email because it concerns your Bazaar account.\n"
)


@pytest.fixture(autouse=True)
def _front_end(settings, parties):
    settings.FRONTEND_URL = "https://front.example"


def test_a_transferred_withdrawal_is_told_to_the_seller_with_what_is_left(events):
    assert events.deliver(payout_withdrawn()) == [True]

    assert list(Notification.objects.values("user_id", "kind", "title", "body", "link")) == [
        {
            "user_id": 1002,
            "kind": "payout_withdrawn",
            "title": "$96.00 is on its way to you",
            "body": "Your withdrawal of $96.00 was transferred to your payout account. $4.50 is still available.",
            "link": "/dashboard",
        }
    ]
    email = OutgoingEmail.objects.get()
    assert (email.kind, email.to_address, email.category) == ("payout_withdrawn", "bob@example.com", "essential")
    assert email.subject == "$96.00 is on its way to your payout account"
    assert email.text_body == (
        "Hi bob,\n\n"
        "Your withdrawal of $96.00 was transferred to your payout account (tr_1Qa2b3). "
        "Your bank usually shows it within a few business days.\n\n"
        "$4.50 is still available to withdraw." + SIGNATURE
    )
    assert f'<a href="{LINK}"' in email.html_body
    assert ">See your balance</a>" in email.html_body


def test_a_refused_withdrawal_is_told_to_the_seller_with_the_reason_and_the_money_back(events):
    events.deliver(payout_failed())

    notice = Notification.objects.get()
    assert (notice.user_id, notice.kind, notice.title) == (1002, "payout_failed", "Your withdrawal of $96.00 failed")
    assert notice.body == (
        "The payment provider refused the transfer of $96.00: The destination account cannot receive transfers. "
        "The money is available again ($100.50)."
    )
    email = OutgoingEmail.objects.get()
    assert email.subject == "Your withdrawal of $96.00 failed"
    assert email.text_body == (
        "Hi bob,\n\n"
        "The payment provider refused the transfer of your withdrawal of $96.00:\n\n"
        "The destination account cannot receive transfers.\n\n"
        "Nothing left your balance: $100.50 is available again. Check your payout account, then withdraw again."
        + SIGNATURE
    )


def test_a_reason_with_markup_is_escaped_in_html(events):
    events.deliver(payout_failed(reason="<script>alert(1)</script>"))

    email = OutgoingEmail.objects.get()
    assert "<script>" not in email.html_body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in email.html_body


def test_the_same_event_delivered_twice_tells_once(events):
    event = payout_withdrawn()
    events.deliver(event, event_id=event.withdrawal_id)

    events.deliver(event, event_id=event.withdrawal_id)

    assert (Notification.objects.count(), OutgoingEmail.objects.count()) == (1, 1)
