"""``python -m common.fleet.fakestripe``: localstripe, the local stand-in for Stripe, on one address.

The same server as the ``localstripe`` command (a fake but stateful Stripe API from PyPI,
pinned in requirements-dev.txt), with Stripe Connect's accounts and transfers added
(:mod:`common.fleet.fakeconnect`: localstripe has none) and two differences that let
several fleets share a machine:

- it listens on ``--host`` (loopback for ``make up``), where ``localstripe`` takes every
  interface;
- it keeps its objects in ``--store``, where ``localstripe`` always uses
  ``/tmp/localstripe.pickle``: a test fleet's payments never land in a developer's store.

Without ``--fresh`` it loads ``--store`` first, so payments of an earlier run can still be
refunded. Webhook registrations are never stored: the runner registers the fleet's at each
start (``POST /_config/webhooks/{id}``); ``--webhook URL`` registers one before serving
(compose, where no runner is).
"""

from __future__ import annotations

import argparse
import logging
import os
import pickle
from pathlib import Path

from aiohttp import web
from localstripe import resources, server, webhooks

from common.fleet.fakeconnect import add_connect
from common.fleet.payments import fleet_webhook


def keep_store_in(path: Path) -> None:
    """Point localstripe's store at ``path`` (it writes the whole store after every change)."""

    def load(store: resources.Store) -> None:
        try:
            with path.open("rb") as file:
                old = pickle.load(file)  # our own file, written by dump below
        except FileNotFoundError:
            return
        store.clear()
        store.update(old)

    def dump(store: resources.Store) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.part")
        with partial.open("wb") as file:
            pickle.dump(store, file, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)  # a crash mid-write never leaves half a store to load

    resources.Store.try_load_from_disk = load
    resources.Store.dump_to_disk = dump


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m common.fleet.fakestripe", description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8420, help="port to listen on (default: 8420)")
    parser.add_argument("--store", default=".run/localstripe.pickle", help="file that keeps the fake's objects")
    parser.add_argument("--fresh", action="store_true", help="start empty instead of loading --store")
    parser.add_argument(
        "--webhook", metavar="GATEWAY_URL", default=None, help="send payment events to this gateway's orders webhook"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Serve until SIGINT/SIGTERM (aiohttp's run_app handles both), then exit 0."""
    args = parse_args(argv)
    store = Path(args.store).resolve()
    keep_store_in(store)
    if not args.fresh:
        resources.store.try_load_from_disk()
    if args.webhook:
        webhook = fleet_webhook(args.webhook)
        webhooks.register_webhook(webhook.id, webhook.url, webhook.secret, list(webhook.events))
        print(f"localstripe sends payment events to {webhook.url}", flush=True)
    # localstripe logs one line per request and per webhook sent: the runner shows them.
    access = logging.getLogger("aiohttp.access")
    access.setLevel(logging.DEBUG)
    access.addHandler(logging.StreamHandler())
    add_connect(server.app)
    print(f"localstripe listening on http://{args.host}:{args.port}, keeping its objects in {store}", flush=True)
    web.run_app(server.app, host=args.host, port=args.port, access_log=access, print=None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
