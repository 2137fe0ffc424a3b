"""``python -m deploy.logsetup``: make Elasticsearch and Kibana ready for the fleet's logs, once per install.

Installs what ``deploy/logging/`` keeps: the ILM policy ``bazaar-logs`` (daily indices, deleted
after 14 days) and the index template that maps the ECS fields of every ``bazaar-logs-*`` index,
then imports the Kibana saved objects (the ``bazaar-logs-*`` data view and the dashboards). Run by
compose's ``logs-setup`` service and the cluster's ``logs-setup`` Job; running it again overwrites
the same objects. Credentials ride in the URLs (``http://elastic:<password>@host:9200``); Kibana
gets Elasticsearch's when its own URL has none.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx

LOGGING = Path(__file__).resolve().parent / "logging"
POLICY_FILE = LOGGING / "ilm-policy.json"
TEMPLATE_FILE = LOGGING / "index-template.json"
SAVED_OBJECTS_FILE = LOGGING / "kibana.ndjson"
NAME = "bazaar-logs"


def credentials(url: str) -> tuple[str, str] | None:
    """The user and password written in ``url``, if any."""
    parts = urlsplit(url)
    return (parts.username, parts.password or "") if parts.username else None


def client(url: str, *, fallback_auth: tuple[str, str] | None = None) -> httpx.Client:
    """A client on ``url`` without its credentials in the address; they become basic auth."""
    parts = urlsplit(url)
    auth = credentials(url) or fallback_auth
    bare = urlunsplit(parts._replace(netloc=parts.hostname + (f":{parts.port}" if parts.port else "")))
    return httpx.Client(base_url=bare, auth=auth, timeout=30)


def wait_until_up(http: httpx.Client, path: str, timeout: float) -> None:
    """Poll ``path`` until it answers 200 (an engine that is still starting), or give up."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            if http.get(path).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"logsetup: {http.base_url}{path} did not answer 200 within {timeout:.0f} s")
        time.sleep(3)


def install_index_settings(elasticsearch: httpx.Client) -> None:
    """The lifecycle policy first: the template names it, and every new daily index then gets both."""
    put(elasticsearch, f"/_ilm/policy/{NAME}", POLICY_FILE)
    put(elasticsearch, f"/_index_template/{NAME}", TEMPLATE_FILE)


def put(http: httpx.Client, path: str, body: Path) -> None:
    response = http.put(path, content=body.read_bytes(), headers={"Content-Type": "application/json"})
    check(response, path)


def import_saved_objects(kibana: httpx.Client) -> None:
    """The data view and the dashboards, replacing any earlier import of the same ids."""
    files = {"file": (SAVED_OBJECTS_FILE.name, SAVED_OBJECTS_FILE.read_bytes(), "application/ndjson")}
    path = "/api/saved_objects/_import"
    response = kibana.post(path, params={"overwrite": "true"}, files=files, headers={"kbn-xsrf": "true"})
    check(response, path)
    if not response.json().get("success"):
        raise SystemExit(f"logsetup: Kibana refused saved objects: {response.json().get('errors')}")


def check(response: httpx.Response, path: str) -> None:
    if response.status_code >= 300:
        raise SystemExit(f"logsetup: {path} answered {response.status_code}: {response.text[:500]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.logsetup", description=__doc__.splitlines()[0])
    parser.add_argument("--elasticsearch", required=True, help="Elasticsearch URL, credentials included")
    parser.add_argument("--kibana", help="Kibana URL; no saved objects are imported without it")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for each engine")
    args = parser.parse_args(argv)
    with client(args.elasticsearch) as elasticsearch:
        wait_until_up(elasticsearch, "/_cluster/health?wait_for_status=yellow&timeout=5s", args.timeout)
        install_index_settings(elasticsearch)
    print(f"logsetup: ILM policy and index template {NAME} installed", flush=True)
    if args.kibana:
        with client(args.kibana, fallback_auth=credentials(args.elasticsearch)) as kibana:
            wait_until_up(kibana, "/api/status", args.timeout)
            import_saved_objects(kibana)
        print("logsetup: Kibana data view bazaar-logs-* and dashboards imported", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
