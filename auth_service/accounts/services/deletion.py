"""Deleting an account: refused while an order of it is open, then erased here and announced to every service.

The account's row stays, inactive and without its address or password, so that its
username is never given to someone else (reviews and messages once named it), as Fiverr
does. Everything else the services keep of it goes through ``auth.user.deleted``.
"""

from __future__ import annotations

from uuid import UUID

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from auth_service.accounts import errors
from auth_service.accounts.models import EmailToken, KnownDevice, OpenOrder, SigninCode, User
from auth_service.accounts.selectors import get_active_user
from auth_service.accounts.services.passwords import check_current_password
from auth_service.accounts.services.sessions import blacklist_all_refresh_tokens, end_sessions
from common.api.errors import Conflict
from common.events.catalog import auth as events
from common.events.outbox import publish


def delete_account(*, user_id: int, current_password: str, client_ip: str) -> None:
    """Erase the account and sign every session out; 409 ``open_orders`` while an order is open."""
    user = get_active_user(user_id)
    check_current_password(user, current_password, client_ip=client_ip)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user_id)
        open_orders = OpenOrder.objects.filter(Q(buyer_id=user_id) | Q(seller_id=user_id), closed=False).count()
        if open_orders:
            raise Conflict(
                f"Finish or cancel your {open_orders} open order(s) before deleting the account.",
                code=errors.OPEN_ORDERS,
            )
        publish(
            events.UserDeleted(user_id=user.pk, username=user.username, email=user.email, deleted_at=timezone.now())
        )
        erase(user)
        blacklist_all_refresh_tokens(user)
    end_sessions(user_id)


def erase(user: User) -> None:
    """Keep the row (its id and username stay taken), nothing personal."""
    user.email = f"deleted-{user.pk}@deleted.invalid"
    user.first_name = user.last_name = user.country = ""
    user.email_verified = user.is_active = user.is_seller = False
    user.set_unusable_password()
    user.save()
    for model in (EmailToken, KnownDevice, SigninCode):
        model.objects.filter(user=user).delete()


def count_order_opened(*, order_id: UUID, buyer_id: int, seller_id: int) -> None:
    OpenOrder.objects.get_or_create(order_id=order_id, defaults={"buyer_id": buyer_id, "seller_id": seller_id})


def count_order_closed(*, order_id: UUID, buyer_id: int, seller_id: int) -> None:
    OpenOrder.objects.update_or_create(
        order_id=order_id, defaults={"buyer_id": buyer_id, "seller_id": seller_id, "closed": True}
    )
