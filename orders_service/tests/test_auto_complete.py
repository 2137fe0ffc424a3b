"""Beat completes orders delivered longer than ORDER_AUTO_COMPLETE_DAYS ago (``auto_completed``)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.conf import settings
from django.utils import timezone

from common.events.catalog.orders import OrderCompleted
from orders_service.orders.models import Order
from orders_service.orders.tasks import auto_complete_delivered

pytestmark = pytest.mark.django_db


def delivered(order_in, days_ago: float) -> Order:
    order = order_in("delivered")
    order.delivered_at = timezone.now() - timedelta(days=days_ago)
    order.save()
    return order


def test_an_order_delivered_past_the_window_completes_by_itself(order_in, events):
    order = delivered(order_in, 3.01)

    assert auto_complete_delivered() == 1

    order.refresh_from_db()
    assert (order.status, order.auto_completed, order.seller_earnings) == ("completed", True, Decimal("96.00"))
    [event] = events.published(OrderCompleted)
    assert (event.auto_completed, event.seller_earnings) == (True, Decimal("96.00"))
    assert order.timeline.get().actor_id is None


def test_an_order_within_the_window_waits(order_in, events):
    delivered(order_in, 2.9)

    assert auto_complete_delivered() == 0
    assert Order.objects.get().status == "delivered"
    assert events.published() == []


def test_the_window_comes_from_settings(order_in, settings):
    settings.ORDER_AUTO_COMPLETE_DAYS = 1
    delivered(order_in, 1.5)

    assert auto_complete_delivered() == 1


@pytest.mark.parametrize("status", ["in_progress", "completed", "cancelled"])
def test_only_delivered_orders_complete(order_in, status):
    order = order_in(status)
    order.delivered_at = timezone.now() - timedelta(days=30)
    order.save()

    assert auto_complete_delivered() == 0


def test_beat_runs_the_task_every_ten_minutes():
    entry = settings.CELERY_BEAT_SCHEDULE["orders-auto-complete"]

    assert (entry["task"], entry["schedule"]) == ("orders.auto_complete_delivered", 600.0)
