"""``manage.py check --deploy`` with production settings warns about nothing, in every project; a process missing a secret refuses to start in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from common.conf import env
from common.fleet.secretfiles import secret_files
from common.fleet.services import FLEET, ROOT


def production_env(secrets_dir: Path, **overrides: str) -> dict[str, str]:
    """Production settings as an operator gives them: every secret as a file, the proxy trusted."""
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not any(name in (var.name, f"{var.name}_FILE") for var in env.registry() if var.no_default_in_production)
    }
    values = {
        **inherited,
        **secret_files(secrets_dir, {}),
        "BAZAAR_ENV": "production",
        "ALLOWED_HOSTS": "api.bazaar.example",
        "TRUSTED_PROXIES": "10.0.0.0/8",
        "STRIPE_API_BASE": "https://api.stripe.com",
        "STRIPE_PUBLISHABLE_KEY": "pk_live_example",
        "EMAIL_HOST": "smtp.bazaar.example",
        **overrides,
    }
    return {name: value for name, value in values.items() if value != ""}


def deploy_check(process, env_vars: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(process.path / "manage.py"), "check", "--deploy", "--fail-level", "WARNING"],
        env=env_vars,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize("process", [p for p in FLEET if p.exists()], ids=lambda p: p.name)
def test_the_deploy_checklist_passes_with_production_settings(process, tmp_path):
    result = deploy_check(process, production_env(tmp_path))

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_the_gateway_warns_when_it_trusts_no_proxy_in_production(tmp_path):
    gateway = next(p for p in FLEET if p.name == "gateway")

    result = deploy_check(gateway, production_env(tmp_path, TRUSTED_PROXIES=""))

    assert result.returncode == 1
    assert "(bazaar.W001) TRUSTED_PROXIES is empty" in result.stderr


def test_production_refuses_to_start_without_real_secrets(tmp_path):
    env_vars = production_env(tmp_path)
    for name in ("DJANGO_SECRET_KEY_FILE", "JWT_PUBLIC_KEY_FILE"):
        del env_vars[name]

    result = subprocess.run(
        [sys.executable, "users_service/manage.py", "check"],
        cwd=ROOT,
        env=env_vars,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 3
    assert result.stderr == (
        "users: refusing to start: production needs DJANGO_SECRET_KEY, JWT_PUBLIC_KEY"
        " (set each, or NAME_FILE naming a file that holds it)\n"
    )


def test_gunicorn_stops_with_one_line_before_forking_any_worker(tmp_path):
    env_vars = production_env(tmp_path)
    del env_vars["STRIPE_WEBHOOK_SECRET_FILE"]

    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "orders_service.wsgi", "--bind", "127.0.0.1:0", "--workers", "2"],
        cwd=ROOT,
        env=env_vars,
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 3
    assert "orders: refusing to start: production needs STRIPE_WEBHOOK_SECRET" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Booting worker" not in result.stderr
