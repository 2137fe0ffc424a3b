import time

import pytest

pytestmark = pytest.mark.anyio


async def test_a_dead_service_is_502_quickly(gateway, token_for):
    started = time.monotonic()
    response = await gateway.get("/api/v1/conversations", headers={"Authorization": f"Bearer {token_for('alice')}"})

    assert response.status_code == 502
    assert response.json()["code"] == "service_unavailable"
    assert time.monotonic() - started < 1.0


async def test_a_hanging_service_is_504_within_the_read_timeout(gateway, upstream):
    started = time.monotonic()
    response = await gateway.get("/api/v1/gigs?mode=hang&seconds=2")

    assert response.status_code == 504
    assert response.json()["code"] == "gateway_timeout"
    assert 0.4 < time.monotonic() - started < 1.5


async def test_the_circuit_opens_after_repeated_failures_while_other_routes_work(gateway, token_for):
    auth = {"Authorization": f"Bearer {token_for('alice')}"}

    failures = [(await gateway.get("/api/v1/conversations", headers=auth)).status_code for _ in range(3)]
    started = time.monotonic()
    open_circuit = await gateway.post("/api/v1/messages", json={"to": "bob"}, headers=auth)
    elapsed = time.monotonic() - started
    other = await gateway.get("/api/v1/gigs")

    assert failures == [502, 502, 502]
    assert open_circuit.status_code == 503
    assert open_circuit.json()["code"] == "service_unavailable"
    assert int(open_circuit.headers["retry-after"]) >= 1
    assert elapsed < 0.1
    assert other.status_code == 200


async def test_the_circuit_half_opens_and_closes_on_success(gateway, upstream, configure):
    configure(failure_threshold=1, reset_seconds=0.2, read_timeout=0.2)

    hung = await gateway.get("/api/v1/gigs?mode=hang&seconds=1")
    refused = await gateway.get("/api/v1/gigs")
    time.sleep(0.25)
    trial = await gateway.get("/api/v1/gigs")

    assert (hung.status_code, refused.status_code, trial.status_code) == (504, 503, 200)
