"""make test runs the package suites side by side, and the suites that start whole fleets alone, last."""

from __future__ import annotations

import io
import sys
from pathlib import Path

from common.fleet.console import Console
from common.fleet.suites import Suite, run_suites

# Each fake suite notes its start, waits until its partner has started too (so two suites that
# ran one after the other would both give up), and notes its end.
MEETS_PARTNER = """
import pathlib, sys, time
marks, name, partner = pathlib.Path(sys.argv[1]), sys.argv[2], sys.argv[3]
(marks / f"{name}.started").touch()
deadline = time.monotonic() + 20
while partner and not (marks / f"{partner}.started").exists():
    if time.monotonic() > deadline:
        sys.exit(f"{name} never saw {partner} start")
    time.sleep(0.05)
for other in marks.glob("*.ended"):
    print(f"{name} started after {other.stem} ended")
(marks / f"{name}.ended").touch()
print("1 passed")
"""


def fake_suite(marks: Path, name: str, partner: str = "") -> Suite:
    program = (sys.executable, "-c", MEETS_PARTNER, str(marks), name, partner)
    return Suite(name, "tests", None, program=program)


def test_package_suites_run_together_and_root_runs_alone_after_them(tmp_path: Path) -> None:
    suites = [
        fake_suite(tmp_path, "users", "gigs"),
        fake_suite(tmp_path, "gigs", "users"),
        fake_suite(tmp_path, "root"),
    ]
    output = io.StringIO()

    outcomes = run_suites(suites, [], Console(output), jobs=2)

    assert [(o.suite.name, o.status) for o in outcomes] == [("users", "ok"), ("gigs", "ok"), ("root", "ok")]
    lines = output.getvalue()
    assert "root started after users ended" in lines
    assert "root started after gigs ended" in lines


def test_one_job_runs_the_suites_one_after_another(tmp_path: Path) -> None:
    suites = [fake_suite(tmp_path, "users"), fake_suite(tmp_path, "gigs")]
    output = io.StringIO()

    outcomes = run_suites(suites, [], Console(output), jobs=1)

    assert [o.status for o in outcomes] == ["ok", "ok"]
    assert "gigs started after users ended" in output.getvalue()
