"""Before the fleet starts: databases, migrations, static files. ``python -m common.fleet.prepare``."""

from __future__ import annotations

import argparse
import subprocess
from concurrent.futures import ThreadPoolExecutor

from common.fleet.commands import manage_command
from common.fleet.console import Console, say
from common.fleet.databases import ensure_databases
from common.fleet.services import ROOT, Process, parse_only, select


def existing(processes: list[Process], console: Console) -> list[Process]:
    """The processes whose package exists; a warning for each one skipped."""
    present = []
    for process in processes:
        if process.exists():
            present.append(process)
        else:
            say(console, f"warning: skipping {process.name}: {process.package}/ does not exist yet")
    return present


def _manage(process: Process, console: Console, env: dict[str, str] | None, *args: str) -> bool:
    result = subprocess.run(
        manage_command(process, *args), cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        for line in (result.stdout + result.stderr).splitlines():
            console.line(process.name, line)
        say(console, f"{process.name}: manage.py {args[0]} failed with exit code {result.returncode}")
    return result.returncode == 0


def _prepare_one(process: Process, console: Console, env: dict[str, str] | None) -> bool:
    if not (process.path / "manage.py").is_file():
        return True
    if process.has_database and not _manage(process, console, env, "migrate", "--noinput", "-v", "0"):
        return False
    return _manage(process, console, env, "collectstatic", "--noinput", "-v", "0")


def prepare(processes: list[Process], console: Console, env: dict[str, str] | None = None) -> bool:
    """Create missing databases, then migrate and collect static files of every process, in parallel."""
    created = ensure_databases([process.database for process in processes if process.has_database])
    if created:
        say(console, f"created databases: {', '.join(created)}")
    with ThreadPoolExecutor(max_workers=max(1, len(processes))) as pool:
        results = list(pool.map(lambda process: _prepare_one(process, console, env), processes))
    return all(results)


def main(argv: list[str] | None = None) -> int:
    """Prepare the whole fleet (or ``--only`` some of it) and exit."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", default="", help="comma-separated process names (default: all)")
    args = parser.parse_args(argv)
    console = Console()
    processes = existing(select(parse_only(args.only)), console)
    ok = prepare(processes, console)
    say(console, "databases migrated" if ok else "preparation failed")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
