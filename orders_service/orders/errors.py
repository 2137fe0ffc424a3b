"""Error codes of the orders service (clients and tests match on these, not on the text)."""

from __future__ import annotations

from decimal import Decimal

from common.api.errors import BazaarError, Conflict, Forbidden, InvalidInput, NotFound
from orders_service.orders import money

GIG_OR_OFFER = "gig_or_offer"
GIG_NOT_FOUND = "gig_not_found"
GIG_NOT_ACTIVE = "gig_not_active"
OWN_GIG = "cannot_order_own_gig"
OFFER_NOT_FOUND = "offer_not_found"
OFFER_ALREADY_ORDERED = "offer_already_ordered"
PAYMENT_NOT_FOUND = "payment_not_found"
PAYMENT_NOT_SUCCEEDED = "payment_not_succeeded"
PAYMENT_ALREADY_USED = "payment_already_used"
PAYMENT_PROVIDER_ERROR = "payment_provider_error"
INVALID_TRANSITION = "invalid_transition"
ONLY_BUYER = "only_buyer"
ONLY_SELLER = "only_seller"
EXTENSION_PENDING = "extension_pending"
NO_PENDING_EXTENSION = "no_pending_extension"
ORDER_NOT_LATE = "order_not_late"
CANCELLATION_NEEDS_AGREEMENT = "cancellation_needs_agreement"
RESOLUTION_PENDING = "resolution_pending"
NO_PENDING_RESOLUTION = "no_pending_resolution"
OWN_RESOLUTION_REQUEST = "own_resolution_request"
REFUND_TOO_LARGE = "refund_too_large"
INVALID_WEBHOOK = "invalid_webhook"
TOTAL_TOO_LARGE = "total_too_large"
TEST_CARDS_UNAVAILABLE = "test_cards_unavailable"
PACKAGE_NOT_OFFERED = "package_not_offered"
NO_REVISIONS_LEFT = "no_revisions_left"
ONLY_SELLERS = "only_sellers"
NO_PAYOUT_ACCOUNT = "no_payout_account"
WITHDRAWAL_PENDING = "withdrawal_pending"
AMOUNT_TOO_LARGE = "amount_too_large"
BELOW_MINIMUM_WITHDRAWAL = "below_minimum_withdrawal"
IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
PAYOUT_FAILED = "payout_failed"


class PaymentProviderUnavailable(BazaarError):
    """502: the payment provider refused or did not answer; nothing was changed here."""

    status = 502
    code = PAYMENT_PROVIDER_ERROR
    detail = "The payment provider could not complete the request; nothing was changed. Try again."


def invalid(field: str, message: str, code: str) -> InvalidInput:
    return InvalidInput.on(field, message, code=code)


def total_too_large(field: str, total: Decimal) -> InvalidInput:
    message = f"The order total {total} is more than one order can charge ({money.MAX_TOTAL})."
    return invalid(field, message, TOTAL_TOO_LARGE)


def order_not_found() -> NotFound:
    return NotFound("No such order.")


def gig_not_found() -> NotFound:
    return NotFound("No such gig.", code=GIG_NOT_FOUND)


def gig_not_active() -> Conflict:
    return Conflict("The gig is paused: it cannot be ordered now.", code=GIG_NOT_ACTIVE)


def own_gig() -> Forbidden:
    return Forbidden("You cannot order your own gig.", code=OWN_GIG)


def package_not_offered(tier: str) -> InvalidInput:
    return invalid("package", f"This gig offers no {tier} package.", PACKAGE_NOT_OFFERED)


def no_revisions_left(allowed: int) -> Conflict:
    message = f"The package includes {allowed} revision{'s' if allowed != 1 else ''}, all asked for already."
    return Conflict(message, code=NO_REVISIONS_LEFT)


def offer_not_found() -> NotFound:
    return NotFound("No accepted offer to you with this message id.", code=OFFER_NOT_FOUND)


def offer_already_ordered() -> Conflict:
    return Conflict("This offer has already been ordered.", code=OFFER_ALREADY_ORDERED)


def test_cards_unavailable() -> NotFound:
    return NotFound("Test cards are taken only while payments go to a local stand-in.", code=TEST_CARDS_UNAVAILABLE)


def payment_not_found() -> NotFound:
    return NotFound("No payment of yours with this id.", code=PAYMENT_NOT_FOUND)


def payment_not_succeeded(status: str) -> Conflict:
    return Conflict(f"The payment has not succeeded (it is {status}).", code=PAYMENT_NOT_SUCCEEDED)


def payment_already_used() -> Conflict:
    return Conflict("This payment already placed an order.", code=PAYMENT_ALREADY_USED)


def invalid_transition(action: str, status: str) -> Conflict:
    return Conflict(f"An order that is {status} cannot be {action}.", code=INVALID_TRANSITION)


def only(role: str, action: str) -> Forbidden:
    return Forbidden(f"Only the {role} can do this ({action}).", code=ONLY_BUYER if role == "buyer" else ONLY_SELLER)


def extension_pending() -> Conflict:
    return Conflict("An extension request is already waiting for the buyer.", code=EXTENSION_PENDING)


def no_pending_extension() -> Conflict:
    return Conflict("There is no pending extension request.", code=NO_PENDING_EXTENSION)


def order_not_late(due_at: str) -> Conflict:
    message = f"The buyer may cancel alone only a late order (due {due_at}); ask the seller to cancel instead."
    return Conflict(message, code=ORDER_NOT_LATE)


def cancellation_needs_agreement() -> Conflict:
    message = "A delivered order is cancelled only by agreement: ask the other party to cancel instead."
    return Conflict(message, code=CANCELLATION_NEEDS_AGREEMENT)


def resolution_pending() -> Conflict:
    return Conflict("A cancellation or refund request is already waiting for an answer.", code=RESOLUTION_PENDING)


def no_pending_resolution() -> Conflict:
    return Conflict("There is no pending cancellation or refund request.", code=NO_PENDING_RESOLUTION)


def own_resolution_request() -> Forbidden:
    return Forbidden("Only the other party can answer this request.", code=OWN_RESOLUTION_REQUEST)


def refund_too_large(limit: Decimal) -> InvalidInput:
    message = f"A partial refund is less than what is left of the price ({limit}); to give it all back, cancel."
    return invalid("amount", message, REFUND_TOO_LARGE)


def invalid_webhook() -> InvalidInput:
    return InvalidInput("The webhook's signature does not verify.", code=INVALID_WEBHOOK)


class PayoutFailed(BazaarError):
    """502: the provider refused the transfer; the amount is available again (the ledger says so)."""

    status = 502
    code = PAYOUT_FAILED
    detail = "The payment provider refused the transfer; the amount is available again."


def only_sellers() -> Forbidden:
    return Forbidden("Only sellers have payouts: become a seller first.", code=ONLY_SELLERS)


def no_payout_account() -> Conflict:
    message = "Connect a payout account first (POST /payouts/account)."
    return Conflict(message, code=NO_PAYOUT_ACCOUNT)


def withdrawal_pending() -> Conflict:
    return Conflict("A withdrawal is already on its way; wait for it to end.", code=WITHDRAWAL_PENDING)


def amount_too_large(available: Decimal) -> InvalidInput:
    return invalid("amount", f"You have {available} available to withdraw.", AMOUNT_TOO_LARGE)


def below_minimum_withdrawal(minimum: Decimal, available: Decimal) -> InvalidInput:
    message = f"The least you can withdraw is {minimum} (you have {available} available)."
    return invalid("amount", message, BELOW_MINIMUM_WITHDRAWAL)


def idempotency_key_reused() -> Conflict:
    message = "This Idempotency-Key was used for a withdrawal of another amount."
    return Conflict(message, code=IDEMPOTENCY_KEY_REUSED)
