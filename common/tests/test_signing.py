import time

import pytest

from common.auth.signing import SignatureError, SignedRequest, canonical_path, sign, verify

KEY = "k" * 32
REQUEST = SignedRequest(method="POST", path="/api/v1/gigs?x=1", body=b'{"a": 1}', request_id="abcdef123456")


def test_a_fresh_signature_verifies():
    assert verify(sign(REQUEST, KEY), REQUEST, KEY, ttl=30)


@pytest.mark.parametrize(
    "altered",
    [
        SignedRequest("PUT", REQUEST.path, REQUEST.body, REQUEST.request_id),
        SignedRequest(REQUEST.method, "/api/v1/gigs?x=2", REQUEST.body, REQUEST.request_id),
        SignedRequest(REQUEST.method, REQUEST.path, b'{"a": 2}', REQUEST.request_id),
        SignedRequest(REQUEST.method, REQUEST.path, REQUEST.body, "another-request"),
    ],
    ids=["method", "query", "body", "request id"],
)
def test_an_altered_request_does_not_verify(altered):
    with pytest.raises(SignatureError) as error:
        verify(sign(REQUEST, KEY), altered, KEY, ttl=30)

    assert error.value.code == "gateway_signature_invalid"


def test_a_stale_signature_is_refused():
    header = sign(REQUEST, KEY, timestamp=int(time.time()) - 31)

    with pytest.raises(SignatureError) as error:
        verify(header, REQUEST, KEY, ttl=30)

    assert error.value.code == "gateway_signature_expired"


def test_a_signature_made_with_another_key_is_refused():
    with pytest.raises(SignatureError) as error:
        verify(sign(REQUEST, "another key"), REQUEST, KEY, ttl=30)

    assert error.value.code == "gateway_signature_invalid"


def test_two_signatures_of_the_same_request_in_the_same_second_carry_different_nonces():
    now = int(time.time())

    first, second = sign(REQUEST, KEY, timestamp=now), sign(REQUEST, KEY, timestamp=now)

    assert verify(first, REQUEST, KEY, ttl=30) != verify(second, REQUEST, KEY, ttl=30)


def test_a_signature_whose_nonce_was_changed_does_not_verify():
    timestamp, _, mac = sign(REQUEST, KEY).split(",")
    forged = f"{timestamp},n={'0' * 32},{mac}"

    with pytest.raises(SignatureError) as error:
        verify(forged, REQUEST, KEY, ttl=30)

    assert error.value.code == "gateway_signature_invalid"


@pytest.mark.parametrize(
    "header",
    [None, "", "garbage", "t=abc,s=00", "s=00", f"t={int(time.time())},s=00", f"t={int(time.time())},n=short,s=00"],
)
def test_a_missing_or_malformed_header_is_refused(header):
    with pytest.raises(SignatureError) as error:
        verify(header, REQUEST, KEY, ttl=30)

    assert error.value.code in {"gateway_signature_missing", "gateway_signature_malformed"}


def test_the_canonical_path_keeps_the_query_only_when_there_is_one():
    assert canonical_path("/a", "") == "/a"
    assert canonical_path("/a", "b=1") == "/a?b=1"
