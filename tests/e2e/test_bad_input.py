"""Bad input to signup through the real gateway: a 4xx naming the problem, nothing written, still serving."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

pytestmark = pytest.mark.e2e

SIGNUP = "/api/v1/auth/signup"
SQL = "'; DROP TABLE accounts_user; --"
HTML = "<script>alert(document.cookie)</script>"
# Fields whose value has a shape (a name, an address, a country) and must refuse such text.
SHAPED_FIELDS = ("username", "email", "country")


@pytest.fixture
def nothing_written(auth_db) -> Iterator[None]:
    """Fails the test when accounts or outbox messages were added while it ran."""
    before = auth_db.row_counts()
    yield
    assert auth_db.row_counts() == before


def assert_names_fields(response, *fields: str) -> None:
    assert response.status_code == 400, response.text
    body = response.json()
    assert body["code"] == "invalid"
    assert set(body["fields"]) == set(fields)
    for field in fields:
        assert body["fields"][field], f"no message for {field}"


def post_json(fleet, body: bytes):
    with fleet.client() as client:
        return client.post(SIGNUP, content=body, headers={"Content-Type": "application/json"})


@pytest.mark.parametrize(
    "body",
    [b'{"username": ', b"{'username': 'single quotes'}", b"not json at all", b'{"a": 1}}', b"\xff\xfe\x00"],
    ids=["truncated", "single-quotes", "bare-text", "trailing-brace", "not-utf8"],
)
def test_malformed_json_is_a_400_malformed_request(fleet, nothing_written, body):
    response = post_json(fleet, body)

    assert response.status_code == 400, response.text
    assert response.json()["code"] == "malformed_request"


def test_an_empty_object_names_every_required_field(fleet, nothing_written):
    with fleet.client() as client:
        response = client.post(SIGNUP, json={})

    assert_names_fields(response, "username", "email", "password", "country")


def test_a_json_array_instead_of_an_object_is_refused(fleet, nothing_written, new_account):
    with fleet.client() as client:
        response = client.post(SIGNUP, json=[new_account])

    assert_names_fields(response, "non_field_errors")


@pytest.mark.parametrize("field", ["username", "email", "password", "country"])
def test_each_missing_field_is_named(fleet, nothing_written, new_account, field):
    del new_account[field]
    with fleet.client() as client:
        response = client.post(SIGNUP, json=new_account)

    assert_names_fields(response, field)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("username", 12345),
        ("email", ["a@example.com"]),
        ("password", {"plain": "correct horse battery 9"}),
        ("country", True),
        ("device_id", 7),
        ("username", None),
    ],
)
def test_a_wrong_type_is_named(fleet, nothing_written, new_account, field, value):
    with fleet.client() as client:
        response = client.post(SIGNUP, json={**new_account, field: value})

    assert_names_fields(response, field)


@pytest.mark.parametrize(
    ("field", "length"),
    [("username", 31), ("email", 255), ("password", 129), ("country", 65), ("device_id", 129), ("username", 100_000)],
)
def test_an_over_long_string_is_named(fleet, nothing_written, new_account, field, length):
    value = "e" * (length - len("@example.com")) + "@example.com" if field == "email" else "a" * length
    with fleet.client() as client:
        response = client.post(SIGNUP, json={**new_account, field: value})

    assert_names_fields(response, field)


def test_unknown_fields_are_named(fleet, nothing_written, new_account):
    with fleet.client() as client:
        response = client.post(SIGNUP, json={**new_account, "is_staff": True, "email_verified": True})

    assert_names_fields(response, "is_staff", "email_verified")


@pytest.mark.parametrize("field", SHAPED_FIELDS)
@pytest.mark.parametrize("payload", [SQL, HTML], ids=["sql", "html"])
def test_sql_or_html_in_a_shaped_field_is_refused_and_named(fleet, nothing_written, new_account, field, payload):
    value = payload.replace(" ", "") + "@example.com" if field == "email" else payload
    with fleet.client() as client:
        response = client.post(SIGNUP, json={**new_account, field: value})

    assert_names_fields(response, field)


@pytest.mark.parametrize("payload", [SQL, HTML], ids=["sql", "html"])
def test_sql_or_html_in_every_field_at_once_names_every_shaped_field(fleet, nothing_written, payload):
    body = {"username": payload, "email": payload, "password": payload, "country": payload, "device_id": payload}
    with fleet.client() as client:
        response = client.post(SIGNUP, json=body)

    # The password and device id are opaque text (hashed, never parsed): only the shaped fields are named.
    assert_names_fields(response, *SHAPED_FIELDS)


def test_sql_and_html_in_the_opaque_fields_are_stored_as_plain_text(fleet, auth_db, new_account):
    # A password may contain any character: the SQL text is a fine passphrase and is only ever hashed.
    account = {**new_account, "password": SQL + " 42", "device_id": HTML}
    before = auth_db.row_counts()
    with fleet.client() as client:
        signup = client.post(SIGNUP, json=account)
        assert signup.status_code == 201, signup.text
        signin = client.post(
            "/api/v1/auth/signin",
            json={"username_or_email": account["username"], "password": account["password"], "device_id": HTML},
        )

    assert signin.status_code == 200, signin.text
    after = auth_db.row_counts()
    assert after["accounts_user"] == before["accounts_user"] + 1  # the table is still there, one row more


NESTED_JSON = b"[" * 5000 + b"]" * 5000  # 10 KB, nested deeper than Python's recursion limit


def test_deeply_nested_json_is_a_400_not_a_server_error(fleet, nothing_written):
    response = post_json(fleet, NESTED_JSON)

    assert response.status_code == 400, response.text[:300]
    assert response.json()["code"] == "malformed_request"


def test_deeply_nested_json_to_refresh_with_a_refresh_cookie_is_a_400(fleet, signed_up):
    response = signed_up.browser.post(
        "/api/v1/auth/refresh", content=NESTED_JSON, headers={"Content-Type": "application/json"}
    )

    assert response.status_code == 400, response.text[:300]
    assert response.json()["code"] == "malformed_request"


def test_a_20_mb_body_is_a_413(fleet, nothing_written):
    with fleet.client() as client:
        response = client.post(SIGNUP, content=b"x" * (20 * 1024 * 1024), headers={"Content-Type": "application/json"})

    assert response.status_code == 413, response.text
    assert response.json()["code"] == "request_too_large"


def test_a_20_mb_body_without_content_length_is_a_413(fleet, nothing_written):
    def chunks() -> Iterator[bytes]:
        yield b'{"username": "'
        for _ in range(20):
            yield b"a" * (1024 * 1024)
        yield b'"}'

    with fleet.client() as client:
        response = client.post(SIGNUP, content=chunks(), headers={"Content-Type": "application/json"})

    assert "content-length" not in response.request.headers
    assert response.status_code == 413, response.text
    assert response.json()["code"] == "request_too_large"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data"])
def test_a_body_that_is_not_json_is_a_415(fleet, nothing_written, new_account, content_type):
    with fleet.client() as client:
        response = client.post(SIGNUP, content=json.dumps(new_account).encode(), headers={"Content-Type": content_type})

    assert response.status_code == 415, response.text
    assert response.json()["code"] == "unsupported_media_type"


def test_the_fleet_still_serves_after_bad_input(fleet, new_account):
    with fleet.client() as client:
        post_json(fleet, b'{"username": ')
        client.post(SIGNUP, content=b"x" * (20 * 1024 * 1024), headers={"Content-Type": "application/json"})
        client.post(SIGNUP, json={"username": SQL, "email": HTML, "password": SQL, "country": HTML})

        health = client.get("/health")
        signup = client.post(SIGNUP, json=new_account)
        me = client.get("/api/v1/auth/me")

    assert health.status_code == 200
    assert signup.status_code == 201, signup.text
    assert me.status_code == 200
    assert me.json()["username"] == new_account["username"]
