"""An account's life, over HTTP, through the real gateway and auth service."""

import pytest

pytestmark = pytest.mark.e2e


def test_a_browser_signs_up_signs_out_signs_in_refreshes_and_changes_its_password(fleet, new_account):
    browser = fleet.client()

    signup = browser.post("/api/v1/auth/signup", json=new_account)
    assert signup.status_code == 201, signup.text
    assert signup.json()["user"]["username"] == new_account["username"]
    assert "refresh" not in signup.json()
    assert {"bazaar_access", "bazaar_refresh"} <= set(browser.cookies.keys())

    me = browser.get("/api/v1/auth/me")
    assert me.status_code == 200, me.text
    assert me.json()["email"] == new_account["email"]
    assert me.json()["email_verified"] is False

    access_before_signout = browser.cookies["bazaar_access"]
    assert browser.post("/api/v1/auth/signout").status_code == 200
    assert "bazaar_access" not in browser.cookies
    refused = browser.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {access_before_signout}"})
    assert refused.status_code == 401

    signin = browser.post(
        "/api/v1/auth/signin", json={"username_or_email": new_account["email"], "password": new_account["password"]}
    )
    assert signin.status_code == 200, signin.text
    old_refresh = browser.cookies["bazaar_refresh"]

    refreshed = browser.post("/api/v1/auth/refresh")
    assert refreshed.status_code == 200, refreshed.text
    assert browser.cookies["bazaar_refresh"] != old_refresh

    changed = browser.post(
        "/api/v1/auth/change-password",
        json={"current_password": new_account["password"], "new_password": "a brand new passphrase 7"},
    )
    assert changed.status_code == 200, changed.text
    assert browser.post("/api/v1/auth/refresh").status_code == 200  # this session stays signed in

    old_password = browser.post(
        "/api/v1/auth/signin", json={"username_or_email": new_account["username"], "password": new_account["password"]}
    )
    assert old_password.status_code == 401
    assert old_password.json()["code"] == "invalid_credentials"
    new_password = browser.post(
        "/api/v1/auth/signin",
        json={"username_or_email": new_account["username"], "password": "a brand new passphrase 7"},
    )
    assert new_password.status_code == 200


def test_an_api_client_uses_the_bearer_token_from_the_body(fleet, new_account):
    signup = fleet.client().post("/api/v1/auth/signup", json=new_account)
    token = signup.json()["access"]

    me = fleet.client().get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})

    assert me.status_code == 200
    assert me.json()["username"] == new_account["username"]


def test_changing_the_password_signs_out_the_other_browsers(fleet, new_account):
    this_browser, other_browser = fleet.client(), fleet.client()
    this_browser.post("/api/v1/auth/signup", json=new_account)
    other_browser.cookies.set("bazaar_device", this_browser.cookies["bazaar_device"])
    credentials = {"username_or_email": new_account["username"], "password": new_account["password"]}
    assert other_browser.post("/api/v1/auth/signin", json=credentials).status_code == 200

    this_browser.post(
        "/api/v1/auth/change-password",
        json={"current_password": new_account["password"], "new_password": "a brand new passphrase 7"},
    )

    assert other_browser.post("/api/v1/auth/refresh").status_code == 401
    assert this_browser.post("/api/v1/auth/refresh").status_code == 200


def test_a_reused_refresh_token_is_refused(fleet, new_account):
    browser = fleet.client()
    browser.post("/api/v1/auth/signup", json=new_account)
    first_refresh = browser.cookies["bazaar_refresh"]
    assert browser.post("/api/v1/auth/refresh").status_code == 200

    replay = fleet.client().post("/api/v1/auth/refresh", json={"refresh": first_refresh})

    assert replay.status_code == 401


def test_a_direct_call_to_the_auth_service_is_refused(fleet):
    import httpx

    from tests.e2e.conftest import PORT_OFFSET

    response = httpx.get(f"http://127.0.0.1:{8001 + PORT_OFFSET}/api/v1/auth/me")

    assert response.status_code == 401
    assert response.json()["code"] == "gateway_signature_missing"


def test_bad_input_is_named_and_the_fleet_keeps_serving(fleet, new_account):
    client = fleet.client()

    malformed = client.post(
        "/api/v1/auth/signup", content=b'{"username": ', headers={"Content-Type": "application/json"}
    )
    missing = client.post("/api/v1/auth/signup", json={"username": new_account["username"]})
    huge = client.post(
        "/api/v1/auth/signup", content=b"x" * (20 * 1024 * 1024), headers={"Content-Type": "application/json"}
    )

    assert malformed.status_code == 400
    assert missing.status_code == 400
    assert set(missing.json()["fields"]) >= {"email", "password"}
    assert huge.status_code == 413
    assert client.get("/health").status_code == 200
