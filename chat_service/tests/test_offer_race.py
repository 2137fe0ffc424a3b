"""An accept and a cancel racing on one offer: exactly one wins, the other gets ``offer_not_pending``.

Real transactions on two connections (no test transaction around them), started together.
"""

import pytest

from chat_service.chat import services
from chat_service.chat.models import Offer
from chat_service.tests.conftest import published_types, race
from chat_service.tests.factories import ChatUserFactory, GigFactory, offer
from common.api.errors import Conflict

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("attempt", range(5))
def test_accept_and_cancel_cannot_both_win(attempt):
    alice, bob = ChatUserFactory(user_id=1001, username="alice"), ChatUserFactory(user_id=1002, username="bob")
    pending = offer(bob, alice, GigFactory(seller_id=1002))

    accepted, cancelled = race(
        lambda: services.accept_offer(user_id=1001, message_id=pending.pk),
        lambda: services.cancel_offer(user_id=1002, message_id=pending.pk),
    )

    conflicts = [o for o in (accepted, cancelled) if isinstance(o, Conflict)]
    assert len(conflicts) == 1
    assert conflicts[0].code == "offer_not_pending"
    final = Offer.objects.get(pk=pending.pk).status
    assert final == ("cancelled" if accepted is conflicts[0] else "accepted")
    assert published_types() == [f"chat.offer.{final}"]
