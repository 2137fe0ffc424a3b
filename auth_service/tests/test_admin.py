import pytest
from django.core.management import call_command

from auth_service.accounts.models import User
from auth_service.tests.factories import PASSWORD, UserFactory


@pytest.fixture
def staff_client(client):
    admin = User.objects.create_superuser("root", "root@example.com", PASSWORD)
    client.force_login(admin)
    return client


def test_createsuperuser_works(monkeypatch):
    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", PASSWORD)

    call_command("createsuperuser", "--noinput", "--username", "boss", "--email", "boss@example.com")

    boss = User.objects.get(username="boss")
    assert boss.is_superuser and boss.is_staff
    assert boss.password.startswith("argon2$")


def test_admin_login_ignores_the_case_of_the_username(client):
    User.objects.create_superuser("Root", "root@example.com", PASSWORD)

    assert client.login(username="root", password=PASSWORD)


def test_admin_lists_searches_and_filters_accounts(staff_client):
    UserFactory(username="findme", email_verified=True)

    listing = staff_client.get("/admin/accounts/user/?q=findme&email_verified__exact=1")

    assert listing.status_code == 200
    assert b"findme" in listing.content


def test_admin_change_page_shows_no_password_hash(staff_client):
    account = UserFactory(username="secretive")

    page = staff_client.get(f"/admin/accounts/user/{account.pk}/change/")

    assert page.status_code == 200
    assert b"argon2" not in page.content
    assert account.password.split("$")[-1].encode() not in page.content


def test_admin_adds_an_account(staff_client):
    response = staff_client.post(
        "/admin/accounts/user/add/",
        {
            "username": "added",
            "email": "added@example.com",
            "country": "Chile",
            "password1": "sturdy-lantern-42",
            "password2": "sturdy-lantern-42",
        },
    )

    assert response.status_code == 302
    assert User.objects.get(username="added").check_password("sturdy-lantern-42")


def test_admin_token_pages_load(staff_client):
    assert staff_client.get("/admin/token_blacklist/outstandingtoken/").status_code == 200
    assert staff_client.get("/admin/token_blacklist/blacklistedtoken/").status_code == 200
