"""The refresh cookie goes into the body of refresh and signout, without breaking bad bodies."""

import json

from gateway_project.proxy.tokens import inject_refresh


def test_an_empty_body_becomes_the_refresh_token():
    assert json.loads(inject_refresh(b"", "r1")) == {"refresh": "r1"}


def test_a_body_without_refresh_gets_the_cookie_value():
    assert json.loads(inject_refresh(b'{"device_id": "d"}', "r1")) == {"device_id": "d", "refresh": "r1"}


def test_a_refresh_sent_by_the_client_wins_over_the_cookie():
    body = b'{"refresh": "from-body"}'

    assert inject_refresh(body, "r1") is body


def test_without_a_cookie_the_body_is_untouched():
    body = b'{"a": 1}'

    assert inject_refresh(body, None) is body


def test_malformed_or_absurdly_nested_json_is_left_for_the_service_to_refuse():
    malformed, nested = b'{"refresh": ', b"[" * 5000 + b"]" * 5000

    assert inject_refresh(malformed, "r1") is malformed
    assert inject_refresh(nested, "r1") is nested
