"""NUL characters in input: PostgreSQL stores none in text or JSON, so input carrying one is refused.

psycopg raises ``DataError`` on a NUL in a string parameter; a NUL that reached a query
would be a 500. Each entry point (path and query in :mod:`common.api.middleware`, JSON and
multipart bodies in :mod:`common.api.parsers`) refuses it with an answer naming the field.
"""

from __future__ import annotations

from typing import Any

NUL = "\x00"
# The message DRF's own ``ProhibitNullCharactersValidator`` gives on a CharField.
NUL_MESSAGE = "Null characters are not allowed."


def printable(name: str) -> str:
    """A field name fit to show back to the client (a NUL in the name itself is spelled out)."""
    return name.replace(NUL, "\\u0000")


def has_nul(value: Any) -> bool:
    """True when a NUL is in ``value`` or anywhere inside it (keys of objects included)."""
    if isinstance(value, str):
        return NUL in value
    if isinstance(value, dict):
        return any(has_nul(key) or has_nul(item) for key, item in value.items())
    if isinstance(value, list | tuple):
        return any(has_nul(item) for item in value)
    return False


def nul_fields(document: Any) -> dict[str, list[str]]:
    """The top-level fields of a parsed body that carry a NUL, each with the message; ``{}`` when none.

    A body that is not an object (a list, a bare string) is named ``non_field_errors``, as DRF does.
    """
    if isinstance(document, dict):
        return {printable(key): [NUL_MESSAGE] for key, value in document.items() if has_nul(key) or has_nul(value)}
    return {"non_field_errors": [NUL_MESSAGE]} if has_nul(document) else {}
