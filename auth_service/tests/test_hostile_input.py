"""Hostile input on every auth endpoint: a 400 naming the field, never a 5xx."""

import pytest

from auth_service.accounts.models import User
from common.testing.hostile import HUGE, NUL, Case, check

pytestmark = pytest.mark.django_db
V1 = "/api/v1/auth"
SIGNUP = {"username": "newcomer", "email": "new@example.com", "password": "a-Long-passw0rd!", "country": "Kenya"}

CASES = [
    Case("POST", f"{V1}/signup", body={**SIGNUP, "username": "new" + NUL}, field="username"),
    Case("POST", f"{V1}/signup", body={**SIGNUP, "email": "n" + NUL + "@example.com"}, field="email"),
    Case("POST", f"{V1}/signup", body={**SIGNUP, "password": "a-Long-" + NUL + "passw0rd!"}, field="password"),
    Case("POST", f"{V1}/signup", body={**SIGNUP, "country": "Ken" + NUL}, field="country"),
    Case("POST", f"{V1}/signup", body={**SIGNUP, "device_id": NUL}, field="device_id"),
    Case("POST", f"{V1}/signup", body={**SIGNUP, "country": HUGE}, field="country"),
    Case("POST", f"{V1}/signin", body={"username": "a" + NUL, "password": "x"}, field="username"),
    Case("POST", f"{V1}/signin", body={"username": "alice", "password": NUL}, field="password"),
    Case("POST", f"{V1}/verify-otp", body={"username": "alice", "code": "12345" + NUL}, field="code"),
    Case("POST", f"{V1}/verify-otp", body={"username": "alice", "code": HUGE}, field="code"),
    Case("POST", f"{V1}/refresh", body={"refresh": NUL}, field="refresh"),
    Case("POST", f"{V1}/verify-email", body={"token": "t" + NUL}, field="token"),
    Case("POST", f"{V1}/forgot-password", body={"email": NUL}, field="email"),
    Case("POST", f"{V1}/reset-password", body={"token": NUL, "password": "p", "password_confirm": "p"}, field="token"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_hostile_input_is_refused_naming_the_field(api_client, case):
    check(api_client, case)

    assert not User.objects.exists()
