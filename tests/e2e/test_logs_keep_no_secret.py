"""No log line of the whole e2e run shows a secret that an email carried.

The mailbox records every sign-in code and verification or reset token it receives; this
module runs after every other e2e test (``pytest_collection_modifyitems`` in conftest) and
scans everything the fleet printed (its runner is verbose), every process and every level,
and every line of every process's log file, for them.
"""

from __future__ import annotations

import re
import time
from contextlib import closing

import pytest

from tests.e2e.conftest import Fleet
from tests.e2e.mailbox import Mailbox
from tests.e2e.test_recovery_flows import CODE_MAIL, RESET_PAGE, VERIFY_PAGE, sign_in_from_a_new_device

pytestmark = pytest.mark.e2e

KINDS = {"code", "verify-email", "reset-password"}


def send_one_email_of_each_kind(fleet: Fleet, mailbox: Mailbox, account: dict[str, str]) -> None:
    """A verification link (signup), a sign-in code (new device) and a reset link, as a user gets them."""
    mailbox.wait_for(account["email"], containing=f"{VERIFY_PAGE}?token=")
    browser, signin = sign_in_from_a_new_device(fleet, account)
    with closing(browser):
        assert signin.status_code == 202, signin.text
    mailbox.wait_for(account["email"], containing=CODE_MAIL)
    with fleet.client() as client:
        assert client.post("/api/v1/auth/forgot-password", json={"email": account["email"]}).status_code == 200
    mailbox.wait_for(account["email"], containing=f"{RESET_PAGE}?token=")


def wait_until_quiet(fleet: Fleet, *, quiet: float = 2.0, timeout: float = 20.0) -> None:
    """Until the fleet printed nothing for ``quiet`` seconds: the lines logged after each mail was sent are in."""
    deadline = time.monotonic() + timeout
    seen, since = len(fleet.output), time.monotonic()
    while time.monotonic() - since < quiet and time.monotonic() < deadline:
        time.sleep(0.2)
        if len(fleet.output) != seen:
            seen, since = len(fleet.output), time.monotonic()


def line_showing(lines: list[str], secret: str) -> str | None:
    """The first line that shows ``secret`` (masked, so the failure report does not repeat it)."""
    # A six-digit code counts only as a whole number (not inside a longer one, like a duration).
    pattern = re.compile(rf"(?<![0-9]){re.escape(secret)}(?![0-9])")
    found = next((line for line in lines if pattern.search(line)), None)
    return None if found is None else pattern.sub("<SECRET>", found.strip())[:600]


def test_no_code_or_token_an_email_carried_appears_in_any_log_line(fleet, mailbox, signed_up, clean_attempt_counters):
    send_one_email_of_each_kind(fleet, mailbox, signed_up.account)
    wait_until_quiet(fleet)
    logged = fleet.logged()
    lines = list(fleet.output) + logged

    # The files hold the requests that sent the mails, as the console did.
    assert any("/api/v1/auth/forgot-password" in line for line in logged)
    assert set(mailbox.secrets.values()) == KINDS
    shown = {secret: line_showing(lines, secret) for secret in mailbox.secrets}
    leaked = [f"{mailbox.secrets[secret]}: {line}" for secret, line in shown.items() if line is not None]
    assert leaked == [], f"{len(leaked)} of {len(mailbox.secrets)} emailed secrets were logged:\n" + "\n".join(leaked)
