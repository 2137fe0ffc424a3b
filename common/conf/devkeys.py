"""Development secrets, generated once per checkout into the ignored ``.keys/`` folder.

Outside production a process that finds a secret unset takes it from here, so every
process of a local fleet (and its tests) agrees on the same keys without any secret in
the code. Production refuses to start without real values (see ``settings.py``).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

KEYS_DIR = Path(__file__).resolve().parents[2] / ".keys"


def _read_or_create(name: str, make: Callable[[], str]) -> str:
    path = KEYS_DIR / name
    if not path.exists():
        KEYS_DIR.mkdir(mode=0o700, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(make())
        tmp.chmod(0o600)
        # link() fails if another process won the race; both then read the winner's key.
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text()


def new_ec_private_key() -> str:
    """A new ES256 private key (PEM)."""
    key = ec.generate_private_key(ec.SECP256R1())
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def dev_jwt_private_key() -> str:
    """The checkout's ES256 private key (PEM)."""
    return _read_or_create("jwt-es256.pem", new_ec_private_key)


def public_key_of(private_pem: str) -> str:
    """The PEM public key matching a PEM private key."""
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return (
        key.public_key()
        .public_bytes(
            serialization.Encoding.PEM,
            serialization.PublicFormat.SubjectPublicKeyInfo,
        )
        .decode()
    )


def dev_secret(name: str) -> str:
    """A random URL-safe secret stored under ``.keys/<name>``."""
    return _read_or_create(name, lambda: secrets.token_urlsafe(48)).strip()
