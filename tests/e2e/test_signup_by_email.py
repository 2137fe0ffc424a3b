"""The emails an account gets, received over SMTP, and the links in them used through the gateway.

Signup → auth's outbox → relay → RabbitMQ → notifications' worker → SMTP → the session's
mailbox; and the same events reach the users service, which keeps the buyer profile.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import pytest

from tests.e2e.conftest import FRONTEND_URL
from tests.e2e.mailbox import token_of

pytestmark = pytest.mark.e2e

VERIFY_PAGE = f"{FRONTEND_URL}/verify-email"
RESET_PAGE = f"{FRONTEND_URL}/reset-password"
NEW_PASSWORD = "a passphrase from the email 8"


def eventually(
    request: Callable[[], httpx.Response], done: Callable[[httpx.Response], bool], *, timeout: float = 20
) -> tuple[httpx.Response, list[httpx.Response]]:
    """Repeat ``request`` until ``done`` says so: the last answer and every earlier one."""
    deadline = time.monotonic() + timeout
    earlier: list[httpx.Response] = []
    while not done(response := request()):
        assert time.monotonic() < deadline, f"not done after {timeout}s: {response.status_code} {response.text}"
        earlier.append(response)
        time.sleep(0.2)
    return response, earlier


def test_the_fleet_sends_through_the_session_smtp_server_and_starts_no_mail_sink(fleet, mailbox):
    said = f"something already listens on 127.0.0.1:{mailbox.port}: mail goes there, no mail sink started"

    assert any(said in line for line in fleet.output)
    assert not any(line.startswith("mailsink") for line in fleet.output)


def test_a_new_account_is_emailed_a_link_that_verifies_it_everywhere(fleet, mailbox, new_account):
    browser = fleet.client()
    signup = browser.post("/api/v1/auth/signup", json=new_account)
    assert signup.status_code == 201, signup.text
    user_id = signup.json()["user"]["id"]

    mail = mailbox.wait_for(new_account["email"], containing=f"{VERIFY_PAGE}?token=", timeout=20)

    assert mail.recipients == (new_account["email"],)
    assert mail.message["Subject"].strip() != ""
    (to,) = mail.message["To"].addresses
    assert (to.addr_spec, to.display_name) == (new_account["email"], new_account["username"])
    assert mail.text.startswith(f"Hi {new_account['username']},")
    token = token_of(mail.link_to(VERIFY_PAGE))

    verified = fleet.client().post("/api/v1/auth/verify-email", json={"token": token})
    assert verified.status_code == 200, verified.text
    assert verified.json()["email_verified"] is True

    me = browser.get("/api/v1/auth/me")
    assert me.status_code == 200, me.text
    assert me.json()["email_verified"] is True

    # The users service learns both facts from events: first the profile, then the verification.
    profile, earlier = eventually(
        lambda: browser.get("/api/v1/buyers/me"), lambda r: r.status_code == 200 and r.json()["email_verified"]
    )
    assert {(r.status_code, r.json().get("code")) for r in earlier} <= {(404, "buyer_profile_pending"), (200, None)}
    body = profile.json()
    assert {key: body[key] for key in ("user_id", "username", "email", "email_verified", "country")} == {
        "user_id": user_id,
        "username": new_account["username"],
        "email": new_account["email"],
        "email_verified": True,
        "country": new_account["country"],
    }


def test_a_forgotten_password_is_reset_from_the_emailed_link_and_the_new_one_signs_in(
    fleet, mailbox, signed_up, clean_attempt_counters
):
    account = signed_up.account
    with fleet.client() as client:
        forgot = client.post("/api/v1/auth/forgot-password", json={"email": account["email"]})
    assert forgot.status_code == 200, forgot.text

    mail = mailbox.wait_for(account["email"], containing=f"{RESET_PAGE}?token=", timeout=20)

    assert mail.recipients == (account["email"],)
    assert mail.message["Subject"].strip() != ""
    token = token_of(mail.link_to(RESET_PAGE))
    with fleet.client() as client:
        reset = client.post(
            "/api/v1/auth/reset-password",
            json={"token": token, "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
        )
    assert reset.status_code == 200, reset.text

    browser = signed_up.browser  # a known device: signing in needs no code
    new_password = browser.post(
        "/api/v1/auth/signin", json={"username_or_email": account["email"], "password": NEW_PASSWORD}
    )
    assert new_password.status_code == 200, new_password.text
    old_password = browser.post(
        "/api/v1/auth/signin", json={"username_or_email": account["email"], "password": account["password"]}
    )
    assert old_password.status_code == 401
    assert old_password.json()["code"] == "invalid_credentials"
