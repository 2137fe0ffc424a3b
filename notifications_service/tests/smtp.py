"""A real SMTP server for the sending tests (aiosmtpd), which can be stopped and started again."""

from __future__ import annotations

import asyncio
import logging
import socket
import threading
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

# aiosmtpd logs every SMTP command at INFO.
logging.getLogger("mail.log").setLevel(logging.WARNING)


@dataclass
class MailSink:
    """The server's handler: keeps every message it accepts.

    ``refused`` maps an address to the reply that refuses it (``"550 ..."``). A cleared
    ``gate`` holds every message at DATA until it is set again; ``receiving`` is set then.
    """

    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    gate: threading.Event = field(default_factory=threading.Event)
    receiving: threading.Event = field(default_factory=threading.Event)

    def __post_init__(self) -> None:
        self.gate.set()

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refused:
            return self.refused[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.receiving.set()
        await asyncio.get_running_loop().run_in_executor(None, self.gate.wait)
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        # Line endings as Python writes them, not as SMTP carries them.
        content = envelope.original_content.replace(b"\r\n", b"\n")
        self.messages.append(message_from_bytes(content, policy=policy.default))  # type: ignore[arg-type]
        return "250 Message accepted"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class SmtpServer:
    """An SMTP server on a fixed local port; nothing listens there until :meth:`start`."""

    port: int = field(default_factory=free_port)
    sink: MailSink = field(default_factory=MailSink)
    controller: Controller | None = None

    @property
    def messages(self) -> list[EmailMessage]:
        return self.sink.messages

    def start(self) -> SmtpServer:
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
