"""Write use-cases of the orders service.

Every write opens its transaction, locks the order it checks, asks the state machine
(``transitions``) and writes its timeline entry and its event (outbox) with the change.
"""

from orders_service.orders.services.announcements import Actor
from orders_service.orders.services.deleted_accounts import anonymise_deleted_account
from orders_service.orders.services.extensions import approve_extension, reject_extension, request_extension
from orders_service.orders.services.lifecycle import (
    approve_order,
    auto_complete_delivered,
    cancel_order,
    deliver_order,
    request_revision,
)
from orders_service.orders.services.payments import create_payment_intent, pay_with_test_card, record_provider_event
from orders_service.orders.services.payouts import (
    clear_earnings,
    connect_payout_account,
    retry_withdrawals,
    withdraw,
)
from orders_service.orders.services.placing import place_order
from orders_service.orders.services.replicas import record_offer, record_review
from orders_service.orders.services.resolution import (
    accept_resolution,
    decline_resolution,
    expire_resolution_requests,
    request_resolution,
)
from orders_service.orders.services.support import Outcome, resolve_by_support

__all__ = [
    "Actor",
    "Outcome",
    "accept_resolution",
    "anonymise_deleted_account",
    "decline_resolution",
    "expire_resolution_requests",
    "request_resolution",
    "resolve_by_support",
    "approve_extension",
    "approve_order",
    "auto_complete_delivered",
    "cancel_order",
    "clear_earnings",
    "connect_payout_account",
    "create_payment_intent",
    "deliver_order",
    "pay_with_test_card",
    "place_order",
    "record_offer",
    "record_provider_event",
    "record_review",
    "reject_extension",
    "request_extension",
    "request_revision",
    "retry_withdrawals",
    "withdraw",
]
