"""Secrets of a production run of the fleet, provided the production way: one file each, named by ``NAME_FILE``.

``make up-prod`` has no vault to read from, so it generates every secret it is not given
into an ignored folder (``.run/prod/secrets``, mode 0600) once, and keeps them across
restarts (sessions survive one). A secret the operator sets (``NAME`` or ``NAME_FILE``)
is taken as it is. Nothing here is a default: each value is random, per checkout.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Mapping
from pathlib import Path

import common.conf.registry  # noqa: F401  (declares every variable)
from common.conf import devkeys
from common.conf.env import registry


def _token() -> str:
    return secrets.token_urlsafe(48)


# What a generated secret looks like where a random token will not do. localstripe takes
# any ``sk_test_`` key; Django's deploy check wants a secret key of 50 characters or more.
MAKERS: dict[str, Callable[[], str]] = {
    "DJANGO_SECRET_KEY": lambda: secrets.token_urlsafe(64),
    "GATEWAY_SIGNING_KEY": _token,
    "JWT_PRIVATE_KEY": devkeys.new_ec_private_key,
    "POSTGRES_PASSWORD": _token,
    "STRIPE_SECRET_KEY": lambda: "sk_test_" + secrets.token_hex(24),
    "STRIPE_WEBHOOK_SECRET": lambda: "whsec_" + secrets.token_hex(24),
}


def _write(path: Path, value: str) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.part")
    partial.write_text(value)
    partial.chmod(0o600)
    partial.replace(path)


def _given(name: str, environ: Mapping[str, str]) -> bool:
    return bool(environ.get(name) or environ.get(f"{name}_FILE"))


def secret_files(directory: Path, environ: Mapping[str, str]) -> dict[str, str]:
    """``NAME_FILE`` for every secret production always needs and ``environ`` lacks, generated into ``directory`` if new.

    The registry says which (a ``secret`` with no ``required_if``: the SMTP password and the
    S3 keys are the operator's, never made up). ``JWT_PUBLIC_KEY_FILE`` comes along with a
    generated private key (every verifier needs it).
    """
    env: dict[str, str] = {}
    for var in registry():
        if not var.secret or var.required_if or _given(var.name, environ):
            continue
        path = directory / var.name
        if not path.exists():
            _write(path, MAKERS.get(var.name, _token)())
        env[f"{var.name}_FILE"] = str(path)
    if "JWT_PRIVATE_KEY_FILE" in env and not _given("JWT_PUBLIC_KEY", environ):
        public = directory / "JWT_PUBLIC_KEY"
        _write(public, devkeys.public_key_of(Path(env["JWT_PRIVATE_KEY_FILE"]).read_text()))
        env["JWT_PUBLIC_KEY_FILE"] = str(public)
    return env
