"""Messages of chat's offer events: they link to the conversation in the inbox."""

from __future__ import annotations

from common.events.catalog.chat import OfferAccepted, OfferCancelled, OfferEvent, OfferSent
from notifications_service.notifications.emails import frontend_link
from notifications_service.notifications.formatting import days, usd
from notifications_service.notifications.messages import Message
from notifications_service.notifications.services import Mail, Notice


def _conversation_page(event: OfferEvent) -> str:
    return f"/inbox/{event.conversation_id}"


def _terms(event: OfferEvent) -> str:
    return f"{usd(event.price)}, delivery in {days(event.delivery_days)}"


def _to(user_id: int, event: OfferEvent, *, kind: str, title: str, body: str, **extra: str) -> Message:
    page = _conversation_page(event)
    notice = Notice(user_id=user_id, kind=kind, title=title, body=body, link=page)
    return Message(notice, Mail(kind, {**event.model_dump(), "link": frontend_link(page), **extra}))


def sent(event: OfferSent) -> Message:
    return _to(
        event.buyer_id,
        event,
        kind="offer_sent",
        title=f"New offer from {event.seller_username}",
        body=f"{event.seller_username} sent you an offer for {event.gig_title}: {_terms(event)}.",
    )


def accepted(event: OfferAccepted) -> Message:
    return _to(
        event.seller_id,
        event,
        kind="offer_accepted",
        title=f"{event.buyer_username} accepted your offer",
        body=f"{event.buyer_username} accepted your offer for {event.gig_title} ({_terms(event)}). "
        "They can now place the order.",
    )


def cancelled(event: OfferCancelled) -> list[Message]:
    """To the party who did not cancel; should anyone else (staff) ever cancel one, to both."""
    parties = {event.buyer_id: event.buyer_username, event.seller_id: event.seller_username}
    cancelled_by = parties.get(event.cancelled_by_id, "")
    offer = f"offer for {event.gig_title} ({_terms(event)})"
    body = f"{cancelled_by} cancelled the {offer}." if cancelled_by else f"The {offer} was cancelled."
    return [
        _to(user_id, event, kind="offer_cancelled", title="Offer cancelled", body=body, cancelled_by=cancelled_by)
        for user_id in parties
        if user_id != event.cancelled_by_id
    ]
