"""What each email says: greeting, link into the front end, text and HTML parts, escaping."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.template.loader import get_template
from django.utils.html import escape

from notifications_service.notifications import emails
from notifications_service.notifications.emails import (
    KINDS,
    NON_ESSENTIAL,
    SUBJECT_MAX_LENGTH,
    EmailKind,
    frontend_link,
    render_email,
)
from notifications_service.notifications.formatting import usd
from notifications_service.notifications.models import OutgoingEmail
from notifications_service.tests.factories import (
    ORDER_EMAIL_EVENTS,
    PAYOUT_EMAIL_EVENTS,
    TOKEN,
    mail_extra,
    offer_accepted,
    offer_cancelled,
    offer_sent,
    otp_requested,
    reset_completed,
    reset_requested,
    review_created,
    review_replied,
    verification_requested,
    verified,
)

EXPIRES_AT = datetime(2030, 3, 14, 15, 9, tzinfo=UTC)
SAMPLE_CONTEXT = {
    "verify_email": {"link": "https://front.example/verify-email?token=t", "expires_at": EXPIRES_AT},
    "one_time_code": {"code": "042917", "expires_in_minutes": 10},
    "forgot_password": {"link": "https://front.example/reset-password?token=t", "expires_at": EXPIRES_AT},
    "password_reset_done": {},
    "password_changed": {"link": "https://front.example/forgot-password", "changed_at": EXPIRES_AT},
    "confirm_email_change": {
        "link": "https://front.example/confirm-email?token=t",
        "expires_at": EXPIRES_AT,
        "current_email": "dora.old@example.com",
    },
    "email_changed": {"new_email": "dora.new@example.com", "changed_at": EXPIRES_AT},
    "account_deleted": {"deleted_at": EXPIRES_AT},
    "unread_messages": {
        "sender_username": "bob",
        "messages": 2,
        "count_text": "2 messages",
        "preview": "Hi alice, here is a first sketch.",
        "link": "https://front.example/inbox/12",
        "preferences_link": "https://front.example/settings/notifications",
    },
    "review_received": {**review_created().model_dump(), "link": "https://front.example/orders/1"},
    "review_replied": {**review_replied().model_dump(), "link": "https://front.example/orders/1"},
    "welcome": {},
    "offer_sent": {**offer_sent().model_dump(), "link": "https://front.example/inbox/12"},
    "offer_accepted": {**offer_accepted().model_dump(), "link": "https://front.example/inbox/12"},
    "offer_cancelled": {
        **offer_cancelled().model_dump(),
        "link": "https://front.example/inbox/12",
        "cancelled_by": "bob",
    },
    **{
        kind: {**event().model_dump(), "link": "https://front.example/orders/1", **mail_extra(kind, event())}
        for kind, event in ORDER_EMAIL_EVENTS.items()
    },
    **{
        kind: {**event().model_dump(), "link": "https://front.example/dashboard", **mail_extra(kind, event())}
        for kind, event in PAYOUT_EMAIL_EVENTS.items()
    },
}
SCRIPT = "<script>alert(1)</script>"


@pytest.fixture(autouse=True)
def _front_end(settings):
    settings.FRONTEND_URL = "https://front.example"


def email_of(events, event) -> OutgoingEmail:
    events.deliver(event)
    return OutgoingEmail.objects.get()


def test_every_kind_has_a_sample_context_here():
    assert sorted(SAMPLE_CONTEXT) == sorted(KINDS)


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_kind_has_a_text_and_an_html_template_on_the_base_layout(kind):
    assert get_template(f"notifications/email/{kind}.txt")
    rendered = render_email(kind, name="dora", context=SAMPLE_CONTEXT[kind])

    assert rendered.html.startswith("<!DOCTYPE html>")
    assert f"<title>{escape(rendered.subject)}</title>" in rendered.html


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_email_greets_the_recipient_by_name_in_both_parts(kind):
    rendered = render_email(kind, name="dora", context=SAMPLE_CONTEXT[kind])

    assert rendered.text.startswith("Hi dora,\n\n")
    assert '<p style="margin:0 0 16px;">Hi dora,</p>' in rendered.html


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_email_links_to_the_front_end(kind):
    rendered = render_email(kind, name="dora", context=SAMPLE_CONTEXT[kind])

    assert "https://front.example/" in rendered.text
    assert 'href="https://front.example/"' in rendered.html


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_a_name_with_markup_is_escaped_in_html_and_kept_as_is_in_text(kind):
    rendered = render_email(kind, name=SCRIPT, context=SAMPLE_CONTEXT[kind])

    assert "<script>" not in rendered.html
    assert "Hi &lt;script&gt;alert(1)&lt;/script&gt;," in rendered.html
    assert rendered.text.startswith(f"Hi {SCRIPT},\n")
    assert "&lt;" not in rendered.text


def test_a_username_with_markup_in_an_event_is_escaped_in_the_stored_html(events):
    email = email_of(events, verification_requested(username=SCRIPT))

    assert email.to_name == SCRIPT
    assert "<script>" not in email.html_body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in email.html_body


def test_the_verification_email_reads_exactly(events):
    email = email_of(events, verification_requested())

    assert email.subject == "Verify your email address"
    assert email.text_body == (
        "Hi dora,\n\n"
        "Please confirm that this is your email address by opening this link:\n\n"
        f"https://front.example/verify-email?token={TOKEN}\n\n"
        "The link works until 14 March 2030, 15:09 UTC. "
        "If you did not create a Bazaar account, you can ignore this email.\n\n"
        "The Bazaar team\n"
        "https://front.example/\n\n"
        "You get this email because it concerns your Bazaar account.\n"
    )


def test_the_verification_email_has_a_button_to_the_verification_link(events):
    email = email_of(events, verification_requested())

    assert f'<a href="https://front.example/verify-email?token={TOKEN}"' in email.html_body
    assert ">Verify my email</a>" in email.html_body
    assert "14 March 2030, 15:09 UTC" in email.html_body


def test_the_one_time_code_email_shows_the_code_and_how_long_it_is_valid(events):
    email = email_of(events, otp_requested(code="042917", expires_in_minutes=10))

    assert "\n\n042917\n\nIt is valid for 10 minutes." in email.text_body
    assert ">042917</p>" in email.html_body
    assert "It is valid for 10 minutes." in email.html_body


def test_a_code_valid_one_minute_says_minute(events):
    email = email_of(events, otp_requested(expires_in_minutes=1))

    assert "It is valid for 1 minute." in email.text_body


def test_the_forgot_password_email_links_to_the_reset_page_and_says_when_it_expires(events):
    email = email_of(events, reset_requested())

    link = f"https://front.example/reset-password?token={TOKEN}"
    assert f"\n\n{link}\n\nThe link works until 14 March 2030, 15:09 UTC and only once." in email.text_body
    assert f'<a href="{link}"' in email.html_body


def test_the_password_reset_done_email_says_every_session_was_signed_out(events):
    email = email_of(events, reset_completed())

    assert "Your Bazaar password was reset and every session was signed out." in email.text_body
    assert ">Sign in to Bazaar</a>" in email.html_body


def test_the_welcome_email_says_it_can_be_turned_off(events):
    email = email_of(events, verified())

    assert email.subject == "Welcome to Bazaar"
    assert "You can turn it off in your notification preferences." in email.text_body
    assert "You can turn it off in your notification preferences." in email.html_body


def test_an_essential_email_does_not_offer_to_turn_it_off(events):
    email = email_of(events, reset_requested())

    assert "turn it off" not in email.text_body
    assert "You get this email because it concerns your Bazaar account." in email.html_body


def test_a_front_end_link_encodes_its_query():
    assert frontend_link("/reset-password", token="a b&c=d/é") == (
        "https://front.example/reset-password?token=a+b%26c%3Dd%2F%C3%A9"
    )


def test_a_front_end_url_with_a_trailing_slash_gives_no_double_slash(settings):
    settings.FRONTEND_URL = "https://front.example/app/"

    assert frontend_link("/verify-email", token="t") == "https://front.example/app/verify-email?token=t"


def test_a_subject_may_name_context_values_and_never_spans_lines(monkeypatch):
    monkeypatch.setitem(emails.KINDS, "welcome", EmailKind("Order {order_id} was delivered", emails.NON_ESSENTIAL))

    rendered = render_email("welcome", name="dora", context={"order_id": "12\r\nBcc: eve@example.com"})

    assert rendered.subject == "Order 12 Bcc: eve@example.com was delivered"


def test_only_the_welcome_email_can_be_turned_off():
    # Offers and orders concern a deal the recipient is party to: never opted out of.
    assert [kind for kind, spec in KINDS.items() if spec.category == NON_ESSENTIAL] == ["welcome"]


def test_a_subject_too_long_for_its_column_is_cut_with_an_ellipsis():
    context = {**SAMPLE_CONTEXT["offer_sent"], "seller_username": "s" * 150, "gig_title": "t" * 120}

    subject = render_email("offer_sent", name="dora", context=context).subject

    assert len(subject) == SUBJECT_MAX_LENGTH == 200
    assert subject == "s" * 150 + " sent you an offer for " + "t" * 26 + "…"


@pytest.mark.parametrize(
    ("amount", "shown"),
    [("0", "$0.00"), ("5", "$5.00"), ("49.99", "$49.99"), ("1249.5", "$1,249.50"), ("1234567.89", "$1,234,567.89")],
)
def test_money_shows_in_dollars_and_cents(amount, shown):
    assert usd(Decimal(amount)) == shown


def test_money_is_never_a_float():
    with pytest.raises(TypeError, match="must be a Decimal, not float"):
        usd(49.99)
