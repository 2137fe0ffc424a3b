"""In-app notifications and the email preference, through the gateway, fed by auth's events."""

from __future__ import annotations

import time
import uuid

import pytest

from tests.e2e.mailbox import token_of
from tests.e2e.test_signup_by_email import VERIFY_PAGE, eventually

pytestmark = pytest.mark.e2e


def notification_titles(browser, **params):
    response = browser.get("/api/v1/notifications", params=params)
    assert response.status_code == 200, response.text
    return [item["title"] for item in response.json()["results"]]


def test_a_new_account_finds_its_verification_notice_and_marks_everything_read(fleet, signed_up):
    browser = signed_up.browser

    eventually(lambda: browser.get("/api/v1/notifications"), lambda r: r.json().get("count") == 1)
    assert notification_titles(browser, unread="true") == ["Verify your email"]

    marked = browser.post("/api/v1/notifications/read-all")

    assert marked.status_code == 200, marked.text
    assert marked.json() == {"marked": 1}
    assert notification_titles(browser, unread="true") == []
    assert notification_titles(browser) == ["Verify your email"]


def test_an_account_that_opted_out_gets_no_welcome_mail_but_still_the_notice(fleet, mailbox, signed_up):
    browser, email = signed_up.browser, signed_up.account["email"]
    opted_out = browser.patch("/api/v1/notifications/preferences", json={"non_essential_email": False})
    assert opted_out.status_code == 200, opted_out.text
    verification = mailbox.wait_for(email, containing=f"{VERIFY_PAGE}?token=")

    verified = fleet.client().post(
        "/api/v1/auth/verify-email", json={"token": token_of(verification.link_to(VERIFY_PAGE))}
    )
    assert verified.status_code == 200, verified.text

    eventually(lambda: browser.get("/api/v1/notifications"), lambda r: r.json().get("count") == 2)
    assert notification_titles(browser) == ["Email verified", "Verify your email"]
    # A welcome mail leaves right after the notice commits: it would have arrived by now.
    time.sleep(2)
    assert [mail.message["Subject"] for mail in mailbox.mails_to(email)] == [verification.message["Subject"]]


def test_nobody_reads_or_marks_someone_elses_notifications(fleet, signed_up):
    owner = signed_up.browser
    response, _ = eventually(lambda: owner.get("/api/v1/notifications"), lambda r: r.json().get("count") == 1)
    notification_id = response.json()["results"][0]["id"]
    stranger = fleet.client()
    name = "stranger" + uuid.uuid4().hex[:8]
    account = {"username": name, "email": f"{name}@example.com", "password": "another horse 7", "country": "Chad"}
    assert stranger.post("/api/v1/auth/signup", json=account).status_code == 201

    marked = stranger.post(f"/api/v1/notifications/{notification_id}/read")

    assert marked.status_code == 404
    assert marked.json()["code"] == "not_found"
    assert notification_titles(owner, unread="true") == ["Verify your email"]
