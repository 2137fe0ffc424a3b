"""A real SMTP server run by the test session, keeping every message it receives in memory.

The fleet is told to send through it (``EMAIL_HOST``/``EMAIL_PORT``), so an e2e test reads
the email a user would get, exactly as the notifications service sent it over SMTP. Every
secret a mail carries (a sign-in code, a verification or reset token) is recorded as it
arrives, so the session can prove that no log line of the fleet ever showed one
(``test_logs_keep_no_secret``).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Mail:
    """One received message: who the envelope was for, and the message itself."""

    recipients: tuple[str, ...]
    message: EmailMessage

    @property
    def text(self) -> str:
        """The plain-text body (the part a text mail client shows)."""
        body = self.message.get_body(preferencelist=("plain",))
        assert body is not None, f"no text/plain part in {self.message['Subject']!r}"
        return str(body.get_content())

    def link_to(self, base: str) -> str:
        """The one link in the text that starts with ``base`` (``http://localhost:3000/verify-email``)."""
        found = re.findall(rf"{re.escape(base)}\S*", self.text)
        assert len(found) == 1, f"expected one link to {base} in:\n{self.text}"
        return found[0]

    @property
    def code(self) -> str:
        """The one six-digit code on a line of its own in the text."""
        found = re.findall(r"^\s*(\d{6})\s*$", self.text, flags=re.MULTILINE)
        assert len(found) == 1, f"expected one code in:\n{self.text}"
        return found[0]

    @property
    def secrets(self) -> list[tuple[str, str]]:
        """Every secret in the text as ``(kind, secret)``: kind is ``code``, ``verify-email`` or ``reset-password``."""
        body = self.message.get_body(preferencelist=("plain",))
        text = str(body.get_content()) if body is not None else ""
        codes = [("code", code) for code in re.findall(r"^\s*(\d{6})\s*$", text, flags=re.MULTILINE)]
        return codes + re.findall(r"/(verify-email|reset-password)\?token=([^\s&\"'<>]+)", text)


def token_of(link: str) -> str:
    """The ``token`` query parameter of ``link``."""
    (token,) = parse_qs(urlsplit(link).query)["token"]
    return token


class Mailbox:
    """The session's SMTP server and everything it received."""

    def __init__(self) -> None:
        self.port = free_port()
        self.received: list[Mail] = []
        # secret → what it is (code, verify-email, reset-password), of every mail received.
        self.secrets: dict[str, str] = {}
        self._arrived = threading.Condition()
        self._server = Controller(self, hostname=HOST, port=self.port)

    def start(self) -> Mailbox:
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        message = message_from_bytes(envelope.original_content or b"", policy=policy.default)
        assert isinstance(message, EmailMessage)
        mail = Mail(tuple(envelope.rcpt_tos), message)
        with self._arrived:
            self.received.append(mail)
            self.secrets.update({secret: kind for kind, secret in mail.secrets})
            self._arrived.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, to: str, *, containing: str, timeout: float = 20) -> Mail:
        """The first mail for ``to`` whose text contains ``containing``, waiting up to ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while (found := self._find(to, containing)) is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no mail to {to} containing {containing!r} within {timeout}s; {self}")
                self._arrived.wait(left)
        return found

    def wait_for_subject(self, to: str, subject: str, *, timeout: float = 20) -> Mail:
        """The first mail for ``to`` with exactly ``subject``, waiting up to ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            while (found := self._with_subject(to, subject)) is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no mail to {to} with subject {subject!r} within {timeout}s; {self}")
                self._arrived.wait(left)
        return found

    def subjects_to(self, to: str) -> list[str]:
        """The subject of every mail received so far for ``to``, oldest first."""
        return [str(mail.message["Subject"]) for mail in self.mails_to(to)]

    def mails_to(self, to: str) -> list[Mail]:
        """Every mail received so far for ``to``, oldest first."""
        with self._arrived:
            return [mail for mail in self.received if to.lower() in (r.lower() for r in mail.recipients)]

    def _find(self, to: str, containing: str) -> Mail | None:
        return next((mail for mail in self.mails_to(to) if containing in mail.text), None)

    def _with_subject(self, to: str, subject: str) -> Mail | None:
        return next((mail for mail in self.mails_to(to) if mail.message["Subject"] == subject), None)

    def __str__(self) -> str:
        subjects = [f"{', '.join(mail.recipients)}: {mail.message['Subject']}" for mail in self.received[-10:]]
        return f"{len(self.received)} mails received, the last ones: {subjects}"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])
