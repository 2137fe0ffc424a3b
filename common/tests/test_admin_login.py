"""A service's admin login is limited like the signin: failures per minute per account and per IP."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from common.redis import get_redis

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"
PASSWORD = "staff passphrase 1"


@pytest.fixture(autouse=True)
def fresh_counters():
    redis = get_redis()
    for key in redis.scan_iter("admin:attempts:*"):
        redis.delete(key)
    yield
    for key in redis.scan_iter("admin:attempts:*"):
        redis.delete(key)


@pytest.fixture
def staff():
    return get_user_model().objects.create_user("olga", password=PASSWORD, is_staff=True, is_superuser=True)


def log_in(username, password, *, ip="10.1.1.1"):
    return Client(REMOTE_ADDR=ip).post(LOGIN, {"username": username, "password": password})


def test_a_correct_admin_login_redirects_and_counts_nothing(staff, settings):
    for _ in range(settings.RATE_LIMIT_SENSITIVE + 1):
        assert log_in("olga", PASSWORD).status_code == 302


def test_past_the_limit_of_failures_for_an_account_even_the_right_password_gets_429(staff, settings):
    for attempt in range(settings.RATE_LIMIT_SENSITIVE):
        assert log_in("olga", "wrong", ip=f"10.2.0.{attempt + 1}").status_code == 200

    refused = log_in("OLGA", PASSWORD, ip="10.2.1.1")

    assert refused.status_code == 429
    assert refused.json() == {"code": "too_many_attempts", "detail": "Too many attempts. Try again later."}
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert refused["X-Content-Type-Options"] == "nosniff"


def test_past_the_limit_of_failures_from_one_address_every_account_gets_429(staff, settings):
    for attempt in range(settings.RATE_LIMIT_SENSITIVE):
        assert log_in(f"guess{attempt}", "wrong", ip="10.3.0.1").status_code == 200

    assert log_in("olga", PASSWORD, ip="10.3.0.1").status_code == 429
    assert log_in("olga", PASSWORD, ip="10.3.0.2").status_code == 302


def test_the_login_form_itself_is_still_shown_to_a_blocked_address(staff, settings):
    for attempt in range(settings.RATE_LIMIT_SENSITIVE):
        log_in(f"guess{attempt}", "wrong", ip="10.4.0.1")

    assert Client(REMOTE_ADDR="10.4.0.1").get(LOGIN).status_code == 200
