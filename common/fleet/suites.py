"""``python -m common.fleet.suites``: every test suite, each in its own pytest process.

A service's suite (and ``common``'s) runs with its own settings (``--ds=<package>.settings``) and
``BAZAAR_ENV=test``; the root ``tests/`` suite runs last, without Django settings. A suite
whose package does not exist yet is skipped; one that collects no tests fails, unless it
is listed in ``MAY_BE_EMPTY``.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from common.fleet import coverage
from common.fleet.console import Console, say
from common.fleet.services import FLEET, ROOT, parse_only

NO_TESTS_COLLECTED = 5
# These suites start whole fleets (dozens of processes on fixed ports): each runs alone, after
# the others, so that no timing of theirs depends on what else the machine is doing.
RUN_ALONE: frozenset[str] = frozenset({"root", "web"})
MAY_BE_EMPTY: frozenset[str] = frozenset()
_SUMMARY = re.compile(r"\b(passed|failed|errors?|skipped|no tests ran)\b")


@dataclass(frozen=True)
class Suite:
    """One pytest run: a name, its folder, its settings module and the package whose coverage it measures.

    The root suite has neither settings nor a package: it drives real processes.
    """

    name: str
    folder: str
    settings: str | None
    package: str | None = None
    # A suite that is not a pytest run (the web front end's): its own command.
    program: tuple[str, ...] = ()

    def command(self, extra: list[str]) -> list[str]:
        if self.program:
            return [*self.program, *extra]
        settings = [f"--ds={self.settings}"] if self.settings else []
        measure = coverage.pytest_args(self.package) if self.package else []
        return [sys.executable, "-m", "pytest", *settings, *measure, self.folder, *extra]

    def env(self) -> dict[str, str]:
        """The suite's environment: test settings, and where its coverage data goes."""
        env = {**os.environ, "BAZAAR_ENV": "test", "PYTHONUNBUFFERED": "1"}
        if self.settings is None:
            env.pop("DJANGO_SETTINGS_MODULE", None)
        if self.package:
            env["COVERAGE_FILE"] = str(coverage.data_file(self.name))
        return env


@dataclass(frozen=True)
class Outcome:
    """How one suite ended."""

    suite: Suite
    status: str  # ok, FAILED, skipped
    seconds: float
    summary: str
    covered: float | None = None  # percent of the suite's own package


def all_suites() -> list[Suite]:
    """``common``'s suite, every service's and the gateway's in fleet order, the root suite, then the web front end's.

    The web suite (:mod:`common.fleet.websuite`) runs Vitest, then Playwright in Chromium against a fleet of its own.
    """
    suites = [Suite(p.name, f"{p.package}/tests", f"{p.package}.settings", p.package) for p in FLEET]
    common = Suite("common", "common/tests", "common.testing.settings", coverage.COMMON)
    web = Suite("web", "web", None, program=(sys.executable, "-m", "common.fleet.websuite"))
    return [common, *suites, Suite("root", "tests", None), web]


def run_suite(suite: Suite, extra: list[str], console: Console) -> Outcome:
    """Run one suite, streaming its output; the last pytest summary line is kept."""
    if not (ROOT / suite.folder).is_dir():
        package = suite.folder.split("/")[0]
        if not (ROOT / package).is_dir():
            return Outcome(suite, "skipped", 0.0, f"{package}/ does not exist yet")
    env = suite.env()
    if suite.package:
        coverage.data_file(suite.name).unlink(missing_ok=True)
    say(console, f"suite {suite.name}: {' '.join(suite.command(extra)[1:])}")
    started = time.monotonic()
    process = subprocess.Popen(
        suite.command(extra), cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    summary = ""
    assert process.stdout is not None
    for line in process.stdout:
        console.line(suite.name, line)
        if _SUMMARY.search(line):
            summary = line.strip(" =\n")
    code = process.wait()
    seconds = time.monotonic() - started
    ok = code == 0 or (code == NO_TESTS_COLLECTED and suite.name in MAY_BE_EMPTY)
    if code == NO_TESTS_COLLECTED and not ok:
        summary = "no tests collected"
    covered = own_coverage(suite, extra)
    if ok and suite.package and covered is not None and covered < coverage.floor(suite.package):
        floor = coverage.floor(suite.package)
        ok, summary = False, f"{summary}; coverage of {suite.package} {covered:.1f}% < {floor:.0f}%"
    return Outcome(suite, "ok" if ok else "FAILED", seconds, summary or f"exit code {code}", covered)


def default_jobs() -> int:
    """One suite per core: each is one pytest process, mostly busy on its own CPU."""
    return max(1, len(os.sched_getaffinity(0)))


def run_suites(suites: list[Suite], extra: list[str], console: Console, *, jobs: int) -> list[Outcome]:
    """Run the suites, ``jobs`` at a time, then those in ``RUN_ALONE`` one after another; outcomes in suite order.

    Each suite has its own test databases and vhost, so suites of different packages can share the machine.
    """
    shared = [suite for suite in suites if suite.name not in RUN_ALONE]
    alone = [suite for suite in suites if suite.name in RUN_ALONE]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        outcomes = list(pool.map(lambda suite: run_suite(suite, extra, console), shared))
    outcomes += [run_suite(suite, extra, console) for suite in alone]
    order = {suite.name: index for index, suite in enumerate(suites)}
    return sorted(outcomes, key=lambda outcome: order[outcome.suite.name])


def own_coverage(suite: Suite, extra: list[str]) -> float | None:
    """The suite's package's coverage; None when it measures nothing or ran only some tests.

    ``common`` is measured over every suite together (:func:`common_coverage`), not by its own.
    """
    if suite.package is None or suite.package == coverage.COMMON or _selects_tests(extra):
        return None
    return coverage.percent([coverage.data_file(suite.name)], suite.package)


def _selects_tests(extra: list[str]) -> bool:
    """True when the extra pytest arguments run a part of a suite (paths, -k, -x): no floor then."""
    return any(arg in {"-k", "-x", "--lf", "--last-failed", "-m"} or "/" in arg or "::" in arg for arg in extra)


def common_coverage(outcomes: list[Outcome]) -> float | None:
    """``common``'s runtime library (not its tooling) over the suites, once every one has run whole."""
    files = [coverage.data_file(o.suite.name) for o in outcomes if o.suite.package]
    return coverage.percent(files, coverage.COMMON, omit=coverage.TOOLING)


def report(outcomes: list[Outcome], console: Console, wall: float | None = None) -> None:
    """The summary table; ``wall`` is the whole run's time when suites ran side by side."""
    console.raw("")
    console.raw(f"{'suite':<15}{'result':<9}{'time':>8}{'cover':>7}  pytest")
    for outcome in outcomes:
        cover = f"{outcome.covered:.0f}%" if outcome.covered is not None else "-"
        console.raw(f"{outcome.suite.name:<15}{outcome.status:<9}{outcome.seconds:>7.1f}s{cover:>7}  {outcome.summary}")
    failed = [o.suite.name for o in outcomes if o.status == "FAILED"]
    total = sum(o.seconds for o in outcomes)
    took = f"{total:.1f}s of suites" + (f" in {wall:.1f}s" if wall is not None else "")
    console.raw(f"{'FAILED: ' + ', '.join(failed) if failed else 'all suites passed'} ({took})")
    passed, failures = totals(outcomes)
    # The plain closing line CI and people read: the counts over every suite.
    console.raw(f"total: {passed} passed, {failures} failed")


def _count(summary: str, word: str) -> int:
    found = re.search(rf"(\d+) {word}", summary)
    return int(found.group(1)) if found else 0


def totals(outcomes: list[Outcome]) -> tuple[int, int]:
    """(passed, failed + errors) summed over the suites' pytest summaries."""
    passed = sum(_count(o.summary, "passed") for o in outcomes)
    failed = 0
    for outcome in outcomes:
        counted = _count(outcome.summary, "failed") + _count(outcome.summary, "errors?")
        # A suite that failed without a count (it crashed, collected nothing) counts once.
        failed += counted or int(outcome.status == "FAILED")
    return passed, failed


def main(argv: list[str] | None = None) -> int:
    """Run the suites (``--only`` some of them); extra arguments go to every pytest."""
    parser = argparse.ArgumentParser(prog="python -m common.fleet.suites", description=__doc__)
    parser.add_argument("--only", default="", help="comma-separated suite names (fleet names or root)")
    parser.add_argument(
        "--jobs", type=int, default=default_jobs(), help="suites run at once, except root and web (default: the cores)"
    )
    args, extra = parser.parse_known_args(argv)
    only = parse_only(args.only)
    suites = [suite for suite in all_suites() if not only or suite.name in only]
    unknown = sorted(set(only) - {suite.name for suite in all_suites()})
    if unknown:
        parser.error(f"unknown suite(s): {', '.join(unknown)}")
    console = Console()
    coverage.DATA_DIR.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    outcomes = run_suites(suites, extra, console, jobs=args.jobs)
    report(outcomes, console, wall=time.monotonic() - started)
    # Only a run of every suite, whole, says anything about common as a whole.
    common_ok = report_common(outcomes, console) if not only and not _selects_tests(extra) else True
    return 1 if any(o.status == "FAILED" for o in outcomes) or not common_ok else 0


def report_common(outcomes: list[Outcome], console: Console) -> bool:
    """Say how much of ``common`` the suites ran; False when it is under the floor."""
    covered = common_coverage(outcomes)
    if covered is None:
        return True
    floor = coverage.floor(coverage.COMMON)
    ok = covered >= floor
    verdict = "" if ok else f" < {floor:.0f}%: FAILED"
    console.raw(f"coverage of common (runtime library, every suite): {covered:.1f}%{verdict}")
    return ok


if __name__ == "__main__":
    raise SystemExit(main())
