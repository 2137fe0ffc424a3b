from auth_service.tests.factories import UserFactory


def test_me_returns_the_signed_in_account(client_of, user):
    response = client_of(user).get("/api/v1/auth/me")

    assert response.status_code == 200
    assert response.json() == {
        "id": user.pk,
        "username": "Dana",
        "email": "dana@example.com",
        "email_verified": False,
        "is_seller": False,
        "country": "Kenya",
        "created_at": response.json()["created_at"],
    }


def test_me_reads_the_database_not_the_token(client_of, user, token_of):
    client = client_of(user)
    user.email_verified = True
    user.save()

    assert client.get("/api/v1/auth/me").json()["email_verified"] is True


def test_another_users_token_shows_that_user_only(client_of, user):
    other = UserFactory(username="erin")

    response = client_of(other).get("/api/v1/auth/me")

    assert response.json()["id"] == other.pk
    assert "password" not in response.json()
