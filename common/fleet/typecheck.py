"""``python -m common.fleet.typecheck``: mypy over ``common/`` and every package of the fleet.

The django-stubs plugin loads one Django settings module per mypy run and each service has its
own (its apps, its user model), so each package is checked by a mypy process of its own, with
``DJANGO_SETTINGS_MODULE`` set to that package's settings and a cache of its own
(``.mypy_cache/<name>``: a shared cache would be thrown away at every change of settings).
Two run at a time; the strictness of each package is in ``pyproject.toml``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from common.fleet.services import FLEET, ROOT, parse_only

PARALLEL = 2


@dataclass(frozen=True)
class Target:
    """One mypy run: a name, the folder it checks and the settings module the plugin loads."""

    name: str
    folder: str
    settings: str

    def command(self) -> list[str]:
        return [sys.executable, "-m", "mypy", "--cache-dir", f".mypy_cache/{self.name}", self.folder]

    def env(self) -> dict[str, str]:
        return {**os.environ, "DJANGO_SETTINGS_MODULE": self.settings, "BAZAAR_ENV": "test"}


@dataclass(frozen=True)
class Outcome:
    """How one mypy run ended, with everything it printed."""

    target: Target
    ok: bool
    seconds: float
    output: str


def all_targets() -> list[Target]:
    """``common`` (with the settings of its own tests), then every package of the fleet in table order."""
    common = Target("common", "common", "common.testing.settings")
    return [common, *(Target(p.name, p.package, f"{p.package}.settings") for p in FLEET)]


def check(target: Target) -> Outcome:
    started = time.monotonic()
    done = subprocess.run(target.command(), cwd=ROOT, env=target.env(), capture_output=True, text=True)
    return Outcome(target, done.returncode == 0, time.monotonic() - started, done.stdout + done.stderr)


def main(argv: list[str] | None = None) -> int:
    """Check every target (``--only`` some of them); print each one's errors and a line per target."""
    parser = argparse.ArgumentParser(prog="python -m common.fleet.typecheck", description=__doc__)
    parser.add_argument("--only", default="", help="comma-separated names: common or fleet names")
    args = parser.parse_args(argv)
    only = parse_only(args.only)
    unknown = sorted(set(only) - {target.name for target in all_targets()})
    if unknown:
        parser.error(f"unknown target(s): {', '.join(unknown)}")
    targets = [target for target in all_targets() if not only or target.name in only]
    with ThreadPoolExecutor(PARALLEL) as pool:
        outcomes = list(pool.map(check, targets))
    for outcome in outcomes:
        if not outcome.ok:
            print(f"--- mypy {outcome.target.folder} ({outcome.target.settings})\n{outcome.output.rstrip()}")
    for outcome in outcomes:
        last = outcome.output.strip().splitlines()[-1:] or ["no output"]
        print(
            f"typecheck {outcome.target.name:<14}{'ok' if outcome.ok else 'FAILED':<8}{outcome.seconds:>6.1f}s  {last[0]}"
        )
    return 0 if all(outcome.ok for outcome in outcomes) else 1


if __name__ == "__main__":
    raise SystemExit(main())
