"""Characters PostgreSQL cannot store: input carrying one is refused, naming the field.

A NUL (``\\x00``) is refused by PostgreSQL in text and JSON (psycopg raises on it); a lone
surrogate (``"\\ud800"`` in JSON) cannot even be encoded to UTF-8, neither for the database
nor for the answer that would name it. DRF's CharField refuses both; keys of objects,
``JSONField``/``DictField`` values and lists of choices would carry them on to a 500. Each
entry point refuses them first: the path and the query in :mod:`common.api.middleware`,
JSON and multipart bodies in :mod:`common.api.parsers`.
"""

from __future__ import annotations

import re
from typing import Any

NUL = "\x00"
# The messages of DRF's own ``ProhibitNullCharactersValidator`` and surrogate validator.
NUL_MESSAGE = "Null characters are not allowed."
SURROGATE_MESSAGE = "Surrogate characters are not allowed."
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def printable(name: str) -> str:
    """A field name fit to show back to the client: an unstorable character is spelled ``\\uXXXX``."""
    return _UNSTORABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", name)


def message_for(value: Any) -> str | None:
    """The message refusing ``value``, when an unstorable character is in it or anywhere inside it."""
    if isinstance(value, str):
        found = _UNSTORABLE.search(value)
        return None if found is None else NUL_MESSAGE if found.group() == NUL else SURROGATE_MESSAGE
    if isinstance(value, dict):
        items: list[Any] = [part for pair in value.items() for part in pair]
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        return None
    return next((message for item in items if (message := message_for(item)) is not None), None)


def unstorable_fields(document: Any) -> dict[str, list[str]]:
    """The top-level fields of a parsed body that carry an unstorable character, with the message.

    A body that is not an object (a list, a bare string) is named ``non_field_errors``, as DRF does.
    """
    if isinstance(document, dict):
        found = {printable(key): message_for([key, value]) for key, value in document.items()}
        return {name: [message] for name, message in found.items() if message is not None}
    message = message_for(document)
    return {} if message is None else {"non_field_errors": [message]}
