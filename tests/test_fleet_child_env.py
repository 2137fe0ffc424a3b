"""The environment the fleet's runner gives its children: where each process listens, and where the pages are."""

from __future__ import annotations

import pytest

from common.fleet.commands import child_env
from common.fleet.services import FLEET


def test_links_in_emails_lead_to_the_gateway_that_serves_the_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FRONTEND_URL", raising=False)

    env = child_env(list(FLEET), 23000)

    assert env["GATEWAY_URL"] == "http://127.0.0.1:31000"
    assert env["FRONTEND_URL"] == "http://127.0.0.1:31000"


def test_a_front_end_served_elsewhere_keeps_its_address(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRONTEND_URL", "https://bazaar.example")

    assert child_env(list(FLEET), 0)["FRONTEND_URL"] == "https://bazaar.example"
