"""Request parsers every service uses: DRF's, refusing what PostgreSQL cannot store with a 400."""

from __future__ import annotations

from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError

from common.api.characters import message_for, printable, unstorable_fields


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, also refusing absurdly nested documents and unstorable characters with a 400.

    ``json`` raises ``RecursionError`` (not ``ValueError``) for ``[[[[...]]]]`` a thousand
    levels deep, which DRF would let escape as a 500. A NUL or a lone surrogate anywhere, in
    a key or a value at any depth, is refused naming the top-level field (common/api/characters.py).
    """

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            document = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None
        refuse(unstorable_fields(document))
        return document


class MultiPartParser(parsers.MultiPartParser):
    """DRF's multipart parser, refusing a NUL in a field's name or value, naming the field.

    (Django decodes multipart text with replacement, so no lone surrogate gets this far.)
    """

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        parsed = super().parse(stream, media_type, parser_context)
        fields = unstorable_fields(dict(parsed.data.lists()))
        for key in parsed.files:
            if (message := message_for(key)) is not None:
                fields[printable(key)] = [message]
        refuse(fields)
        return parsed


def refuse(fields: dict[str, list[str]]) -> None:
    """Raise the 400 naming ``fields`` when there are any."""
    if fields:
        raise ValidationError(fields)
