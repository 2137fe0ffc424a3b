"""The local mail sink: real SMTP in, one ``.eml`` file per message out."""

from __future__ import annotations

import io
import signal
import smtplib
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest

from common.fleet.console import Console
from common.fleet.mailsink import eml_name, mail_sink

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def a_mail(to: str, subject: str, body: str = "Hello") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Bazaar <no-reply@bazaar.local>"
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    return message


def send(port: int, message: EmailMessage, to: list[str] | None = None) -> None:
    with smtplib.SMTP("127.0.0.1", port, timeout=5) as smtp:
        smtp.send_message(message, to_addrs=to)


@pytest.fixture
def sink(tmp_path: Path) -> Iterator[tuple[int, Path, io.StringIO]]:
    """A running sink on a free port: its port, its directory and what it printed."""
    port, directory, printed = free_port(), tmp_path / "mail", io.StringIO()
    server = mail_sink("127.0.0.1", port, directory, Console(printed))
    server.start()
    yield port, directory, printed
    server.stop()


def test_a_mail_sent_over_smtp_is_kept_as_an_eml_file_named_after_its_recipient(sink):
    port, directory, printed = sink

    send(port, a_mail("Dora <dora@example.com>", "Verify your email", "Click the link"))

    (eml,) = directory.iterdir()
    assert eml.name.endswith("-dora@example.com.eml")
    kept = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert kept["Subject"] == "Verify your email"
    assert kept["To"] == "Dora <dora@example.com>"
    assert kept.get_content().strip() == "Click the link"
    assert printed.getvalue() == f"mail to dora@example.com: Verify your email → {eml}\n"


def test_mails_sort_by_arrival_and_a_mail_to_many_names_the_first(sink):
    port, directory, printed = sink

    send(port, a_mail("zoe@example.com", "First"))
    send(port, a_mail("adam@example.com", "Second"), to=["adam@example.com", "eve@example.com", "cain@example.com"])

    names = sorted(path.name for path in directory.iterdir())
    assert [name.split("-", 1)[1] for name in names] == ["zoe@example.com.eml", "adam@example.com.eml"]
    assert "mail to adam@example.com (+2 more): Second → " in printed.getvalue()


def test_a_non_ascii_subject_is_printed_decoded(sink):
    port, _, printed = sink

    send(port, a_mail("dora@example.com", "Vérifiez votre adresse ✓"))

    assert "mail to dora@example.com: Vérifiez votre adresse ✓ → " in printed.getvalue()


def test_a_file_name_keeps_only_safe_characters_and_sorts_by_utc_time():
    received = datetime(2025, 3, 1, 10, 15, 0, 123456, tzinfo=UTC)

    assert eml_name("dora@example.com", received) == "20250301T101500.123456Z-dora@example.com.eml"
    assert eml_name("../../etc/pass wd", received) == "20250301T101500.123456Z-.._.._etc_pass_wd.eml"


def test_the_command_serves_until_sigterm_and_exits_0(tmp_path):
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "common.fleet.mailsink", "--port", str(port), "--dir", str(tmp_path / "mail")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        listening = process.stdout.readline()
        send(port, a_mail("dora@example.com", "Welcome to Bazaar"))
        delivered = process.stdout.readline()
    finally:
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=10)

    assert listening == f"mail sink listening on 127.0.0.1:{port}, writing every mail to {tmp_path / 'mail'}/\n"
    assert delivered.startswith("mail to dora@example.com: Welcome to Bazaar → ")
    assert len(list((tmp_path / "mail").glob("*-dora@example.com.eml"))) == 1
    assert code == 0


def test_the_command_says_so_when_the_port_is_taken(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "common.fleet.mailsink", "--port", str(port), "--dir", str(tmp_path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
        )

    assert result.returncode == 1
    assert result.stdout.startswith(f"mail sink cannot listen on 127.0.0.1:{port}: ")
