"""Write use-cases of the chat service.

Every write opens its transaction, locks what it checks and publishes its events through
the outbox in that same transaction: a message is stored before it is announced, and an
announcement never describes something that rolled back.
"""

from chat_service.chat.services.directory import forget_deleted_user, record_user
from chat_service.chat.services.messages import OfferTerms, send_message
from chat_service.chat.services.offers import accept_offer, cancel_offer
from chat_service.chat.services.reading import ReadReceipt, mark_conversation_read

__all__ = [
    "OfferTerms",
    "ReadReceipt",
    "accept_offer",
    "cancel_offer",
    "forget_deleted_user",
    "mark_conversation_read",
    "record_user",
    "send_message",
]
