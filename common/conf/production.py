"""What a production process must be given, read from the env registry, and refusing to start without it.

Every variable marked ``secret`` (or ``required_in_production``) in :mod:`common.conf.registry`
has no default in production (:func:`common.conf.env.env_str` ignores it there); the
processes that read it refuse to start until it is set, as ``NAME`` or as a file named by
``NAME_FILE``. The refusal is one line naming what is missing, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import common.conf.registry  # noqa: F401  (declares every variable)
from common.conf.env import ConfigurationError, EnvVar, registry

# gunicorn's arbiter reads a worker's exit code 3 as "failed to boot" and stops, where any
# other code makes it start the worker again, forever. Every other server simply exits.
REFUSED_EXIT_CODE = 3


def is_set(name: str, environ: Mapping[str, str]) -> bool:
    """True when ``name`` or a non-empty file named by ``NAME_FILE`` gives a value."""
    if environ.get(name, "").strip():
        return True
    file_name = environ.get(f"{name}_FILE", "")
    if not file_name:
        return False
    try:
        return bool(Path(file_name).read_text().strip())
    except OSError as exc:
        raise ConfigurationError(f"{name}_FILE names {file_name}, which cannot be read ({exc.strerror})") from None


def needed(var: EnvVar, service: str, environ: Mapping[str, str]) -> bool:
    """True when a production process of ``service`` cannot run without ``var``."""
    if not var.no_default_in_production:
        return False
    if var.needed_by and service not in var.needed_by:
        return False
    return not var.required_if or bool(environ.get(var.required_if, "").strip())


def missing(service: str, environ: Mapping[str, str] | None = None) -> list[str]:
    """The variables a production process of ``service`` needs and was not given."""
    environ = os.environ if environ is None else environ
    return [var.name for var in registry() if needed(var, service, environ) and not is_set(var.name, environ)]


def require(service: str, environ: Mapping[str, str] | None = None) -> None:
    """Raise :class:`ConfigurationError` naming every variable ``service`` lacks in production."""
    lacking = missing(service, environ)
    if lacking:
        names = ", ".join(lacking)
        raise ConfigurationError(f"production needs {names} (set each, or NAME_FILE naming a file that holds it)")


@contextmanager
def refuse_to_start(service: str) -> Iterator[None]:
    """Turn a :class:`ConfigurationError` while configuring ``service`` into one line on stderr and an exit."""
    try:
        yield
    except ConfigurationError as exc:
        print(f"{service}: refusing to start: {exc}", file=sys.stderr, flush=True)
        raise SystemExit(REFUSED_EXIT_CODE) from None
