"""Coverage in ``make test``: each package is measured, read back and held to its floor."""

from __future__ import annotations

from pathlib import Path

import coverage as coverage_py

from common.fleet import coverage
from common.fleet.console import Console
from common.fleet.suites import Outcome, _selects_tests, all_suites, report_common


def test_every_service_suite_measures_its_own_package_and_common() -> None:
    suites = {suite.name: suite for suite in all_suites()}

    assert suites["gigs"].command([])[4:8] == [
        "--cov=gigs_service",
        "--cov=common",
        "--cov-report=",
        "gigs_service/tests",
    ]
    assert suites["common"].command([])[4:7] == ["--cov=common", "--cov-report=", "common/tests"]
    assert suites["root"].package is None
    assert suites["gigs"].env()["COVERAGE_FILE"] == str(coverage.data_file("gigs"))


def test_a_run_of_some_tests_is_held_to_no_floor() -> None:
    assert _selects_tests(["gigs_service/tests/test_top_gigs.py"])
    assert _selects_tests(["-k", "search"])
    assert _selects_tests(["-x"])
    assert not _selects_tests([])
    assert not _selects_tests(["-q"])


def test_the_percentage_is_read_from_the_suite_data_file(tmp_path: Path) -> None:
    data = tmp_path / "console"
    measured = coverage_py.Coverage(data_file=str(data), include=["*/common/fleet/console.py"])
    measured.start()
    Console(stream=open(tmp_path / "out", "w")).raw("hello")  # noqa: SIM115 (closed with the process)
    measured.stop()
    measured.save()

    percent = coverage.percent([data], "common/fleet")

    assert percent is not None and 0 < percent < 100
    assert coverage.percent([tmp_path / "never-written"], "common/fleet") is None


def test_common_is_held_to_a_floor_of_its_own() -> None:
    assert coverage.floor("common") == 85.0
    assert coverage.floor("gigs_service") == 90.0


def test_without_any_data_common_is_not_judged(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(coverage, "DATA_DIR", tmp_path)
    outcomes = [Outcome(suite, "ok", 1.0, "1 passed") for suite in all_suites()]
    console = Console()
    said: list[str] = []
    monkeypatch.setattr(console, "raw", said.append)

    assert report_common(outcomes, console) is True
    assert said == []


def test_the_web_suite_runs_last_as_its_own_program() -> None:
    web = all_suites()[-1]

    assert web.name == "web"
    assert web.command(["-g", "journey"])[1:] == ["-m", "common.fleet.websuite", "-g", "journey"]
    assert web.package is None
