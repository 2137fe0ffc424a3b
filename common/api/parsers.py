"""Request parsers every service uses."""

from __future__ import annotations

from typing import Any

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, also refusing absurdly nested documents with a 400.

    ``json`` raises ``RecursionError`` (not ``ValueError``) for ``[[[[...]]]]`` a thousand
    levels deep, which DRF would let escape as a 500.
    """

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - nested too deeply.") from None
