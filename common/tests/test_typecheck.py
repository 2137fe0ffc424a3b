"""make typecheck: one mypy run per package, each with its own settings and cache."""

import pytest

from common.fleet import typecheck
from common.fleet.services import FLEET


def test_common_and_every_package_of_the_fleet_are_checked_with_their_own_settings():
    targets = [(t.name, t.folder, t.settings) for t in typecheck.all_targets()]

    assert targets == [
        ("common", "common", "common.testing.settings"),
        *((p.name, p.package, f"{p.package}.settings") for p in FLEET),
    ]


def test_a_run_loads_its_package_settings_and_keeps_a_cache_of_its_own():
    target = typecheck.Target("gigs", "gigs_service", "gigs_service.settings")

    assert target.command()[1:] == ["-m", "mypy", "--cache-dir", ".mypy_cache/gigs", "gigs_service"]
    assert target.env()["DJANGO_SETTINGS_MODULE"] == "gigs_service.settings"


def test_an_unknown_name_is_refused(capsys):
    with pytest.raises(SystemExit) as stopped:
        typecheck.main(["--only", "gigs,nope"])

    assert stopped.value.code == 2
    assert "unknown target(s): nope" in capsys.readouterr().err
