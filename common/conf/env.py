"""Typed environment readers over one registry of every variable the fleet reads.

Every variable is declared once in :mod:`common.conf.registry`; reading an undeclared
name is a programming error. The registry also renders the configuration table of docs/operations.md, so the
documentation cannot drift from the code (``tests/test_env_table.py``).
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path


class ConfigurationError(RuntimeError):
    """A variable is missing or malformed."""


@dataclass(frozen=True)
class EnvVar:
    """One environment variable: its name, local default and what it is for.

    In production a ``secret`` (and a variable ``required_in_production``) never takes its
    local default: the processes in ``needed_by`` (every process when empty) refuse to
    start without it, only when ``required_if`` names a variable that is set, if it names one.
    """

    name: str
    default: str
    help: str
    secret: bool = False
    required_in_production: bool = False
    needed_by: tuple[str, ...] = ()
    required_if: str = ""

    @property
    def no_default_in_production(self) -> bool:
        """True when production must set this variable itself."""
        return self.secret or self.required_in_production


_REGISTRY: dict[str, EnvVar] = {}


def declare(
    name: str,
    default: str,
    help: str,
    *,
    secret: bool = False,
    required_in_production: bool = False,
    needed_by: tuple[str, ...] = (),
    required_if: str = "",
) -> EnvVar:
    """Add a variable to the registry (called only from ``common.conf.registry``)."""
    var = EnvVar(name, default, help, secret, required_in_production, needed_by, required_if)
    _REGISTRY[name] = var
    return var


def lookup(name: str) -> EnvVar:
    """The declared variable called ``name``."""
    try:
        return _REGISTRY[name]
    except KeyError as exc:
        raise ConfigurationError(f"{name} is not declared in common.conf.registry") from exc


def in_production() -> bool:
    """True when this process runs with ``BAZAAR_ENV=production`` (read raw: no default applies)."""
    return os.environ.get("BAZAAR_ENV", "").strip() == "production"


def registry() -> list[EnvVar]:
    """All declared variables, in declaration order."""
    return list(_REGISTRY.values())


def _raw(name: str) -> str:
    var = lookup(name)
    if var.no_default_in_production and in_production():
        # A local default (a published test key, a local address) must never reach production.
        return os.environ.get(name, "")
    return os.environ.get(name, var.default)


def env_str(name: str) -> str:
    """The variable's value, or its local default."""
    return _raw(name)


def env_int(name: str) -> int:
    """The variable as an integer."""
    value = _raw(name)
    try:
        return int(value)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be an integer, got {value!r}") from exc


def env_float(name: str) -> float:
    """The variable as a float."""
    value = _raw(name)
    try:
        return float(value)
    except ValueError as exc:
        raise ConfigurationError(f"{name} must be a number, got {value!r}") from exc


def env_money(name: str) -> Decimal:
    """The variable as an amount of money: a ``Decimal`` of at most two places, never negative."""
    value = _raw(name)
    try:
        amount = Decimal(value.strip())
    except InvalidOperation:
        amount = Decimal(-1)
    if not amount.is_finite() or amount < 0 or amount != amount.quantize(Decimal("0.01")):
        raise ConfigurationError(f"{name} must be an amount like 10.00, got {value!r}")
    return amount.quantize(Decimal("0.01"))


def env_bool(name: str) -> bool:
    """The variable as a boolean: 1/true/yes/on or 0/false/no/off/empty."""
    value = _raw(name).strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"", "0", "false", "no", "off"}:
        return False
    raise ConfigurationError(f"{name} must be a boolean, got {value!r}")


def env_list(name: str) -> list[str]:
    """The variable as a comma-separated list, blanks dropped."""
    return [item.strip() for item in _raw(name).split(",") if item.strip()]


def env_secret(name: str) -> str:
    """A secret from ``NAME`` or from the file named by ``NAME_FILE`` (Docker secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text().strip()
        except OSError as exc:
            raise ConfigurationError(f"{name}_FILE names {file_name}, which cannot be read ({exc.strerror})") from None
    return _raw(name)


def env_networks(name: str) -> list[str]:
    """The variable as a comma-separated list of IP addresses or networks (``10.0.0.0/8``), each checked."""
    items = env_list(name)
    for item in items:
        try:
            ipaddress.ip_network(item, strict=False)
        except ValueError:
            raise ConfigurationError(f"{name} must list IP addresses or networks, got {item!r}") from None
    return items
