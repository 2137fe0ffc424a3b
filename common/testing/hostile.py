"""Hostile input every service must refuse cleanly: NUL characters, overflowing numbers, huge pages.

Each service lists its endpoints' path parameters, query parameters and body fields as
:class:`Case` rows and runs them through :func:`check`: a 400 naming the field, or a 404
where nothing can exist (a NUL in a path segment, an id beyond PostgreSQL's bigint, a page
beyond the last), and never a 5xx.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass
from typing import Any

NUL = "\x00"
# A NUL as it travels in a URL.
NUL_IN_URL = "%00"
# The smallest whole number PostgreSQL's bigint cannot hold.
BEYOND_BIGINT = 2**63
HUGE = 10**30
# A decimal beyond any column (``Decimal("1e400")`` has one digit and a 400-digit exponent).
HUGE_DECIMAL = "1e400"


@dataclass(frozen=True)
class Case:
    """One hostile request and what it must get: ``field`` names the 400's field, else ``status``.

    ``body`` goes as JSON, ``form`` as multipart; ``as_user`` is the persona sending it
    (anonymous when empty).
    """

    method: str
    path: str
    field: str | None = None
    status: int = 400
    body: Any = None
    form: dict[str, Any] | None = None
    as_user: str = ""
    name: str = ""

    def __post_init__(self) -> None:
        if self.field is None and self.status == 400:
            raise ValueError("a 400 case names its field")

    def at(self, **values: object) -> Case:
        """This case with ``{name}`` placeholders of its path filled in (ids known only in the test)."""
        return dataclasses.replace(self, path=self.path.format(**values))

    @property
    def id(self) -> str:
        return self.name or f"{self.method} {self.path} -> {self.field or self.status}"


def send(client: Any, case: Case) -> Any:
    """Send ``case`` with ``client`` (a gateway-signed test client)."""
    if case.form is not None:
        return client.generic(case.method, case.path, **_multipart(case.form))
    if case.body is not None:
        return client.generic(case.method, case.path, json.dumps(case.body), content_type="application/json")
    return client.generic(case.method, case.path)


def _multipart(form: dict[str, Any]) -> dict[str, Any]:
    from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart

    return {"data": encode_multipart(BOUNDARY, form), "content_type": MULTIPART_CONTENT}


def check(client: Any, case: Case) -> None:
    """Assert ``case`` gets exactly its expected answer, in the one error shape."""
    response = send(client, case)
    assert response.status_code < 500, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    if case.field is not None:
        assert (response.status_code, body["code"]) == (400, "invalid"), body
        assert case.field in body["fields"], body
    else:
        assert response.status_code == case.status, body
        assert set(body) >= {"code", "detail"}, body
