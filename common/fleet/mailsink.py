"""``python -m common.fleet.mailsink``: a real SMTP server that keeps every mail as an ``.eml`` file.

The local stand-in for the outside mail server: the notifications service talks real SMTP
to it, and each message lands in ``--dir`` as ``<UTC time>-<first recipient>.eml`` (names
sort by arrival), ready to open in any mail client. One line per mail says who got what::

    mail to dora@example.com: Verify your email → .run/mail/20250301T101500.123456Z-dora@example.com.eml

Nothing is ever delivered onwards.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import threading
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path
from types import FrameType

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

import common.conf.registry  # noqa: F401  (declares every variable)
from common.conf.env import env_int, env_str
from common.fleet.console import Console

# What may appear of an address in a file name; anything else becomes "_".
_UNSAFE = re.compile(r"[^A-Za-z0-9@._+-]")
_MAX_NAME = 80


def eml_name(recipient: str, received_at: datetime) -> str:
    """``20250301T101500.123456Z-dora@example.com.eml``: sortable by time, naming the recipient."""
    stamp = received_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S.%fZ")
    return f"{stamp}-{_UNSAFE.sub('_', recipient)[:_MAX_NAME] or 'nobody'}.eml"


def subject_of(content: bytes) -> str:
    """The decoded Subject header, or ``(no subject)``."""
    subject = message_from_bytes(content, policy=policy.default)["subject"]
    return str(subject) if subject else "(no subject)"


def shown(path: Path) -> str:
    """``path`` relative to the working directory when it is below it (shorter to read)."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class MailDirectory:
    """An aiosmtpd handler that writes each accepted message into ``directory``."""

    def __init__(self, directory: Path, console: Console) -> None:
        self.directory = directory
        self.console = console

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        # aiosmtpd answers DATA before any RCPT with 503, so there is always a first recipient.
        first, *others = envelope.rcpt_tos
        content = envelope.original_content or b""
        path = self.store(content, first)
        more = f" (+{len(others)} more)" if others else ""
        self.console.raw(f"mail to {first}{more}: {subject_of(content)} → {shown(path)}")
        return "250 Message accepted for delivery"

    def store(self, content: bytes, recipient: str) -> Path:
        """Write one message atomically (a reader never sees half a file); its path."""
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self._unused_path(recipient)
        partial = path.with_name(f".{path.name}.part")
        partial.write_bytes(content)
        os.replace(partial, path)
        return path

    def _unused_path(self, recipient: str) -> Path:
        # Messages are handled one at a time on the server's loop, so checking then writing is safe.
        first = self.directory / eml_name(recipient, datetime.now(UTC))
        path, copy = first, 1
        while path.exists():
            copy += 1
            path = first.with_name(f"{first.stem}~{copy}.eml")
        return path


def mail_sink(host: str, port: int, directory: Path, console: Console | None = None) -> Controller:
    """An SMTP server on ``host:port`` writing into ``directory`` (not started yet)."""
    handler = MailDirectory(directory, console or Console())
    # decode_data=False keeps the exact bytes; SMTPUTF8 lets internationalised addresses through.
    return Controller(handler, hostname=host, port=port, enable_SMTPUTF8=True, server_hostname="bazaar-mailsink")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m common.fleet.mailsink", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=None, help="port to listen on (default: EMAIL_PORT)")
    parser.add_argument("--dir", default=None, help="where to write the .eml files (default: MAIL_SINK_DIR)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Serve until SIGINT/SIGTERM, then exit 0."""
    args = parse_args(argv)
    port = env_int("EMAIL_PORT") if args.port is None else args.port
    directory = Path(env_str("MAIL_SINK_DIR") if args.dir is None else args.dir).resolve()
    stop = threading.Event()

    def request_stop(signum: int, frame: FrameType | None) -> None:
        stop.set()

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, request_stop)
    console = Console()
    sink = mail_sink(args.host, port, directory, console)
    try:
        sink.start()
    except OSError as error:
        console.raw(f"mail sink cannot listen on {args.host}:{port}: {error}")
        return 1
    console.raw(f"mail sink listening on {args.host}:{port}, writing every mail to {shown(directory)}/")
    try:
        while not stop.wait(1.0):
            pass
    finally:
        sink.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
