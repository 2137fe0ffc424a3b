"""The tracing agent is off by default and on, in every process, with one setting."""

import pytest

from common.conf.settings import build_settings
from common.logging.tracing import DJANGO_APP, MIDDLEWARE


def test_without_a_server_url_no_process_loads_the_agent():
    settings = build_settings("gigs", apps=[])

    assert "ELASTIC_APM" not in settings
    assert DJANGO_APP not in settings["INSTALLED_APPS"]
    assert MIDDLEWARE not in settings["MIDDLEWARE"]


@pytest.mark.parametrize("has_database", [True, False])
def test_a_server_url_adds_the_agents_app_its_middleware_first_and_its_configuration(monkeypatch, has_database):
    monkeypatch.setenv("ELASTIC_APM_SERVER_URL", "http://apm.internal:8200")

    settings = build_settings("gigs", apps=[], has_database=has_database)

    assert settings["INSTALLED_APPS"][-1] == DJANGO_APP
    assert settings["MIDDLEWARE"][:2] == [MIDDLEWARE, "common.logging.middleware.RequestContextMiddleware"]
    assert settings["ELASTIC_APM"] == {
        "SERVICE_NAME": "bazaar-gigs",
        "SERVER_URL": "http://apm.internal:8200",
        "ENVIRONMENT": "test",
        "DEBUG": True,
    }
