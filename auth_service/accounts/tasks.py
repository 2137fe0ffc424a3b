"""Celery tasks of the auth service: another interface over services."""

from celery import shared_task

from auth_service.accounts.services import purge_expired_tokens


@shared_task(name="auth.purge_expired_tokens")  # type: ignore[misc]  # Celery is untyped
def purge_expired_tokens_task() -> dict[str, int]:
    """Scheduled hourly by ``CELERY_BEAT_SCHEDULE`` (see ``auth_service/settings.py``)."""
    return purge_expired_tokens()
