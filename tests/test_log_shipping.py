"""What ships the logs is kept in the repo and fits the lines the processes really write (ADR 0016).

The index template, the ILM policy and the Kibana saved objects of ``deploy/logging/`` are
checked against lines made by the real formatter; the template is also put to osmem-server, the
local Elasticsearch-API stand-in, and the setup program is run against a recording server
standing in for Elasticsearch and Kibana (neither can run here).
"""

from __future__ import annotations

import io
import json
import logging
import re
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from osmem_server import OsmemServer

from common.logging.context import ContextFilter, correlated
from common.logging.ecs import EcsFormatter
from common.logging.performance import log_event, log_request
from deploy import logsetup

POLICY = json.loads(logsetup.POLICY_FILE.read_text())
TEMPLATE = json.loads(logsetup.TEMPLATE_FILE.read_text())
SAVED_OBJECTS = [json.loads(line) for line in logsetup.SAVED_OBJECTS_FILE.read_text().splitlines()]
DATA_VIEW_ID = "bazaar-logs"


def written_lines() -> list[dict[str, Any]]:
    """A request line, a handled-event line and an error line, as a process writes them."""
    output = io.StringIO()
    handler = logging.StreamHandler(output)
    handler.setFormatter(EcsFormatter())
    handler.addFilter(ContextFilter("gigs"))
    root = logging.getLogger()
    previous_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        with correlated("request-0123456789", "0b9a7d4e-2c55-4d6c-9a57-2f1e3c0d9b11"):
            log_request("GET", "/api/v1/gigs/<int:id>", 200, time.perf_counter())
            log_event("users.seller.created", "gigs.handlers.copy_seller", "dead-lettered", time.perf_counter())
            try:
                raise ValueError("stock went negative")
            except ValueError:
                logging.getLogger("gigs.services").exception("could not publish")
    finally:
        root.removeHandler(handler)
        root.setLevel(previous_level)
    return [json.loads(line) for line in output.getvalue().splitlines()]


def dotted(document: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"http": {"request": {"id": 1}}}`` as ``{"http.request.id": 1}``."""
    fields: dict[str, Any] = {}
    for key, value in document.items():
        if isinstance(value, dict):
            fields |= dotted(value, f"{prefix}{key}.")
        else:
            fields[f"{prefix}{key}"] = value
    return fields


def mapped_types(properties: dict[str, Any], prefix: str = "") -> dict[str, str]:
    """Every leaf field of a mapping with its type."""
    types: dict[str, str] = {}
    for name, spec in properties.items():
        if "properties" in spec:
            types |= mapped_types(spec["properties"], f"{prefix}{name}.")
        else:
            types[f"{prefix}{name}"] = spec["type"]
    return types


WRITTEN = {field for line in written_lines() for field in dotted(line)}
TEMPLATE_TYPES = mapped_types(TEMPLATE["template"]["mappings"]["properties"])


def lenses() -> list[dict[str, Any]]:
    return [obj for obj in SAVED_OBJECTS if obj["type"] == "lens"]


def fields_used(lens: dict[str, Any]) -> set[str]:
    """The fields a Lens visualization reads: its columns' and its query's."""
    layers = lens["attributes"]["state"]["datasourceStates"]["formBased"]["layers"]
    columns = [column for layer in layers.values() for column in layer["columns"].values()]
    fields = {column["sourceField"] for column in columns} - {"___records___"}
    query = lens["attributes"]["state"]["query"]
    assert query["language"] == "kuery"
    return fields | set(re.findall(r"([\w.@]+) :", query["query"]))


# --- the formatter's lines and the template ---------------------------------------------------


def test_the_sample_lines_are_the_three_kinds_the_dashboards_chart():
    assert [(line["message"], line["event"]["dataset"]) for line in written_lines()] == [
        ("request", "bazaar.requests"),
        ("event handled", "bazaar.events"),
        ("could not publish", "bazaar.log"),
    ]


def test_the_template_maps_every_field_the_formatter_writes_with_an_explicit_type():
    assert WRITTEN - set(TEMPLATE_TYPES) == set()
    assert TEMPLATE["index_patterns"] == ["bazaar-logs-*"]


def test_numbers_are_mapped_as_numbers_and_ids_routes_and_names_as_keywords():
    assert {field: TEMPLATE_TYPES[field] for field in ("http.response.status_code", "event.duration")} == {
        "http.response.status_code": "long",
        "event.duration": "long",
    }
    for field in ("service.name", "http.request.id", "bazaar.route", "bazaar.event.type", "log.level"):
        assert TEMPLATE_TYPES[field] == "keyword", field


def test_every_daily_index_gets_the_lifecycle_policy_the_repo_keeps():
    assert TEMPLATE["template"]["settings"]["index.lifecycle.name"] == logsetup.NAME


def test_the_lifecycle_policy_keeps_logs_two_days_writable_and_deletes_them_after_fourteen():
    phases = POLICY["policy"]["phases"]

    assert list(phases) == ["hot", "warm", "delete"]
    assert [phases[name]["min_age"] for name in phases] == ["0ms", "2d", "14d"]
    assert set(phases["warm"]["actions"]) == {"set_priority", "readonly", "forcemerge"}
    assert phases["delete"]["actions"] == {"delete": {}}
    # Daily indices are named by date, never rolled over: a rollover action would need a write alias.
    assert all("rollover" not in phase["actions"] for phase in phases.values())


@pytest.fixture(scope="module")
def elasticsearch_api() -> Iterator[str]:
    server = OsmemServer.start(seed=[], freeze=False, japanese=False)
    yield server.url
    server.close()


def test_an_elasticsearch_api_server_accepts_the_template_and_indexes_real_lines_with_its_types(elasticsearch_api):
    # osmem-server speaks OpenSearch, which has no ILM: the template goes there without the policy.
    template = json.loads(json.dumps(TEMPLATE))
    del template["template"]["settings"]["index.lifecycle.name"]
    http = httpx.Client(base_url=elasticsearch_api, timeout=30)

    assert http.put("/_index_template/bazaar-logs", json=template).status_code == 200
    bulk = "".join(json.dumps({"index": {}}) + "\n" + json.dumps(line) + "\n" for line in written_lines())
    indexed = http.post(
        "/bazaar-logs-2026.12.03/_bulk?refresh=true", content=bulk, headers={"Content-Type": "application/x-ndjson"}
    )
    assert indexed.json()["errors"] is False, indexed.text
    mapping = http.get("/bazaar-logs-2026.12.03/_mapping").json()["bazaar-logs-2026.12.03"]["mappings"]
    assert {field: mapped_types(mapping["properties"])[field] for field in TEMPLATE_TYPES.keys() & WRITTEN} == {
        field: TEMPLATE_TYPES[field] for field in TEMPLATE_TYPES.keys() & WRITTEN
    }
    hits = http.get("/bazaar-logs-*/_search", params={"q": "bazaar.event.outcome:dead-lettered"}).json()
    assert [hit["_source"]["bazaar"]["event"]["type"] for hit in hits["hits"]["hits"]] == ["users.seller.created"]


# --- the Kibana saved objects -----------------------------------------------------------------


def test_the_saved_objects_are_the_data_view_five_visualizations_and_one_dashboard():
    assert [(obj["type"], obj["id"]) for obj in SAVED_OBJECTS] == [
        ("index-pattern", DATA_VIEW_ID),
        ("lens", "bazaar-server-errors-by-service"),
        ("lens", "bazaar-request-rate"),
        ("lens", "bazaar-latency-by-route"),
        ("lens", "bazaar-status-by-route"),
        ("lens", "bazaar-dead-lettered-events"),
        ("dashboard", "bazaar-fleet"),
    ]


def test_the_data_view_covers_the_daily_indices_by_their_timestamp():
    [data_view] = [obj for obj in SAVED_OBJECTS if obj["type"] == "index-pattern"]
    formats = json.loads(data_view["attributes"]["fieldFormatMap"])

    assert (data_view["attributes"]["title"], data_view["attributes"]["timeFieldName"]) == (
        "bazaar-logs-*",
        "@timestamp",
    )
    assert formats["event.duration"]["params"]["inputFormat"] == "nanoseconds"


@pytest.mark.parametrize("lens", lenses(), ids=lambda obj: obj["id"])
def test_every_visualization_reads_the_data_view_and_only_fields_the_formatter_writes(lens):
    layers = lens["attributes"]["state"]["datasourceStates"]["formBased"]["layers"]

    assert lens["references"] == [
        {"type": "index-pattern", "id": DATA_VIEW_ID, "name": f"indexpattern-datasource-layer-{layer}"}
        for layer in layers
    ]
    assert fields_used(lens) - WRITTEN == set()
    assert fields_used(lens) <= set(TEMPLATE_TYPES)


def test_the_dashboards_panels_are_the_visualizations_of_the_file():
    [dashboard] = [obj for obj in SAVED_OBJECTS if obj["type"] == "dashboard"]
    panels = json.loads(dashboard["attributes"]["panelsJSON"])
    references = {ref["name"]: ref["id"] for ref in dashboard["references"]}

    assert [references[panel["panelRefName"]] for panel in panels] == [lens["id"] for lens in lenses()]


def test_the_dead_letter_panel_counts_the_outcome_the_consumer_logs():
    from common.messaging.consumer import DEAD_LETTERED

    [lens] = [obj for obj in lenses() if obj["id"] == "bazaar-dead-lettered-events"]

    assert f'bazaar.event.outcome : "{DEAD_LETTERED}"' in lens["attributes"]["state"]["query"]["query"]


# --- the setup program ------------------------------------------------------------------------


class Recorder(BaseHTTPRequestHandler):
    """Answers every request like a healthy Elasticsearch and Kibana, and remembers it."""

    seen: list[tuple[str, str, dict[str, str], bytes]] = []

    def _answer(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.seen.append((self.command, self.path, dict(self.headers), body))
        payload = json.dumps({"success": True, "acknowledged": True}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_PUT = do_POST = _answer

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[str]:
    Recorder.seen = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_the_setup_installs_the_policy_then_the_template_then_imports_the_saved_objects(recorder, capsys):
    status = logsetup.main(["--elasticsearch", f"http://elastic:s3cret@{recorder}", "--kibana", f"http://{recorder}"])

    writes = [
        (method, path.split("?")[0], headers, body) for method, path, headers, body in Recorder.seen if method != "GET"
    ]
    assert status == 0
    assert [(method, path) for method, path, _, _ in writes] == [
        ("PUT", "/_ilm/policy/bazaar-logs"),
        ("PUT", "/_index_template/bazaar-logs"),
        ("POST", "/api/saved_objects/_import"),
    ]
    assert [json.loads(body) for _, _, _, body in writes[:2]] == [POLICY, TEMPLATE]
    _, _, kibana_headers, upload = writes[2]
    assert kibana_headers["kbn-xsrf"] == "true"
    assert logsetup.SAVED_OBJECTS_FILE.read_bytes() in upload
    # Kibana was given no credentials of its own: it gets Elasticsearch's, as basic auth, never in a URL.
    assert {headers["Authorization"] for _, _, headers, _ in Recorder.seen} == {"Basic ZWxhc3RpYzpzM2NyZXQ="}
    assert "s3cret" not in capsys.readouterr().out


def test_the_setup_without_kibana_installs_only_the_index_settings(recorder):
    assert logsetup.main(["--elasticsearch", f"http://{recorder}"]) == 0

    assert [path for method, path, _, _ in Recorder.seen if method != "GET"] == [
        "/_ilm/policy/bazaar-logs",
        "/_index_template/bazaar-logs",
    ]
