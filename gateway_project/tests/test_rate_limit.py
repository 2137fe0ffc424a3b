import pytest

pytestmark = pytest.mark.anyio


async def test_per_ip_limit_answers_429_with_retry_after(gateway, upstream, configure):
    configure(rate_limit_per_ip=3)

    statuses = [(await gateway.get("/api/v1/gigs")).status_code for _ in range(4)]
    response = await gateway.get("/api/v1/categories")

    assert statuses == [200, 200, 200, 429]
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert 1 <= int(response.headers["retry-after"]) <= 60
    assert len(upstream.requests) == 3


async def test_per_user_limit_follows_the_user_across_ips(gateway, upstream, configure, token_for):
    configure(rate_limit_per_user=2)
    auth = {"Authorization": f"Bearer {token_for('charlie')}"}

    statuses = [(await gateway.get("/api/v1/orders", headers=auth)).status_code for _ in range(3)]
    anonymous = await gateway.get("/api/v1/gigs")

    assert statuses[-1] == 429
    assert anonymous.status_code == 200


async def test_failed_signins_are_limited_per_ip(gateway, upstream, configure):
    configure(rate_limit_sensitive=2)
    wrong = {"username": "alice", "password": "wrong"}

    statuses = [(await gateway.post("/api/v1/auth/signin", json=wrong)).status_code for _ in range(3)]

    assert statuses == [401, 401, 429]
    assert len(upstream.requests) == 2


async def test_successful_signins_do_not_count_as_failures(gateway, configure):
    configure(rate_limit_sensitive=2)

    statuses = [(await gateway.post("/api/v1/auth/signin", json={"username": "a"})).status_code for _ in range(4)]

    assert statuses == [200] * 4


async def test_forgot_password_counts_every_attempt(gateway, upstream, configure):
    configure(rate_limit_sensitive=2)

    statuses = [
        (await gateway.post("/api/v1/auth/forgot-password", json={"email": "a@b.c"})).status_code for _ in range(3)
    ]

    assert statuses == [200, 200, 429]
