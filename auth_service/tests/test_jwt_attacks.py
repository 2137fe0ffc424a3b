"""Forged, altered and misused tokens are refused with 401."""

import base64
import json

import jwt
import pytest
from django.conf import settings

from auth_service.accounts.tokens import access_claims
from auth_service.tests.conftest import DEVICE, post
from auth_service.tests.factories import PASSWORD
from common.testing.client import GatewayClient
from common.testing.tokens import mint_token


def b64(data: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def me(token: str):
    return GatewayClient(token=token).get("/api/v1/auth/me")


def test_a_valid_token_is_accepted(user):
    assert me(mint_token(access_claims(user))).status_code == 200


def test_alg_none_is_refused(user):
    token = f"{b64({'alg': 'none', 'typ': 'JWT'})}.{b64({**access_claims(user), 'token_type': 'access', 'exp': 9999999999, 'jti': 'x', 'iss': 'bazaar-auth', 'aud': 'bazaar'})}."

    assert me(token).status_code == 401


def test_hs256_signed_with_the_public_key_is_refused(user):
    payload = {
        **access_claims(user),
        "token_type": "access",
        "exp": 9999999999,
        "jti": "x",
        "iss": "bazaar-auth",
        "aud": "bazaar",
    }
    header = b64({"alg": "HS256", "typ": "JWT"})
    body = b64(payload)
    import hashlib
    import hmac

    sig = hmac.new(settings.SIMPLE_JWT["VERIFYING_KEY"].encode(), f"{header}.{body}".encode(), hashlib.sha256).digest()
    token = f"{header}.{body}.{base64.urlsafe_b64encode(sig).rstrip(b'=').decode()}"

    assert me(token).status_code == 401


def test_a_token_signed_with_another_key_is_refused(user):
    from common.conf.devkeys import new_ec_private_key

    assert me(mint_token(access_claims(user), key=new_ec_private_key())).status_code == 401


@pytest.mark.parametrize("claim", [{"aud": "someone-else"}, {"iss": "evil-issuer"}])
def test_wrong_audience_or_issuer_is_refused(user, claim):
    token = mint_token({**access_claims(user), **claim})

    assert me(token).status_code == 401


def test_a_tampered_payload_is_refused(user):
    header, _, signature = mint_token(access_claims(user)).split(".")
    tampered = f"{header}.{b64({**access_claims(user), 'is_staff': True, 'exp': 9999999999})}.{signature}"

    assert me(tampered).status_code == 401


def test_a_refresh_token_is_not_an_access_token(api_client, user):
    tokens = post(api_client, "signin", {"username": "dana", "password": PASSWORD, "device_id": DEVICE}).json()

    response = me(tokens["refresh"])

    assert response.status_code == 401


def test_an_access_token_after_signout_is_refused(api_client, user):
    tokens = post(api_client, "signin", {"username": "dana", "password": PASSWORD, "device_id": DEVICE}).json()
    assert post(GatewayClient(token=tokens["access"]), "signout", {"refresh": tokens["refresh"]}).status_code == 200

    assert me(tokens["access"]).status_code == 401


def test_minted_tokens_are_es256(api_client, user):
    tokens = post(api_client, "signin", {"username": "dana", "password": PASSWORD, "device_id": DEVICE}).json()

    assert jwt.get_unverified_header(tokens["access"])["alg"] == "ES256"
    assert jwt.get_unverified_header(tokens["refresh"])["alg"] == "ES256"
