"""One table of every process of the fleet: name, package, port, database, worker, beat, mail, payments."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import common.conf.registry  # noqa: F401  (declares every variable)
from common.conf.env import env_str

ROOT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Process:
    """One web process of the fleet and what comes with it."""

    name: str
    package: str
    port: int
    has_database: bool = True
    has_worker: bool = True
    runs_beat: bool = False
    sends_mail: bool = False
    takes_payments: bool = False
    asgi: bool = False

    @property
    def path(self) -> Path:
        """The package's folder in the repository."""
        return ROOT / self.package

    def exists(self) -> bool:
        """True once the package has been written (some are still being written)."""
        return (self.path / "__init__.py").is_file()

    def has_celery_app(self) -> bool:
        """True when the package defines its Celery app (``<package>/celery.py``)."""
        return (self.path / "celery.py").is_file()

    @property
    def database(self) -> str:
        """The name of the process's own PostgreSQL database."""
        return env_str("POSTGRES_DB_PREFIX") + self.name

    @property
    def url_variable(self) -> str:
        """The env var other processes find this one by (``AUTH_SERVICE_URL``, ``GATEWAY_URL``)."""
        return "GATEWAY_URL" if self.name == "gateway" else f"{self.name.upper()}_SERVICE_URL"


FLEET: tuple[Process, ...] = (
    Process("gateway", "gateway_project", 8000, has_database=False, asgi=True),
    Process("auth", "auth_service", 8001, runs_beat=True),
    Process("users", "users_service", 8002),
    Process("gigs", "gigs_service", 8003, runs_beat=True),
    Process("chat", "chat_service", 8004),
    Process("orders", "orders_service", 8005, runs_beat=True, takes_payments=True),
    Process("reviews", "reviews_service", 8006),
    Process("notifications", "notifications_service", 8007, runs_beat=True, sends_mail=True),
)

NAMES: tuple[str, ...] = tuple(process.name for process in FLEET)


def select(only: list[str] | None = None) -> list[Process]:
    """The processes named in ``only`` (all when empty), in table order.

    Raises ``ValueError`` for a name that is not in the table.
    """
    if not only:
        return list(FLEET)
    unknown = sorted(set(only) - set(NAMES))
    if unknown:
        raise ValueError(f"unknown process(es): {', '.join(unknown)}; known: {', '.join(NAMES)}")
    return [process for process in FLEET if process.name in only]


def get(name: str) -> Process:
    """The process called ``name``."""
    return select([name])[0]


def parse_only(value: str) -> list[str]:
    """``"users, gigs"`` → ``["users", "gigs"]``."""
    return [name.strip() for name in value.split(",") if name.strip()]
