"""Request parsers every service uses: DRF's, refusing what PostgreSQL cannot store with a 400."""

from __future__ import annotations

from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError, ValidationError

from common.api.nul import NUL_MESSAGE, has_nul, nul_fields, printable


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, also refusing absurdly nested documents and NUL characters with a 400.

    ``json`` raises ``RecursionError`` (not ``ValueError``) for ``[[[[...]]]]`` a thousand
    levels deep, which DRF would let escape as a 500. A NUL (``"\\u0000"``) anywhere, in a
    key or a value at any depth, is refused naming the top-level field: CharField refuses it
    too, but ``JSONField``, dict keys and lists of choices would carry it to the database.
    """

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            document = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None
        refuse_nul(nul_fields(document))
        return document


class MultiPartParser(parsers.MultiPartParser):
    """DRF's multipart parser, refusing a NUL in a field's name or value, naming the field."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        parsed = super().parse(stream, media_type, parser_context)
        bad = {printable(key) for key, values in parsed.data.lists() if has_nul(key) or has_nul(values)}
        bad |= {printable(key) for key in parsed.files if has_nul(key)}
        refuse_nul({name: [NUL_MESSAGE] for name in sorted(bad)})
        return parsed


def refuse_nul(fields: dict[str, list[str]]) -> None:
    """Raise the 400 naming ``fields`` when there are any."""
    if fields:
        raise ValidationError(fields)
