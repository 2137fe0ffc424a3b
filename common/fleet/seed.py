"""``python -m common.fleet.seed`` (``make seed``): fill a running fleet with fake accounts, sellers and gigs.

The fleet must be up (``make up`` in another terminal): each step goes through a
service's real use-cases, and the next step waits until the events of the previous one
reached it (a seller needs a verified buyer profile in users; a gig needs its seller's
summary in gigs). Run it again to top up: what exists is skipped.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

from common.fleet.commands import manage_command
from common.fleet.console import Console, say
from common.fleet.services import ROOT, get


def steps(*, accounts: int, sellers: int, gigs: int) -> list[tuple[str, list[str]]]:
    """(service, manage.py arguments) of each step, in order."""
    return [
        ("auth", ["seed_accounts", "--count", str(accounts)]),
        ("users", ["seed_sellers", "--count", str(sellers)]),
        ("gigs", ["seed_gigs", "--sellers", str(sellers), "--count", str(gigs)]),
    ]


def main(argv: list[str] | None = None) -> int:
    """Run the three steps; stop at the first that fails."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sellers", type=int, default=1000)
    parser.add_argument("--buyers", type=int, default=1000, help="accounts that stay buyers")
    parser.add_argument("--gigs", type=int, default=10000)
    args = parser.parse_args(argv)
    if args.sellers < 1 or args.gigs < 0 or args.buyers < 0:
        parser.error("--sellers must be at least 1, --buyers and --gigs at least 0")
    for service, arguments in steps(accounts=args.sellers + args.buyers, sellers=args.sellers, gigs=args.gigs):
        result = subprocess.run(manage_command(get(service), *arguments), cwd=ROOT, check=False)
        if result.returncode != 0:
            say(Console(), f"seed: {service} {arguments[0]} failed (exit {result.returncode})")
            return result.returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
