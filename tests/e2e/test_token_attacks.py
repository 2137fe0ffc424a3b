"""Forged, altered, stale and revoked credentials, over HTTP against the real gateway and auth service."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
import uuid

import httpx
import jwt
import pytest

from common.auth import signing
from common.conf import devkeys
from tests.e2e.conftest import AUTH_SERVICE_URL

pytestmark = pytest.mark.e2e

ME = "/api/v1/auth/me"


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def claims_of(token: str) -> dict[str, object]:
    """The payload of a token, unverified (what an attacker can read)."""
    return jwt.decode(token, options={"verify_signature": False})


def signed_with_the_real_key(claims: dict[str, object]) -> str:
    """A token the auth service could have minted: ES256 with the checkout's private key."""
    return jwt.encode(claims, devkeys.dev_jwt_private_key(), algorithm="ES256")


def me_with_bearer(fleet, token: str) -> httpx.Response:
    with fleet.client() as client:
        return client.get(ME, headers={"Authorization": f"Bearer {token}"})


def assert_refused(response: httpx.Response, code: str) -> None:
    assert response.status_code == 401, response.text
    assert response.json()["code"] == code
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_the_genuine_access_token_is_accepted_so_the_refusals_below_mean_something(fleet, signed_up):
    response = me_with_bearer(fleet, signed_up.access)

    assert response.status_code == 200, response.text
    assert response.json()["username"] == signed_up.account["username"]


def test_a_token_with_alg_none_is_refused(fleet, signed_up):
    header = b64url(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    payload = b64url(json.dumps(claims_of(signed_up.access)).encode())

    assert_refused(me_with_bearer(fleet, f"{header}.{payload}."), "token_invalid")


def test_an_hs256_token_signed_with_the_public_key_as_secret_is_refused(fleet, signed_up):
    public_key = devkeys.public_key_of(devkeys.dev_jwt_private_key())
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64url(json.dumps(claims_of(signed_up.access)).encode())
    mac = hmac.new(public_key.encode(), f"{header}.{payload}".encode(), hashlib.sha256).digest()

    assert_refused(me_with_bearer(fleet, f"{header}.{payload}.{b64url(mac)}"), "token_invalid")


def test_a_genuinely_signed_token_for_another_audience_is_refused(fleet, signed_up):
    token = signed_with_the_real_key({**claims_of(signed_up.access), "aud": "someone-else"})

    assert_refused(me_with_bearer(fleet, token), "token_invalid")


def test_a_genuinely_signed_token_from_another_issuer_is_refused(fleet, signed_up):
    token = signed_with_the_real_key({**claims_of(signed_up.access), "iss": "evil-issuer"})

    assert_refused(me_with_bearer(fleet, token), "token_invalid")


def test_a_refresh_token_used_as_an_access_token_is_refused(fleet, signed_up):
    refresh = signed_up.browser.cookies["bazaar_refresh"]
    assert claims_of(refresh)["token_type"] == "refresh"

    assert_refused(me_with_bearer(fleet, refresh), "token_invalid")


def test_an_expired_token_is_refused(fleet, signed_up):
    now = int(time.time())
    claims = {**claims_of(signed_up.access), "iat": now - 1200, "exp": now - 60, "jti": uuid.uuid4().hex}

    assert_refused(me_with_bearer(fleet, signed_with_the_real_key(claims)), "token_expired")


def test_a_token_whose_payload_was_tampered_with_is_refused(fleet, signed_up):
    header, _, signature = signed_up.access.split(".")
    claims = {**claims_of(signed_up.access), "is_staff": True, "username": "admin"}
    tampered = f"{header}.{b64url(json.dumps(claims).encode())}.{signature}"

    assert_refused(me_with_bearer(fleet, tampered), "token_invalid")


def test_the_access_token_is_refused_after_signout_as_bearer_and_as_cookie(fleet, signed_up):
    access = signed_up.access
    assert signed_up.browser.post("/api/v1/auth/signout").status_code == 200

    assert_refused(me_with_bearer(fleet, access), "token_revoked")
    with fleet.client() as other_browser:
        as_cookie = other_browser.get(ME, headers={"Cookie": f"bazaar_access={access}"})
    assert_refused(as_cookie, "token_revoked")


def test_two_identical_requests_with_the_clients_own_request_id_in_one_second_are_both_served(fleet, signed_up):
    # The request id is the client's, for correlation; the gateway's nonce is what a replay is.
    headers = {"X-Request-ID": f"client-{uuid.uuid4().hex}"}

    first = signed_up.browser.get(ME, headers=headers)
    second = signed_up.browser.get(ME, headers=headers)

    assert (first.status_code, second.status_code) == (200, 200), second.text
    assert first.headers["x-request-id"] == second.headers["x-request-id"] == headers["X-Request-ID"]


# --- straight to the auth service, around the gateway ------------------------------------


def signed_me_request(access: str, *, timestamp: int | None = None) -> dict[str, str]:
    """The headers of ``GET /api/v1/auth/me`` exactly as the gateway would sign them."""
    request_id = uuid.uuid4().hex
    request = signing.SignedRequest("GET", ME, b"", request_id)
    signature = signing.sign(request, devkeys.dev_secret("gateway-signing-key"), timestamp=timestamp)
    return {signing.SIGNATURE_HEADER: signature, "X-Request-ID": request_id, "Authorization": f"Bearer {access}"}


def direct_me(headers: dict[str, str]) -> httpx.Response:
    return httpx.get(AUTH_SERVICE_URL + ME, headers=headers, timeout=10)


def test_a_correctly_signed_direct_request_is_served_so_the_refusals_below_mean_something(fleet, signed_up):
    response = direct_me(signed_me_request(signed_up.access))

    assert response.status_code == 200, response.text
    assert response.json()["username"] == signed_up.account["username"]


def test_a_direct_request_with_a_forged_mac_is_refused(fleet, signed_up):
    headers = signed_me_request(signed_up.access)
    timestamp, mac = headers[signing.SIGNATURE_HEADER].split(",s=")
    headers[signing.SIGNATURE_HEADER] = f"{timestamp},s={mac[:-1]}{'0' if mac[-1] != '0' else '1'}"

    assert_refused(direct_me(headers), "gateway_signature_invalid")


def test_a_direct_request_signed_with_another_key_is_refused(fleet, signed_up):
    request_id = uuid.uuid4().hex
    forged = signing.sign(signing.SignedRequest("GET", ME, b"", request_id), "not-the-gateway-key")
    headers = {
        signing.SIGNATURE_HEADER: forged,
        "X-Request-ID": request_id,
        "Authorization": f"Bearer {signed_up.access}",
    }

    assert_refused(direct_me(headers), "gateway_signature_invalid")


def test_a_direct_request_whose_signed_parts_were_altered_is_refused(fleet, signed_up):
    headers = signed_me_request(signed_up.access)
    headers["X-Request-ID"] = uuid.uuid4().hex  # the signature covers the request id

    assert_refused(direct_me(headers), "gateway_signature_invalid")


def test_a_direct_request_with_a_stale_signature_is_refused(fleet, signed_up):
    headers = signed_me_request(signed_up.access, timestamp=int(time.time()) - 120)

    assert_refused(direct_me(headers), "gateway_signature_expired")


def test_a_replayed_signed_request_is_refused_the_second_time(fleet, signed_up):
    headers = signed_me_request(signed_up.access)

    first = direct_me(headers)
    replay = direct_me(headers)

    assert first.status_code == 200, first.text
    assert_refused(replay, "gateway_signature_replayed")
