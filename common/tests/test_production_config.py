"""Production takes no secret from a default: the env registry says what each process needs, and it refuses to start without it."""

from __future__ import annotations

import pytest

from common.conf import env, production
from common.conf.settings import build_settings
from common.fleet.secretfiles import secret_files
from common.fleet.services import NAMES

REQUIRED = [var for var in env.registry() if var.no_default_in_production]
# Every secret and key the fleet has (at least): each is marked in the registry.
EXPECTED_SECRETS = {
    "DJANGO_SECRET_KEY",
    "POSTGRES_PASSWORD",
    "JWT_PRIVATE_KEY",
    "GATEWAY_SIGNING_KEY",
    "EMAIL_HOST_PASSWORD",
    "S3_ACCESS_KEY_ID",
    "S3_SECRET_ACCESS_KEY",
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRET",
}


@pytest.fixture
def production_env(monkeypatch, tmp_path):
    """A complete production environment (secrets as files), nothing of the caller's leaking in."""
    for var in env.registry():
        monkeypatch.delenv(var.name, raising=False)
        monkeypatch.delenv(f"{var.name}_FILE", raising=False)
    values = {
        "BAZAAR_ENV": "production",
        "STRIPE_API_BASE": "https://api.stripe.com",
        "STRIPE_PUBLISHABLE_KEY": "pk_live_example",
        "EMAIL_HOST": "smtp.example.com",
        "EMAIL_HOST_USER": "bazaar",
        "EMAIL_HOST_PASSWORD": "smtp password",
        "S3_BUCKET": "bazaar-media",
        "S3_ACCESS_KEY_ID": "AKIAEXAMPLE",
        "S3_SECRET_ACCESS_KEY": "s3 secret",
        **secret_files(tmp_path, {}),
    }
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


def without(monkeypatch, name: str) -> None:
    monkeypatch.delenv(name, raising=False)
    monkeypatch.delenv(f"{name}_FILE", raising=False)


def services_needing(var: env.EnvVar) -> tuple[str, ...]:
    return var.needed_by or NAMES


def test_the_registry_marks_every_secret_of_the_fleet():
    marked = {var.name for var in env.registry() if var.secret}

    assert marked >= EXPECTED_SECRETS


@pytest.mark.parametrize("var", REQUIRED, ids=lambda var: var.name)
def test_no_secret_or_required_setting_has_a_usable_default_in_production(production_env, monkeypatch, var):
    without(monkeypatch, var.name)

    assert env.env_str(var.name) == ""
    assert env.env_secret(var.name) == ""


@pytest.mark.parametrize("var", REQUIRED, ids=lambda var: var.name)
def test_every_process_that_needs_it_refuses_to_start_without_it(production_env, monkeypatch, capsys, var):
    without(monkeypatch, var.name)

    for service in services_needing(var):
        with pytest.raises(SystemExit) as refused:
            build_settings(service, apps=[], mints_tokens=service == "auth", has_database=service != "gateway")

        assert refused.value.code == production.REFUSED_EXIT_CODE
        said = capsys.readouterr().err
        assert said == (
            f"{service}: refusing to start: production needs {var.name}"
            " (set each, or NAME_FILE naming a file that holds it)\n"
        )


def test_a_complete_production_environment_starts_every_process(production_env):
    for service in NAMES:
        settings = build_settings(service, apps=[], mints_tokens=service == "auth", has_database=service != "gateway")

        assert settings["DEBUG"] is False
        assert settings["SECRET_KEY"] != ""


def test_a_conditional_secret_is_needed_only_when_what_it_unlocks_is_set(production_env, monkeypatch):
    for name in ("EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD", "S3_BUCKET", "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"):
        without(monkeypatch, name)

    assert production.missing("notifications") == []
    assert production.missing("gigs") == []


def test_a_secret_file_that_cannot_be_read_is_named(production_env, monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("GATEWAY_SIGNING_KEY_FILE", str(tmp_path / "missing"))

    with pytest.raises(SystemExit):
        build_settings("users", apps=[])

    assert capsys.readouterr().err == (
        f"users: refusing to start: GATEWAY_SIGNING_KEY_FILE names {tmp_path / 'missing'},"
        " which cannot be read (No such file or directory)\n"
    )


def test_outside_production_the_local_defaults_still_apply(monkeypatch):
    monkeypatch.setenv("BAZAAR_ENV", "test")
    monkeypatch.delenv("STRIPE_WEBHOOK_SECRET", raising=False)
    monkeypatch.delenv("STRIPE_WEBHOOK_SECRET_FILE", raising=False)

    assert env.env_secret("STRIPE_WEBHOOK_SECRET") == "whsec_bazaar_local"
