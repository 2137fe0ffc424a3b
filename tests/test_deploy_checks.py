"""``manage.py check --deploy`` with production settings warns about nothing, in every project."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from common.fleet.services import FLEET


def production_env() -> dict[str, str]:
    key = ec.generate_private_key(ec.SECP256R1())
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return {
        **os.environ,
        "BAZAAR_ENV": "production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "GATEWAY_SIGNING_KEY": secrets.token_urlsafe(48),
        "JWT_PRIVATE_KEY": private,
        "JWT_PUBLIC_KEY": public,
        "ALLOWED_HOSTS": "api.bazaar.example",
    }


@pytest.mark.parametrize("process", [p for p in FLEET if p.exists()], ids=lambda p: p.name)
def test_the_deploy_checklist_passes_with_production_settings(process):
    result = subprocess.run(
        [sys.executable, str(process.path / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_real_secrets():
    env = {
        **os.environ,
        "BAZAAR_ENV": "production",
        "DJANGO_SECRET_KEY": "",
        "JWT_PUBLIC_KEY": "",
        "JWT_PRIVATE_KEY": "",
    }
    result = subprocess.run(
        [sys.executable, "users_service/manage.py", "check"], env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode != 0
    assert "must be set in production" in result.stderr
