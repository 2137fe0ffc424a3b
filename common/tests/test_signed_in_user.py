"""What a view reads of the caller: the claims user and its token's claims, or a 401."""

import pytest
from rest_framework.exceptions import NotAuthenticated
from rest_framework.request import ForcedAuthentication, Request
from rest_framework.test import APIRequestFactory

from common.auth.user import ClaimsUser, signed_in_user, token_claims

CLAIMS = {"user_id": 7, "username": "alice", "email": "alice@example.com", "is_seller": True}


def request_as(user: ClaimsUser | None, claims: dict[str, object] | None) -> Request:
    authenticators = [ForcedAuthentication(user, claims)] if user is not None else []
    return Request(APIRequestFactory().get("/"), authenticators=authenticators)


def test_a_signed_in_request_gives_its_claims_user_and_the_claims_of_its_token():
    user = ClaimsUser.from_claims(CLAIMS)
    request = request_as(user, CLAIMS)

    assert (signed_in_user(request), token_claims(request)) == (user, CLAIMS)


def test_an_anonymous_request_is_a_401_for_both():
    request = request_as(None, None)

    with pytest.raises(NotAuthenticated):
        signed_in_user(request)
    with pytest.raises(NotAuthenticated):
        token_claims(request)
