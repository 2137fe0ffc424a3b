"""Celery tasks of the orders service (beat runs them, see ``CELERY_BEAT_SCHEDULE``)."""

from __future__ import annotations

from celery import shared_task

from orders_service.orders import services


@shared_task(name="orders.auto_complete_delivered")  # type: ignore[misc]  # Celery is untyped
def auto_complete_delivered() -> int:
    """Complete the delivered orders whose approval window ran out; how many."""
    return len(services.auto_complete_delivered())


@shared_task(name="orders.expire_resolution_requests")  # type: ignore[misc]  # Celery is untyped
def expire_resolution_requests() -> int:
    """Accept the cancellation and refund requests left unanswered past their deadline; how many."""
    return len(services.expire_resolution_requests())


@shared_task(name="orders.clear_earnings")  # type: ignore[misc]  # Celery is untyped
def clear_earnings() -> int:
    """Make the earnings past their clearing period available; how many."""
    return len(services.clear_earnings())


@shared_task(name="orders.retry_withdrawals")  # type: ignore[misc]  # Celery is untyped
def retry_withdrawals() -> int:
    """Ask the provider again for the withdrawals it did not answer; how many ended."""
    return len(services.retry_withdrawals())
