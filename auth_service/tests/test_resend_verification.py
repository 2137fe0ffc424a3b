from auth_service.accounts.models import EmailToken
from auth_service.tests.conftest import event_data, post, published


def test_resend_publishes_a_new_token_and_retires_the_old_one(api_client, client_of, user):
    client = client_of(user)
    assert post(client, "resend-verification").status_code == 200
    first = event_data("auth.email_verification.requested")["token"]

    response = post(client_of(user), "resend-verification")

    assert response.status_code == 200
    second = event_data("auth.email_verification.requested")["token"]
    assert first != second
    assert published() == ["auth.email_verification.requested"] * 2
    assert post(api_client, "verify-email", {"token": first}).status_code == 400
    assert post(api_client, "verify-email", {"token": second}).status_code == 200


def test_resend_for_a_verified_address_is_a_conflict(client_of, user):
    user.email_verified = True
    user.save()

    response = post(client_of(user), "resend-verification")

    assert response.status_code == 409
    assert response.json()["code"] == "email_already_verified"
    assert published() == []
    assert EmailToken.objects.count() == 0


def test_resend_refuses_a_body_with_fields(client_of, user):
    response = post(client_of(user), "resend-verification", {"email": "other@example.com"})

    assert response.status_code == 400
    assert "email" in response.json()["fields"]
    assert published() == []
