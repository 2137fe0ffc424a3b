"""Where the fleet's email goes: the runner's own mail sink, or an SMTP server already there.

- ``EMAIL_HOST`` elsewhere (a real provider): mail goes there; no sink.
- ``EMAIL_HOST`` local and something already listens on the port: that server gets the
  mail (a mail sink of another fleet, mailpit, a test's SMTP server); no sink.
- ``EMAIL_HOST`` local and the port free: the runner starts :mod:`common.fleet.mailsink`.

The sink's default port moves with the port offset like every other port of the fleet,
so a second fleet (tests) gets its own sink. An ``EMAIL_PORT`` set in the environment
names where an SMTP server is, so it is taken as it is.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import common.conf.registry  # noqa: F401  (declares every variable)
from common.conf.env import env_int, env_str
from common.fleet.health import port_is_free

LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})


@dataclass(frozen=True)
class MailRoute:
    """The SMTP server the fleet's children send to, and whether the runner must start it."""

    host: str
    port: int
    start_sink: bool
    note: str

    def env(self) -> dict[str, str]:
        """What the children are told (the notifications service sends through it)."""
        return {"EMAIL_HOST": self.host, "EMAIL_PORT": str(self.port)}


def smtp_port(port_offset: int) -> int:
    """``EMAIL_PORT`` as set, else its default moved by ``port_offset``."""
    if "EMAIL_PORT" in os.environ:
        return env_int("EMAIL_PORT")
    return env_int("EMAIL_PORT") + port_offset


def route_mail(port_offset: int) -> MailRoute:
    """Decide where mail goes for a fleet on ``port_offset`` (see the module docstring)."""
    host = env_str("EMAIL_HOST")
    if host not in LOCAL_HOSTS:
        port = env_int("EMAIL_PORT")
        return MailRoute(host, port, start_sink=False, note=f"mail goes to {host}:{port} (no local mail sink)")
    port = smtp_port(port_offset)
    if not port_is_free(port):
        note = f"something already listens on {host}:{port}: mail goes there, no mail sink started"
        return MailRoute(host, port, start_sink=False, note=note)
    note = f"mail sink on {host}:{port} writes every email to {env_str('MAIL_SINK_DIR')}/"
    return MailRoute(host, port, start_sink=True, note=note)
