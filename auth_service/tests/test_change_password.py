from auth_service.tests.conftest import DEVICE, event_data, post, published
from auth_service.tests.factories import PASSWORD

NEW = "brand-new-secret-77"


def test_change_password_replaces_the_password(api_client, client_of, user):
    response = post(client_of(user), "change-password", {"current_password": PASSWORD, "new_password": NEW})

    assert response.status_code == 200
    assert (
        post(api_client, "signin", {"username": "dana", "password": PASSWORD, "device_id": DEVICE}).status_code == 401
    )
    assert post(api_client, "signin", {"username": "dana", "password": NEW, "device_id": DEVICE}).status_code == 200
    user.refresh_from_db()
    assert user.password.startswith("argon2$")


def test_a_wrong_current_password_is_a_field_error(client_of, user):
    response = post(client_of(user), "change-password", {"current_password": "not-it-at-all", "new_password": NEW})

    assert response.status_code == 400
    assert response.json()["code"] == "wrong_password"
    assert "current_password" in response.json()["fields"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_wrong_current_passwords_are_limited(client_of, user):
    for _ in range(5):
        post(client_of(user), "change-password", {"current_password": "guess-guess-1", "new_password": NEW})

    response = post(client_of(user), "change-password", {"current_password": PASSWORD, "new_password": NEW})

    assert response.status_code == 429
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_a_weak_new_password_is_refused(client_of, user):
    response = post(client_of(user), "change-password", {"current_password": PASSWORD, "new_password": "password123"})

    assert response.status_code == 400
    assert "new_password" in response.json()["fields"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)


def test_change_password_refuses_bad_input(client_of, user):
    for body, field in [
        ({"new_password": NEW}, "current_password"),
        ({"current_password": PASSWORD}, "new_password"),
        ({"current_password": PASSWORD, "new_password": 12345678901}, "new_password"),
        ({"current_password": PASSWORD, "new_password": NEW, "confirm": NEW}, "confirm"),
    ]:
        response = post(client_of(user), "change-password", body)
        assert response.status_code == 400
        assert field in response.json()["fields"]
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert published() == []


def sign_in_refresh(api_client, password=PASSWORD):
    response = post(api_client, "signin", {"username": "dana", "password": password, "device_id": DEVICE})
    return response.json()["refresh"]


def test_changing_the_password_signs_out_every_other_session(api_client, client_of, user):
    this_session, other_session = sign_in_refresh(api_client), sign_in_refresh(api_client)

    response = post(
        client_of(user),
        "change-password",
        {"current_password": PASSWORD, "new_password": NEW, "refresh": this_session},
    )

    assert response.status_code == 200
    assert post(api_client, "refresh", {"refresh": other_session}).status_code == 401
    assert post(api_client, "refresh", {"refresh": this_session}).status_code == 200


def test_without_its_refresh_token_every_session_is_signed_out(api_client, client_of, user):
    session = sign_in_refresh(api_client)

    post(client_of(user), "change-password", {"current_password": PASSWORD, "new_password": NEW})

    assert post(api_client, "refresh", {"refresh": session}).status_code == 401


def test_changing_the_password_tells_the_owner_at_their_address(client_of, user):
    post(client_of(user), "change-password", {"current_password": PASSWORD, "new_password": NEW})

    assert published() == ["auth.password.changed"]
    data = event_data("auth.password.changed")
    assert {key: data[key] for key in ("user_id", "username", "email")} == {
        "user_id": user.pk,
        "username": user.username,
        "email": user.email,
    }
    assert set(data) == {"user_id", "username", "email", "changed_at"}


def test_a_refused_change_tells_nobody(client_of, user):
    post(client_of(user), "change-password", {"current_password": "not-it-at-all", "new_password": NEW})

    assert published() == []
