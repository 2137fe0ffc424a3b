"""New-device codes, password reset and email verification, with the secrets read from the emails."""

from __future__ import annotations

from contextlib import closing

import jwt
import pytest

from tests.e2e.conftest import FRONTEND_URL
from tests.e2e.mailbox import token_of

pytestmark = pytest.mark.e2e

SIGNIN = "/api/v1/auth/signin"
VERIFY_OTP = "/api/v1/auth/verify-otp"
RESET_REQUESTED = "auth.password_reset.requested"
CODE_MAIL = "confirm a sign-in from a new device"
RESET_PAGE = f"{FRONTEND_URL}/reset-password"
VERIFY_PAGE = f"{FRONTEND_URL}/verify-email"
NEW_PASSWORD = "a fresh passphrase 2024"


def sign_in_from_a_new_device(fleet, account):
    """A browser that never saw Bazaar (no ``bazaar_device`` cookie) signs in; returns it and the answer."""
    browser = fleet.client()
    assert "bazaar_device" not in browser.cookies
    response = browser.post(SIGNIN, json={"username_or_email": account["email"], "password": account["password"]})
    return browser, response


def post(fleet, path, body):
    """POST ``body`` from a browser of its own (no cookies), closed afterwards."""
    with fleet.client() as client:
        return client.post(path, json=body)


def emailed_code(mailbox, account):
    return mailbox.wait_for(account["email"], containing=CODE_MAIL).code


def emailed_token(mailbox, account, page):
    return token_of(mailbox.wait_for(account["email"], containing=f"{page}?token=").link_to(page))


def wrong_code(code: str) -> str:
    return f"{(int(code) + 1) % 10**6:06d}"


# --- (a) a new device confirms with the emailed code ------------------------------------


def test_a_new_device_gets_otp_required_and_the_emailed_code_signs_it_in(fleet, mailbox, signed_up):
    browser, signin = sign_in_from_a_new_device(fleet, signed_up.account)
    with closing(browser):
        assert signin.status_code == 202, signin.text
        assert signin.json()["code"] == "otp_required"
        assert "bazaar_access" not in browser.cookies
        assert "bazaar_device" in browser.cookies
        code = emailed_code(mailbox, signed_up.account)
        assert isinstance(code, str) and len(code) == 6 and code.isdigit()

        verified = browser.post(VERIFY_OTP, json={"username_or_email": signed_up.account["username"], "code": code})

        assert verified.status_code == 200, verified.text
        assert verified.json()["user"]["id"] == signed_up.user["id"]
        assert "refresh" not in verified.json()
        assert {"bazaar_access", "bazaar_refresh"} <= set(browser.cookies.keys())
        assert browser.get("/api/v1/auth/me").status_code == 200
        # The device is known now: the next signin from it needs no code.
        again = browser.post(
            SIGNIN, json={"username_or_email": signed_up.account["email"], "password": signed_up.account["password"]}
        )
        assert again.status_code == 200, again.text


def test_a_code_works_only_once(fleet, mailbox, signed_up, clean_attempt_counters):
    browser, signin = sign_in_from_a_new_device(fleet, signed_up.account)
    with closing(browser):
        assert signin.status_code == 202, signin.text
        code = emailed_code(mailbox, signed_up.account)
        body = {"username_or_email": signed_up.account["username"], "code": code}
        assert browser.post(VERIFY_OTP, json=body).status_code == 200

        replay = browser.post(VERIFY_OTP, json=body)  # same device, same code

    assert replay.status_code == 400, replay.text
    assert replay.json()["code"] == "invalid_code"
    assert set(replay.json()["fields"]) == {"code"}


def test_five_wrong_codes_lock_the_device_out_with_retry_after(fleet, mailbox, signed_up, clean_attempt_counters):
    browser, signin = sign_in_from_a_new_device(fleet, signed_up.account)
    with closing(browser):
        assert signin.status_code == 202, signin.text
        code = emailed_code(mailbox, signed_up.account)
        identifier = signed_up.account["username"]

        failures = [
            browser.post(VERIFY_OTP, json={"username_or_email": identifier, "code": wrong_code(code)}) for _ in range(5)
        ]
        locked = browser.post(VERIFY_OTP, json={"username_or_email": identifier, "code": wrong_code(code)})
        even_the_right_code = browser.post(VERIFY_OTP, json={"username_or_email": identifier, "code": code})

    assert [(r.status_code, r.json()["code"]) for r in failures] == [(400, "invalid_code")] * 5
    for refused in (locked, even_the_right_code):
        assert refused.status_code == 429, refused.text
        assert refused.json()["code"] in {"too_many_attempts", "rate_limited"}
        assert 1 <= int(refused.headers["Retry-After"]) <= 61
    assert "bazaar_access" not in browser.cookies


# --- (b) forgot and reset the password ----------------------------------------------------


def test_forgot_password_answers_200_for_an_unknown_email_and_publishes_nothing(
    fleet, auth_db, new_account, clean_attempt_counters
):
    unknown = new_account["email"]  # never signed up
    before = auth_db.row_counts()
    with fleet.client() as client:
        response = client.post("/api/v1/auth/forgot-password", json={"email": unknown})

    assert response.status_code == 200, response.text
    assert auth_db.events(RESET_REQUESTED, email=unknown) == []
    assert auth_db.row_counts() == before


def test_a_reset_link_sets_a_new_password_once(fleet, mailbox, signed_up, clean_attempt_counters):
    account = signed_up.account
    browser = signed_up.browser  # a known device: signing in needs no code
    old_refresh = browser.cookies["bazaar_refresh"]

    forgot = post(fleet, "/api/v1/auth/forgot-password", {"email": account["email"].upper()})
    assert forgot.status_code == 200, forgot.text
    token = emailed_token(mailbox, account, RESET_PAGE)

    reset = post(
        fleet,
        "/api/v1/auth/reset-password",
        {"token": token, "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
    )
    assert reset.status_code == 200, reset.text

    old_password = browser.post(SIGNIN, json={"username_or_email": account["email"], "password": account["password"]})
    assert old_password.status_code == 401
    assert old_password.json()["code"] == "invalid_credentials"
    new_password = browser.post(SIGNIN, json={"username_or_email": account["email"], "password": NEW_PASSWORD})
    assert new_password.status_code == 200, new_password.text

    twice = post(
        fleet,
        "/api/v1/auth/reset-password",
        {"token": token, "password": "yet another passphrase 5", "password_confirm": "yet another passphrase 5"},
    )
    assert twice.status_code == 400, twice.text
    assert twice.json()["code"] == "invalid_token"
    assert set(twice.json()["fields"]) == {"token"}
    # Resetting signed every earlier session out.
    stale = post(fleet, "/api/v1/auth/refresh", {"refresh": old_refresh})
    assert stale.status_code == 401
    assert stale.json()["code"] == "token_invalid"


def test_a_reset_with_mismatched_passwords_changes_nothing_and_keeps_the_token(
    fleet, mailbox, signed_up, clean_attempt_counters
):
    account = signed_up.account
    assert post(fleet, "/api/v1/auth/forgot-password", {"email": account["email"]}).status_code == 200
    token = emailed_token(mailbox, account, RESET_PAGE)

    mismatch = post(
        fleet,
        "/api/v1/auth/reset-password",
        {"token": token, "password": NEW_PASSWORD, "password_confirm": "other 12345"},
    )

    assert mismatch.status_code == 400, mismatch.text
    assert set(mismatch.json()["fields"]) == {"password_confirm"}
    still = signed_up.browser.post(
        SIGNIN, json={"username_or_email": account["username"], "password": account["password"]}
    )
    assert still.status_code == 200, still.text
    later = post(
        fleet,
        "/api/v1/auth/reset-password",
        {"token": token, "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
    )
    assert later.status_code == 200, later.text


# --- (c) verify the email address -----------------------------------------------------------


def test_the_emailed_verification_token_marks_the_address_verified(fleet, mailbox, signed_up):
    browser = signed_up.browser
    token = emailed_token(mailbox, signed_up.account, VERIFY_PAGE)

    verified = post(fleet, "/api/v1/auth/verify-email", {"token": token})
    assert verified.status_code == 200, verified.text
    assert verified.json()["email_verified"] is True

    refreshed = browser.post("/api/v1/auth/refresh")
    assert refreshed.status_code == 200, refreshed.text
    claims = jwt.decode(refreshed.json()["access"], options={"verify_signature": False})
    assert claims["email_verified"] is True
    me = browser.get("/api/v1/auth/me")
    assert me.status_code == 200
    assert me.json()["email_verified"] is True

    again = post(fleet, "/api/v1/auth/verify-email", {"token": token})
    assert again.status_code == 400
    assert again.json()["code"] == "invalid_token"
