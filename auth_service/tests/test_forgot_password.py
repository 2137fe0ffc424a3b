from auth_service.accounts.models import EmailToken
from auth_service.tests.conftest import event_data, post, published


def test_forgot_password_publishes_a_reset_link_for_an_existing_account(api_client, user):
    response = post(api_client, "forgot-password", {"email": "DANA@example.com"})

    assert response.status_code == 200
    assert published() == ["auth.password_reset.requested"]
    data = event_data("auth.password_reset.requested")
    assert data["user_id"] == user.pk and data["email"] == "dana@example.com"
    assert EmailToken.objects.get().token_hash != data["token"]


def test_forgot_password_answers_the_same_for_an_unknown_address(api_client, user):
    known = post(api_client, "forgot-password", {"email": "dana@example.com"})
    unknown = post(api_client, "forgot-password", {"email": "nobody@example.com"})

    assert unknown.status_code == known.status_code == 200
    assert unknown.json() == known.json()
    assert published() == ["auth.password_reset.requested"]


def test_every_request_counts_per_address(api_client, user):
    for n in range(5):
        assert (
            post(
                api_client, "forgot-password", {"email": "dana@example.com"}, HTTP_X_CLIENT_IP=f"192.0.2.{n}"
            ).status_code
            == 200
        )

    response = post(api_client, "forgot-password", {"email": "dana@example.com"}, HTTP_X_CLIENT_IP="192.0.2.99")

    assert response.status_code == 429
    assert response.json()["code"] == "too_many_attempts"
    assert int(response["Retry-After"]) > 0
    assert published().count("auth.password_reset.requested") == 5


def test_every_request_counts_per_ip(api_client, user):
    for n in range(5):
        assert (
            post(
                api_client, "forgot-password", {"email": f"ghost{n}@example.com"}, HTTP_X_CLIENT_IP="198.51.100.1"
            ).status_code
            == 200
        )

    response = post(api_client, "forgot-password", {"email": "dana@example.com"}, HTTP_X_CLIENT_IP="198.51.100.1")

    assert response.status_code == 429
    assert published() == []


def test_the_client_ip_falls_back_to_the_socket_peer(api_client, user):
    for _ in range(5):
        post(
            api_client,
            "forgot-password",
            {"email": "x@example.com"},
            HTTP_X_CLIENT_IP="not-an-ip",
            REMOTE_ADDR="10.1.2.3",
        )

    response = post(api_client, "forgot-password", {"email": "y@example.com"}, REMOTE_ADDR="10.1.2.3")

    assert response.status_code == 429


def test_forgot_password_refuses_bad_input(api_client, user):
    for body, field in [
        ({}, "email"),
        ({"email": "nope"}, "email"),
        ({"email": ["dana@example.com"]}, "email"),
        ({"email": "dana@example.com", "x": 1}, "x"),
    ]:
        response = post(api_client, "forgot-password", body)
        assert response.status_code == 400
        assert field in response.json()["fields"]
    assert published() == []
