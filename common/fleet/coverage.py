"""Coverage of ``make test``: each suite's own package, and ``common`` over every suite.

A service's suite measures its package and ``common`` into a data file of its own
(``.run/coverage/<suite>``). Its package's percentage is its own business; ``common``'s
runtime library is exercised by every service's suite, so its percentage is read from all
the data files combined once the suites have run. The developer tooling in ``common``
(the fleet runner, seed data, the test kit) runs in subprocesses of the root suite and
is not held to the floor. The root suite measures nothing: it drives real processes.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import coverage

from common.fleet.services import ROOT

DATA_DIR = ROOT / ".run" / "coverage"
COMMON = "common"
# A package under its floor (percent of its lines run) fails the run. Measured on
# 2026-12-03: every service 94-97 %, common's runtime library 90 % over every suite.
FLOOR = 90.0
FLOORS = {COMMON: 85.0}


def floor(package: str) -> float:
    """The least coverage ``package`` may have."""
    return FLOORS.get(package, FLOOR)


TOOLING = ["common/fleet/*", "common/seed/*", "common/testing/*"]


def data_file(suite: str) -> Path:
    """Where ``suite`` writes its coverage data."""
    return DATA_DIR / suite


def pytest_args(package: str) -> list[str]:
    """What pytest-cov needs to measure ``package`` and ``common``, reporting nothing itself."""
    packages = dict.fromkeys([package, COMMON])
    return [*(f"--cov={name}" for name in packages), "--cov-report="]


def percent(data_files: list[Path], package: str, omit: list[str] | None = None) -> float | None:
    """Percentage of ``package``'s lines run in ``data_files`` combined; None without data."""
    present = [str(path) for path in data_files if path.is_file()]
    if not present:
        return None
    combined = coverage.Coverage(data_file=None, config_file=str(ROOT / "pyproject.toml"))
    combined.get_data()  # an in-memory data set
    for path in present:
        part = coverage.CoverageData(basename=path)
        part.read()
        combined.get_data().update(part)
    with contextlib.redirect_stdout(io.StringIO()):
        try:
            return combined.report(include=[f"{package}/*"], omit=omit, ignore_errors=True)
        except coverage.exceptions.NoDataError:
            return None
