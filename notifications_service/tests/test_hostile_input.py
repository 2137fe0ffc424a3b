"""Hostile input on every notifications endpoint: a 400 naming the field or a 404, never a 5xx."""

import pytest

from common.testing.hostile import BEYOND_BIGINT, HUGE, NUL, NUL_IN_URL, Case, check

pytestmark = pytest.mark.django_db
V1 = "/api/v1/notifications"

CASES = [
    Case("POST", f"{V1}/{BEYOND_BIGINT}/read", status=404),
    Case("POST", f"{V1}/{NUL_IN_URL}/read", status=404),
    Case("GET", f"{V1}?page={HUGE}", field="page"),
    Case("GET", f"{V1}?page=2", status=404, name="a page beyond the last"),
    Case("GET", f"{V1}?unread={NUL_IN_URL}", field="unread"),
    Case("PATCH", f"{V1}/preferences", body={"non_essential_email": NUL}, field="non_essential_email"),
    Case("PATCH", f"{V1}/preferences", body={"non_essential_email": HUGE}, field="non_essential_email"),
    Case("PATCH", f"{V1}/preferences", body={"x" + NUL: True}, field="x\\u0000"),
    Case("POST", f"{V1}/read-all", body={"a": NUL}, field="a"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.id)
def test_hostile_input_is_refused_naming_the_field_or_not_found(api_client_as, case):
    check(api_client_as("alice"), case)
