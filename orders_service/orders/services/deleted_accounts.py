"""A deleted account's orders: kept, as the books must be (payments, refunds, earnings), under "Deleted user"."""

from __future__ import annotations

from django.db import transaction

from common.events.catalog.auth import DELETED_USERNAME
from orders_service.orders.models import AcceptedOffer, Order, Payment, ResolutionRequest, TimelineEntry


def anonymise_deleted_account(*, user_id: int) -> None:
    """Replace the account's name wherever an order, payment or offer keeps it; the amounts stay."""
    with transaction.atomic():
        for model in (Order, Payment, AcceptedOffer):
            model.objects.filter(buyer_id=user_id).update(buyer_username=DELETED_USERNAME)
            model.objects.filter(seller_id=user_id).update(seller_username=DELETED_USERNAME)
        TimelineEntry.objects.filter(actor_id=user_id).update(actor_username=DELETED_USERNAME)
        ResolutionRequest.objects.filter(requested_by_id=user_id).update(requested_by_username=DELETED_USERNAME)
