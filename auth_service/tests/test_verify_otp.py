from datetime import timedelta

from django.utils import timezone
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from auth_service.accounts.models import KnownDevice, SigninCode
from auth_service.tests.conftest import event_data, post, published

NEW_DEVICE = "new-phone-77"


def request_code(client, password) -> str:
    response = post(client, "signin", {"username": "dana", "password": password, "device_id": NEW_DEVICE})
    assert response.status_code == 202
    return event_data("auth.otp.requested")["code"]


def wrong(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


def test_the_emailed_code_signs_in_and_remembers_the_device(api_client, user, password):
    code = request_code(api_client, password)

    response = post(
        api_client, "verify-otp", {"username_or_email": "dana@example.com", "code": code, "device_id": NEW_DEVICE}
    )

    assert response.status_code == 200
    assert set(response.json()) == {"user", "access", "refresh", "access_expires_at"}
    assert response.json()["user"]["id"] == user.pk
    assert KnownDevice.objects.filter(user=user).count() == 2
    again = post(api_client, "signin", {"username": "dana", "password": password, "device_id": NEW_DEVICE})
    assert again.status_code == 200


def test_the_device_can_come_from_the_header(api_client, user, password):
    code = request_code(api_client, password)

    response = post(api_client, "verify-otp", {"username": "dana", "code": code}, HTTP_X_DEVICE_ID=NEW_DEVICE)

    assert response.status_code == 200


def test_a_code_works_once(api_client, user, password):
    code = request_code(api_client, password)
    body = {"username": "dana", "code": code, "device_id": NEW_DEVICE}
    assert post(api_client, "verify-otp", body).status_code == 200

    response = post(api_client, "verify-otp", body)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_code"


def test_an_expired_code_is_refused(api_client, user, password):
    code = request_code(api_client, password)
    SigninCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    response = post(api_client, "verify-otp", {"username": "dana", "code": code, "device_id": NEW_DEVICE})

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_code"
    assert OutstandingToken.objects.count() == 0


def test_a_code_is_bound_to_the_device_that_asked_for_it(api_client, user, password):
    code = request_code(api_client, password)

    other = post(api_client, "verify-otp", {"username": "dana", "code": code, "device_id": "attacker-device"})
    none = post(api_client, "verify-otp", {"username": "dana", "code": code})

    assert other.status_code == 400 and none.status_code == 400
    assert KnownDevice.objects.filter(user=user).count() == 1


def test_a_new_code_replaces_the_previous_one(api_client, user, password):
    first = request_code(api_client, password)
    second = request_code(api_client, password)

    stale = (
        post(api_client, "verify-otp", {"username": "dana", "code": first, "device_id": NEW_DEVICE})
        if first != second
        else None
    )
    fresh = post(api_client, "verify-otp", {"username": "dana", "code": second, "device_id": NEW_DEVICE})

    assert stale is None or stale.status_code == 400
    assert fresh.status_code == 200


def test_wrong_code_and_unknown_account_get_the_same_answer(api_client, user, password):
    code = request_code(api_client, password)

    wrong_code = post(api_client, "verify-otp", {"username": "dana", "code": wrong(code), "device_id": NEW_DEVICE})
    unknown = post(api_client, "verify-otp", {"username": "nobody", "code": code, "device_id": NEW_DEVICE})

    assert wrong_code.status_code == unknown.status_code == 400
    assert wrong_code.json() == unknown.json()
    assert wrong_code.json()["fields"] == {"code": ["The code is invalid or has expired."]}


def test_five_wrong_codes_per_minute_lock_the_account(api_client, user, password):
    code = request_code(api_client, password)
    for n in range(5):
        post(
            api_client,
            "verify-otp",
            {"username": "dana", "code": wrong(code), "device_id": NEW_DEVICE},
            HTTP_X_CLIENT_IP=f"192.0.2.{n}",
        )

    response = post(
        api_client,
        "verify-otp",
        {"username": "dana", "code": code, "device_id": NEW_DEVICE},
        HTTP_X_CLIENT_IP="192.0.2.200",
    )

    assert response.status_code == 429
    assert response.json()["code"] == "too_many_attempts"
    assert int(response["Retry-After"]) > 0
    assert OutstandingToken.objects.count() == 0


def test_five_wrong_codes_per_minute_lock_the_ip(api_client, user, password):
    code = request_code(api_client, password)
    for n in range(5):
        post(
            api_client,
            "verify-otp",
            {"username": f"ghost{n}", "code": "000000", "device_id": NEW_DEVICE},
            HTTP_X_CLIENT_IP="192.0.2.50",
        )

    response = post(
        api_client,
        "verify-otp",
        {"username": "dana", "code": code, "device_id": NEW_DEVICE},
        HTTP_X_CLIENT_IP="192.0.2.50",
    )

    assert response.status_code == 429


def test_verify_otp_refuses_bad_input_naming_the_field(api_client, user):
    for body, field in [
        ({"username": "dana", "code": "12345"}, "code"),
        ({"username": "dana", "code": "12a456"}, "code"),
        ({"username": "dana", "code": 123456}, "code"),
        ({"code": "123456"}, "username_or_email"),
        ({"username": "dana", "code": "123456", "extra": 1}, "extra"),
    ]:
        response = post(api_client, "verify-otp", body)
        assert response.status_code == 400
        assert field in response.json()["fields"]
    assert published() == []
