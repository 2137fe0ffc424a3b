"""The emails the production run's own mail sink wrote (``.eml`` files), read as ``tests.e2e.mailbox`` reads its own."""

from __future__ import annotations

import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import getaddresses
from pathlib import Path

from tests.e2e.mailbox import Mail


class MailSinkFolder:
    """The folder :mod:`common.fleet.mailsink` writes into, with ``Mailbox.wait_for``'s contract."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def received(self) -> list[Mail]:
        """Every mail so far, oldest first (file names sort by arrival)."""
        mails = []
        for path in sorted(self.directory.glob("*.eml")):
            message = message_from_bytes(path.read_bytes(), policy=policy.default)
            assert isinstance(message, EmailMessage)
            recipients = tuple(address for _, address in getaddresses(message.get_all("To", [])))
            mails.append(Mail(recipients, message))
        return mails

    def wait_for(self, to: str, *, containing: str, timeout: float = 20) -> Mail:
        """The first mail for ``to`` whose text contains ``containing``, waiting up to ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            for mail in self.received():
                if to.lower() in (r.lower() for r in mail.recipients) and containing in mail.text:
                    return mail
            if time.monotonic() > deadline:
                raise AssertionError(f"no mail to {to} containing {containing!r} in {self.directory} within {timeout}s")
            time.sleep(0.2)
