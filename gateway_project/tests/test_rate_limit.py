import asyncio
import random
import time
from collections.abc import AsyncIterator, Callable

import httpx
import pytest

from gateway_project.tests.upstream import Upstream

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


@pytest.fixture
def new_user() -> Callable[[], dict[str, str]]:
    """``new_user()`` → a Bearer header for a user id no other test counted requests for."""
    from common.testing.tokens import mint_token

    def make() -> dict[str, str]:
        user_id = random.randint(10**8, 10**9)
        token = mint_token({"user_id": user_id, "username": f"user{user_id}", "email": f"u{user_id}@example.com"})
        return {"Authorization": f"Bearer {token}"}

    return make


@pytest.fixture
async def other_ip_gateway(gateway: httpx.AsyncClient) -> AsyncIterator[httpx.AsyncClient]:
    """A second client of the same gateway, from another IP."""
    from gateway_project.asgi import application

    transport = httpx.ASGITransport(
        app=application, client=(f"192.168.{random.randint(0, 255)}.{random.randint(1, 254)}", 40000)
    )
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def test_per_user_limit_follows_the_user_to_another_ip(
    gateway: httpx.AsyncClient,
    other_ip_gateway: httpx.AsyncClient,
    configure: Callable[..., object],
    new_user: Callable[[], dict[str, str]],
) -> None:
    configure(rate_limit_per_user=2)
    user = new_user()

    here = [(await gateway.get("/api/v1/orders", headers=user)).status_code for _ in range(2)]
    elsewhere = await other_ip_gateway.get("/api/v1/orders", headers=user)
    anonymous = await gateway.get("/api/v1/gigs")

    assert here == [200, 200]
    assert (elsewhere.status_code, elsewhere.json()["code"]) == (429, "rate_limited")
    assert anonymous.status_code == 200


async def test_two_users_behind_one_ip_have_separate_user_budgets(
    gateway: httpx.AsyncClient,
    upstream: Upstream,
    configure: Callable[..., object],
    new_user: Callable[[], dict[str, str]],
) -> None:
    configure(rate_limit_per_user=2)
    first, second = new_user(), new_user()

    first_statuses = [(await gateway.get("/api/v1/orders", headers=first)).status_code for _ in range(3)]
    second_statuses = [(await gateway.get("/api/v1/orders", headers=second)).status_code for _ in range(2)]

    assert first_statuses == [200, 200, 429]
    assert second_statuses == [200, 200]
    assert len(upstream.requests) == 4


async def test_the_ip_budget_is_shared_by_every_user_behind_the_ip(
    gateway: httpx.AsyncClient,
    upstream: Upstream,
    configure: Callable[..., object],
    new_user: Callable[[], dict[str, str]],
) -> None:
    configure(rate_limit_per_ip=3, rate_limit_per_user=100)
    first, second = new_user(), new_user()

    first_statuses = [(await gateway.get("/api/v1/orders", headers=first)).status_code for _ in range(2)]
    second_statuses = [(await gateway.get("/api/v1/orders", headers=second)).status_code for _ in range(2)]

    assert first_statuses == [200, 200]
    assert second_statuses == [200, 429]
    assert len(upstream.requests) == 3


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


async def test_requests_at_once_are_counted_exactly(gateway, upstream, configure):
    configure(rate_limit_per_ip=10)

    responses = await asyncio.gather(*(gateway.get("/api/v1/gigs") for _ in range(25)))

    assert sorted(response.status_code for response in responses) == [200] * 10 + [429] * 15
    assert len(upstream.requests) == 10


async def test_an_ip_seen_over_budget_is_refused_without_counting_again(gateway, upstream, configure, client_ip):
    from common.redis import get_redis
    from gateway_project.proxy.ratelimit import WINDOW

    configure(rate_limit_per_ip=3)

    statuses = [(await gateway.get("/api/v1/gigs")).status_code for _ in range(6)]

    assert statuses == [200, 200, 200, 429, 429, 429]
    # The fourth request was counted and refused; the process refused the next two itself.
    assert get_redis().get(f"rl:ip:{client_ip}:{int(time.time() // WINDOW)}") == b"4"


async def test_without_redis_requests_pass(gateway, upstream, configure):
    from gateway_project.tests.upstream import dead_url

    configure(rate_limit_per_ip=1, redis_url=dead_url().replace("http://", "redis://"))

    statuses = [(await gateway.get("/api/v1/gigs")).status_code for _ in range(3)]

    assert statuses == [200, 200, 200]
