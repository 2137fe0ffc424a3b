"""Revocation reaches every live session, on every gateway process, within a second.

Two gateway processes run the same fleet. Before each revocation a member has live
connections on both: a websocket on each and a Socket.IO connection on the second. Then:

- signing out closes the connections of that session (4401) and no other;
- changing the password closes every other session's connections and keeps the changer's;
- resetting a forgotten password and a deactivation by staff close all of them.

Each refused session's old access token is then refused (401 ``token_revoked``), a new
one works, and the old token cannot open a connection again.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

import httpx
import pytest
from websockets.exceptions import ConnectionClosed, InvalidStatus
from websockets.sync.client import connect as websocket_connect

from tests.e2e.conftest import AUTH_SERVICE_URL, FRONTEND_URL, PORT_OFFSET, ROOT, Fleet, another_gateway
from tests.e2e.mailbox import token_of
from tests.e2e.marketplace import PASSWORD, Member
from tests.e2e.realtime_clients import Frames, SocketIOFrames, WebSocketFrames, ticket_for

pytestmark = pytest.mark.e2e

SECOND_GATEWAY_PORT = 8000 + PORT_OFFSET + 101
WITHIN = 1.0  # seconds from the revoking answer to the closed connection
REVOKED = 4401
NEW_PASSWORD = "a passphrase nobody had 31"
RESET_PAGE = f"{FRONTEND_URL}/reset-password"


@pytest.fixture(scope="module")
def second_gateway(fleet: Fleet) -> Iterator[str]:
    with another_gateway(fleet, SECOND_GATEWAY_PORT) as url:
        yield url


@dataclass
class Session:
    """One signed-in browser of a member, and its live connections on both gateways."""

    browser: httpx.Client
    access: str
    sockets: list[WebSocketFrames] = field(default_factory=list)
    socketio: list[SocketIOFrames] = field(default_factory=list)
    disconnected: dict[int, float] = field(default_factory=dict)  # id(socket.io client) → when

    def connect(self, first: str, second: str) -> Session:
        """A websocket on each gateway and a Socket.IO connection on the second, each past its first frame."""
        self.sockets = [WebSocketFrames.open(url, ticket_for(self.browser)) for url in (first, second)]
        self.socketio = [SocketIOFrames.open(second, ticket_for(self.browser))]
        for frames in self.socketio:
            frames.client.on("disconnect", lambda *_, f=frames: self.disconnected.setdefault(id(f), time.monotonic()))
        for frames in self.all():
            frames.receive("presence.online")
        return self

    def all(self) -> list[Frames]:
        return [*self.sockets, *self.socketio]

    def close(self) -> None:
        for frames in self.all():
            with contextlib.suppress(Exception):
                frames.close()
        self.browser.close()


@pytest.fixture
def sessions(fleet: Fleet) -> Iterator[list[Session]]:
    """The sessions a test opens; all closed afterwards."""
    opened: list[Session] = []
    yield opened
    for session in opened:
        session.close()


def sign_up(fleet: Fleet, sessions: list[Session]) -> tuple[Member, Session]:
    name = "revoke" + uuid.uuid4().hex[:10]
    browser = fleet.client()
    account = {"username": name, "email": f"{name}@example.com", "password": PASSWORD, "country": "Peru"}
    response = browser.post("/api/v1/auth/signup", json=account)
    assert response.status_code == 201, response.text
    body = response.json()
    sessions.append(Session(browser, body["access"]))
    return Member(browser, name, account["email"], int(body["user"]["id"]), body["access"]), sessions[-1]


def sign_in_again(fleet: Fleet, member: Member, sessions: list[Session], password: str = PASSWORD) -> Session:
    """Another session of the member from the same device (its device cookie: no one-time code)."""
    browser = fleet.client()
    browser.cookies.set("bazaar_device", member.browser.cookies["bazaar_device"])
    response = browser.post("/api/v1/auth/signin", json={"username_or_email": member.email, "password": password})
    assert response.status_code == 200, response.text
    sessions.append(Session(browser, response.json()["access"]))
    return sessions[-1]


def close_code_of(frames: WebSocketFrames, started: float) -> tuple[int | None, float]:
    """The close code the server sent and when it arrived (seconds after ``started``)."""
    while True:
        try:
            frames.connection.recv(timeout=5)
        except ConnectionClosed as closed:
            return (closed.rcvd.code if closed.rcvd else None), time.monotonic() - started
        except TimeoutError:
            return None, time.monotonic() - started


def assert_closed_in_time(session: Session, started: float) -> None:
    for frames in session.sockets:
        code, seconds = close_code_of(frames, started)
        assert code == REVOKED, code
        assert seconds < WITHIN, f"closed after {seconds:.2f}s"
    for frames in session.socketio:
        assert frames.receive("error", timeout=5)["code"] == "token_revoked"
        deadline = time.monotonic() + 5
        while id(frames) not in session.disconnected and time.monotonic() < deadline:
            time.sleep(0.01)
        assert id(frames) in session.disconnected, "the Socket.IO connection is still open"
        assert session.disconnected[id(frames)] - started < WITHIN


def assert_still_open(session: Session) -> None:
    for frames in session.all():
        frames.receive_nothing("error", within=0.5)  # a closed websocket raises here
    assert all(frames.client.connected for frames in session.socketio)


def me(fleet: Fleet, access: str) -> tuple[int, str | None]:
    with fleet.client() as client:
        response = client.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {access}"})
    return response.status_code, (response.json().get("code") if response.status_code != 200 else None)


def assert_refused_everywhere(fleet: Fleet, second: str, access: str) -> None:
    """The old access token: 401 over HTTP on both gateways, no ticket, no cookie handshake."""
    for url in (fleet.gateway_url, second):
        with httpx.Client(base_url=url, timeout=10) as client:
            bearer = {"Authorization": f"Bearer {access}"}
            answer = client.get("/api/v1/auth/me", headers=bearer)
            assert (answer.status_code, answer.json()["code"]) == (401, "token_revoked")
            ticket = client.post("/api/v1/realtime/ticket", headers=bearer)
            assert ticket.status_code == 401
        with pytest.raises(InvalidStatus):
            websocket_connect(
                url.replace("http://", "ws://") + "/ws/", additional_headers={"Cookie": f"bazaar_access={access}"}
            )


def test_signing_out_closes_that_sessions_connections_on_both_gateways_and_no_other(fleet, second_gateway, sessions):
    member, leaving = sign_up(fleet, sessions)
    staying = sign_in_again(fleet, member, sessions)
    leaving.connect(fleet.gateway_url, second_gateway)
    staying.connect(fleet.gateway_url, second_gateway)

    signed_out = leaving.browser.post("/api/v1/auth/signout")
    started = time.monotonic()

    assert signed_out.status_code == 200, signed_out.text
    assert_closed_in_time(leaving, started)
    assert_still_open(staying)
    assert_refused_everywhere(fleet, second_gateway, leaving.access)
    assert me(fleet, staying.access) == (200, None)


def test_changing_the_password_closes_every_other_sessions_connections_and_keeps_the_changers(
    fleet, second_gateway, sessions
):
    member, changer = sign_up(fleet, sessions)
    other = sign_in_again(fleet, member, sessions)
    changer.connect(fleet.gateway_url, second_gateway)
    other.connect(fleet.gateway_url, second_gateway)

    changed = changer.browser.post(
        "/api/v1/auth/change-password", json={"current_password": PASSWORD, "new_password": NEW_PASSWORD}
    )
    started = time.monotonic()

    assert changed.status_code == 200, changed.text
    assert_closed_in_time(other, started)
    assert_still_open(changer)
    assert_refused_everywhere(fleet, second_gateway, other.access)
    assert me(fleet, changer.access) == (200, None)
    again = sign_in_again(fleet, member, sessions, password=NEW_PASSWORD)
    assert me(fleet, again.access) == (200, None)
    again.connect(fleet.gateway_url, second_gateway)


def test_resetting_the_password_closes_every_connection_of_the_user(fleet, mailbox, second_gateway, sessions):
    member, first = sign_up(fleet, sessions)
    second = sign_in_again(fleet, member, sessions)
    first.connect(fleet.gateway_url, second_gateway)
    second.connect(fleet.gateway_url, second_gateway)
    assert fleet.client().post("/api/v1/auth/forgot-password", json={"email": member.email}).status_code == 200
    token = token_of(mailbox.wait_for(member.email, containing=f"{RESET_PAGE}?token=").link_to(RESET_PAGE))

    with fleet.client() as client:
        reset = client.post(
            "/api/v1/auth/reset-password",
            json={"token": token, "password": NEW_PASSWORD, "password_confirm": NEW_PASSWORD},
        )
    started = time.monotonic()

    assert reset.status_code == 200, reset.text
    for session in (first, second):
        assert_closed_in_time(session, started)
    for session in (first, second):
        assert_refused_everywhere(fleet, second_gateway, session.access)
    fresh = sign_in_again(fleet, member, sessions, password=NEW_PASSWORD)
    assert me(fleet, fresh.access) == (200, None)
    fresh.connect(fleet.gateway_url, second_gateway)


@pytest.fixture(scope="module")
def staff(fleet: Fleet) -> Iterator[httpx.Client]:
    """An admin signed in to the auth service's own admin site (a superuser made with createsuperuser)."""
    username, password = "staff" + uuid.uuid4().hex[:8], "staff passphrase 4 e2e"
    env = {**fleet.env, "DJANGO_SUPERUSER_PASSWORD": password}
    made = subprocess.run(
        [sys.executable, "auth_service/manage.py", "createsuperuser", "--noinput", "--username", username]
        + ["--email", f"{username}@example.com"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    client = httpx.Client(base_url=AUTH_SERVICE_URL, timeout=10)
    client.get("/admin/login/")
    signed_in = client.post(
        "/admin/login/?next=/admin/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": client.cookies["csrftoken"]},
    )
    assert signed_in.status_code == 302, signed_in.text[-2000:]
    yield client
    client.close()


def test_staff_deactivating_the_account_closes_every_connection_of_the_user(fleet, second_gateway, sessions, staff):
    member, first = sign_up(fleet, sessions)
    second = sign_in_again(fleet, member, sessions)
    first.connect(fleet.gateway_url, second_gateway)
    second.connect(fleet.gateway_url, second_gateway)

    deactivated = staff.post(
        "/admin/accounts/user/",
        data={
            "action": "deactivate_accounts",
            "_selected_action": str(member.user_id),
            "csrfmiddlewaretoken": staff.cookies["csrftoken"],
        },
    )
    started = time.monotonic()

    assert deactivated.status_code == 302, deactivated.text[-2000:]
    for session in (first, second):
        assert_closed_in_time(session, started)
    for session in (first, second):
        assert_refused_everywhere(fleet, second_gateway, session.access)
    with fleet.client() as client:
        refused = client.post("/api/v1/auth/signin", json={"username_or_email": member.email, "password": PASSWORD})
    assert refused.status_code == 401
