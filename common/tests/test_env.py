"""The env registry: typed readers, and only declared names may be read."""

import pytest

from common.conf import env
from common.conf.table import render


def test_an_undeclared_variable_cannot_be_read():
    with pytest.raises(env.ConfigurationError):
        env.env_str("NOT_DECLARED_ANYWHERE")


def test_typed_readers_parse_the_environment(monkeypatch):
    monkeypatch.setenv("JWT_ACCESS_MINUTES", "7")
    monkeypatch.setenv("DJANGO_DEBUG", "off")
    monkeypatch.setenv("ALLOWED_HOSTS", "a.example, b.example,")

    assert env.env_int("JWT_ACCESS_MINUTES") == 7
    assert env.env_bool("DJANGO_DEBUG") is False
    assert env.env_list("ALLOWED_HOSTS") == ["a.example", "b.example"]


def test_a_malformed_value_names_the_variable(monkeypatch):
    monkeypatch.setenv("JWT_ACCESS_MINUTES", "soon")

    with pytest.raises(env.ConfigurationError, match="JWT_ACCESS_MINUTES must be an integer"):
        env.env_int("JWT_ACCESS_MINUTES")


@pytest.mark.parametrize("value", ["ten", "-1.00", "10.001", "NaN", "Infinity"])
def test_an_amount_of_money_is_never_negative_nor_finer_than_a_cent(monkeypatch, value):
    monkeypatch.setenv("PAYOUT_MINIMUM_WITHDRAWAL", value)

    with pytest.raises(env.ConfigurationError, match="PAYOUT_MINIMUM_WITHDRAWAL must be an amount like 10.00"):
        env.env_money("PAYOUT_MINIMUM_WITHDRAWAL")


def test_an_amount_of_money_is_read_exactly_to_the_cent(monkeypatch):
    monkeypatch.setenv("PAYOUT_MINIMUM_WITHDRAWAL", " 25.5 ")

    assert str(env.env_money("PAYOUT_MINIMUM_WITHDRAWAL")) == "25.50"


def test_a_secret_can_come_from_a_file(monkeypatch, tmp_path):
    secret_file = tmp_path / "secret"
    secret_file.write_text("s3cret\n")
    monkeypatch.setenv("POSTGRES_PASSWORD_FILE", str(secret_file))

    assert env.env_secret("POSTGRES_PASSWORD") == "s3cret"


def test_the_table_lists_every_declared_variable():
    table = render()

    assert all(f"| `{var.name}` |" in table for var in env.registry())


def test_a_list_of_networks_names_the_entry_that_is_not_one(monkeypatch):
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8, 127.0.0.2, ::1")
    assert env.env_networks("TRUSTED_PROXIES") == ["10.0.0.0/8", "127.0.0.2", "::1"]

    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.0/8, proxy.internal")
    with pytest.raises(
        env.ConfigurationError, match="TRUSTED_PROXIES must list IP addresses or networks, got 'proxy.internal'"
    ):
        env.env_networks("TRUSTED_PROXIES")
