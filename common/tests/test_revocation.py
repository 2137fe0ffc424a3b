"""Revoked tokens in every service: the token, its session, the user's token epoch (``common.auth.revocation``).

The gateway refuses them first; services check again in the same MGET as before, so a
token the gateway let through while Redis was briefly away is still refused here.
"""

import uuid
from collections.abc import Iterator

import jwt
import pytest

from common.auth import revocation
from common.auth.revocation import Revocation
from common.redis import get_redis
from common.testing.client import GatewayClient
from common.testing.plugin import PERSONAS
from common.testing.tokens import mint_token

pytestmark = pytest.mark.django_db

ALICE = PERSONAS["alice"]


@pytest.fixture(autouse=True)
def _no_epoch_left() -> Iterator[None]:
    yield
    get_redis().delete(revocation.epoch_key(ALICE.user_id))


def whoami(token: str) -> tuple[int, str | None]:
    response = GatewayClient(token=token).get("/whoami")
    return response.status_code, response.json().get("code")


def test_a_token_issued_before_the_users_epoch_is_refused_and_a_later_one_is_not():
    earlier = mint_token({**ALICE.claims(), "sid": "laptop"})

    revocation.new_epoch(get_redis(), user_id=ALICE.user_id, access_seconds=60)

    assert whoami(earlier) == (401, "token_revoked")
    assert whoami(mint_token({**ALICE.claims(), "sid": "laptop"}))[0] == 200


def test_the_epoch_keeps_the_session_it_names():
    kept, other = mint_token({**ALICE.claims(), "sid": "kept"}), mint_token({**ALICE.claims(), "sid": "other"})

    revocation.new_epoch(get_redis(), user_id=ALICE.user_id, access_seconds=60, keep_sid="kept")

    assert whoami(kept)[0] == 200
    assert whoami(other) == (401, "token_revoked")


def test_signing_out_refuses_every_token_of_the_session_and_no_other():
    session = uuid.uuid4().hex  # its marker outlives the test
    first, second = (mint_token({**ALICE.claims(), "sid": session}) for _ in range(2))
    elsewhere = mint_token({**ALICE.claims(), "sid": uuid.uuid4().hex})

    claims = jwt.decode(second, options={"verify_signature": False})
    revocation.sign_out(get_redis(), user_id=ALICE.user_id, claims=claims, access_seconds=60)

    assert whoami(first) == (401, "token_revoked")
    assert whoami(second) == (401, "token_revoked")
    assert whoami(elsewhere)[0] == 200


@pytest.mark.parametrize(
    ("revoked", "claims", "refused"),
    [
        (Revocation(1, jti="a"), {"jti": "a", "sid": "s"}, True),
        (Revocation(1, jti="a"), {"jti": "b", "sid": "s"}, False),
        (Revocation(1, sid="s"), {"jti": "b", "sid": "s"}, True),
        (Revocation(1, before=2000), {"jti": "b", "iat_us": 1999}, True),
        (Revocation(1, before=2000), {"jti": "b", "iat_us": 2000}, False),
        (Revocation(1, before=2_000_000), {"jti": "b", "iat": 1}, True),  # no iat_us: the start of its second
        (Revocation(1, before=2000, keep="s"), {"jti": "b", "sid": "s", "iat_us": 1}, False),
        (Revocation(1, before=2000, keep="s"), {"jti": "b", "sid": "t", "iat_us": 1}, True),
    ],
)
def test_which_tokens_a_revocation_refuses(revoked, claims, refused):
    assert revoked.refuses(claims) is refused


def test_a_revocation_survives_the_wire():
    sent = Revocation(7, jti="a", sid="s", before=5, keep="k")

    assert Revocation.loads(sent.dumps()) == sent
