"""Error codes of the chat service (clients and tests match on these, not on the text)."""

from __future__ import annotations

from common.api.errors import Conflict, Forbidden, InvalidInput, NotFound
from common.api.uploads import UnsupportedFileType

CANNOT_MESSAGE_YOURSELF = "cannot_message_yourself"
UNKNOWN_USER = "unknown_user"
EMPTY_MESSAGE = "empty_message"
UNKNOWN_GIG = "unknown_gig"
GIG_MISMATCH = "gig_mismatch"
GIG_NOT_ACTIVE = "gig_not_active"
NOT_YOUR_GIG = "not_your_gig"
ONLY_BUYER_CAN_ACCEPT = "only_buyer_can_accept"
OFFER_NOT_PENDING = "offer_not_pending"
GIG_UNAVAILABLE = "gig_unavailable"
UNSUPPORTED_ATTACHMENT_TYPE = "unsupported_attachment_type"


class UnsupportedAttachmentType(UnsupportedFileType):
    """415: the attachment's content (not its name or header) is not of an allowed type."""

    code = UNSUPPORTED_ATTACHMENT_TYPE
    detail = "Attachments may be JPEG, PNG, WebP or GIF images, PDF, ZIP or plain text."


def invalid(field: str, message: str, code: str) -> InvalidInput:
    """400 naming ``field`` with a stable ``code``."""
    return InvalidInput.on(field, message, code=code)


def not_your_gig() -> Forbidden:
    return Forbidden(
        "Only the seller of an active gig can make an offer on it.",
        code=NOT_YOUR_GIG,
        fields={"offer": ["You can only make offers on your own gigs."]},
    )


def only_buyer_can_accept() -> Forbidden:
    return Forbidden("Only the buyer the offer was made to can accept it.", code=ONLY_BUYER_CAN_ACCEPT)


def offer_not_pending(status: str) -> Conflict:
    return Conflict(f"The offer is {status}, not pending.", code=OFFER_NOT_PENDING)


def gig_unavailable() -> Conflict:
    return Conflict("The gig of this offer has been deleted.", code=GIG_UNAVAILABLE)


def message_not_found() -> NotFound:
    return NotFound("No such message.")


def conversation_not_found() -> NotFound:
    return NotFound("No such conversation.")
