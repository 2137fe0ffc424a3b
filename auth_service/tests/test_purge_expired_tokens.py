from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken

from auth_service.accounts.models import EmailToken, SigninCode
from auth_service.accounts.tasks import purge_expired_tokens_task
from auth_service.accounts.tokens import issue_token_pair


def test_purge_deletes_expired_tokens_and_their_blacklist_rows_only(user):
    issue_token_pair(user)
    expired = issue_token_pair(user)
    OutstandingToken.objects.filter(jti__in=[t.jti for t in OutstandingToken.objects.all()[1:]]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    BlacklistedToken.objects.create(token=OutstandingToken.objects.get(expires_at__lte=timezone.now()))
    past = timezone.now() - timedelta(minutes=1)
    SigninCode.objects.create(user=user, device_hash="d", code_hash="h", expires_at=past)
    EmailToken.objects.create(user=user, purpose="verify_email", token_hash="old", expires_at=past)
    EmailToken.objects.create(
        user=user, purpose="verify_email", token_hash="new", expires_at=timezone.now() + timedelta(hours=1)
    )
    assert expired

    result = purge_expired_tokens_task.apply().get()

    assert result == {"refresh_tokens": 2, "signin_codes": 1, "email_tokens": 1}
    assert OutstandingToken.objects.count() == 1
    assert BlacklistedToken.objects.count() == 0
    assert list(EmailToken.objects.values_list("token_hash", flat=True)) == ["new"]


def test_the_purge_is_scheduled():
    schedule = settings.CELERY_BEAT_SCHEDULE["auth-purge-expired-tokens"]

    assert schedule["task"] == purge_expired_tokens_task.name
