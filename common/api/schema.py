"""What every service's OpenAPI document says beyond drf-spectacular's defaults.

- An input serializer that refuses unknown fields (:class:`StrictSerializer`) says so:
  ``additionalProperties: false``.
- Every paginated list documents its 404 (a page past the last) and its 400 (a bad ``page_size``).
- An optional query parameter admits the empty value, which DRF reads as "not given".
- Free text refuses NUL characters (``pattern``), as DRF's ``CharField`` does.

The gateway adds its own answers (401, 413, 415, 429, 5xx ...) when it merges the documents.
"""

from __future__ import annotations

import copy
import math
from decimal import Decimal
from typing import Any

from drf_spectacular.extensions import OpenApiSerializerExtension, OpenApiSerializerFieldExtension

from common.api.pagination import MAX_PAGE

ERROR_COMPONENT = "ErrorOutput"
ERROR_REF = f"#/components/schemas/{ERROR_COMPONENT}"
# The one error body of the fleet, as every service's document describes
# ``common.api.serializers.ErrorOutput`` and as the gateway's merged document declares it.
ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "properties": {
        "code": {"type": "string"},
        "detail": {"type": "string"},
        "fields": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
    },
    "required": ["code", "detail"],
}
PAGE_PAST_THE_END = "No such page (past the last one), or no such object."
BAD_PAGE_SIZE = "Invalid input, e.g. `page_size` is not a whole number of at least 1; `fields` names it."
NO_NUL = r"^[^\x00]*$"
# What ``str.strip()`` removes: DRF trims text before it checks that it is not blank.
WHITESPACE = r"\t\n\x0b\x0c\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
NOT_BLANK = rf"^[^\x00]*[^\x00{WHITESPACE}][^\x00]*$"


class StrictSerializerScheme(OpenApiSerializerExtension):  # type: ignore[no-untyped-call]
    """A :class:`StrictSerializer` answers 400 to an unknown field, so its request body admits none.

    One that sets ``whole_on_patch = True`` keeps its required fields in a PATCH body too.
    """

    target_class = "common.api.serializers.StrictSerializer"
    match_subclasses = True

    def map_serializer(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        target = self.target
        if getattr(target, "partial", False) and getattr(target, "whole_on_patch", False):
            # drf-spectacular documents every PATCH body as all-optional; this one is validated whole.
            target = copy.copy(target)
            target.partial = False
        schema: dict[str, Any] = auto_schema._map_serializer(target, direction, bypass_extensions=True)
        if direction == "request":
            schema["additionalProperties"] = False
        return schema


class DecimalScheme(OpenApiSerializerFieldExtension):  # type: ignore[no-untyped-call]
    """A decimal input is text: its pattern admits exactly the digits and the bounds DRF enforces."""

    target_class = "rest_framework.fields.DecimalField"
    match_subclasses = True

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        field = self.target
        schema: dict[str, Any] = auto_schema._map_serializer_field(field, direction, bypass_extensions=True)
        if direction == "request" and schema.get("type") == "string" and field.max_digits is not None:
            places = field.decimal_places or 0
            schema["pattern"] = decimal_pattern(field.max_digits, places, field.min_value, field.max_value)
        return schema


def decimal_pattern(max_digits: int, places: int, minimum: Decimal | None, maximum: Decimal | None = None) -> str:
    """``^...$`` for decimals of at most ``max_digits`` digits, ``places`` after the point, within the bounds.

    A fractional bound is rounded inwards (the pattern may refuse a little more than the service).
    """
    fraction = rf"(?:\.[0-9]{{1,{places}}})?" if places else ""
    zeros = rf"(?:\.0{{1,{places}}})?" if places else ""
    top = 10 ** (max_digits - places) - 1
    sign = "-?" if minimum is None else ""
    low = 0 if minimum is None else max(0, math.ceil(minimum))
    if maximum is None or math.floor(maximum) >= top:
        return rf"^{sign}{whole_range(low, top)}{fraction}$"
    high = math.floor(maximum)
    options = [f"{whole_range(low, high - 1)}{fraction}"] if high > low else []
    options.append(f"{high}{zeros if high == maximum else fraction}")
    return rf"^{sign}(?:{'|'.join(options)})$"


def whole_range(low: int, high: int) -> str:
    """A regex group for the whole numbers from ``low`` to ``high``, without leading zeros."""
    options = []
    for length in range(len(str(low)), len(str(high)) + 1):
        start = max(low, 10 ** (length - 1) if length > 1 else 0)
        end = min(high, 10**length - 1)
        if start <= end:
            options.append(_same_length(str(start), str(end)))
    return "(?:" + "|".join(options) + ")"


def _same_length(low: str, high: str) -> str:
    if low == high:
        return low
    if len(low) == 1:
        return f"[{low}-{high}]"
    if low[0] == high[0]:
        return low[0] + _same_length(low[1:], high[1:])
    rest = len(low) - 1
    options = [low[0] + _same_length(low[1:], "9" * rest)]
    if int(high[0]) - int(low[0]) > 1:
        options.append(f"[{int(low[0]) + 1}-{int(high[0]) - 1}][0-9]{{{rest}}}")
    options.append(high[0] + _same_length("0" * rest, high[1:]))
    return "(?:" + "|".join(options) + ")"


def error_response(description: str) -> dict[str, Any]:
    """A response whose body is the fleet's one error shape."""
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ERROR_REF}}}}


def complete_document(result: dict[str, Any], generator: Any, request: Any, public: bool) -> dict[str, Any]:
    """Postprocessing hook: what the services' shared code enforces, written where it applies."""
    for operations in (result.get("paths") or {}).values():
        for operation in operations.values():
            if isinstance(operation, dict):
                complete_operation(operation)
    schemas = result.get("components", {}).get("schemas") or {}
    for name, component in schemas.items():
        if name.endswith("Request"):
            refuse_nul_characters(component)
    for operations in (result.get("paths") or {}).values():
        for operation in operations.values():
            if isinstance(operation, dict):
                files_only_in_multipart(operation, schemas)
    return result


def complete_operation(operation: dict[str, Any]) -> None:
    """Pagination's bounds, 404 and 400; the empty value of an optional query parameter; no NUL in its text."""
    responses = operation.setdefault("responses", {})
    query = [p for p in operation.get("parameters", []) if p.get("in") == "query"]
    names = {p.get("name") for p in query}
    if "page" in names:
        responses.setdefault("404", error_response(PAGE_PAST_THE_END))
    if "page_size" in names:
        responses.setdefault("400", error_response(BAD_PAGE_SIZE))
    for parameter in query:
        schema = parameter.get("schema", {})
        if parameter.get("name") in ("page", "page_size") and schema.get("type") == "integer":
            schema.setdefault("minimum", 1)
            if parameter["name"] == "page":
                schema.setdefault("maximum", MAX_PAGE)
        if not parameter.get("required"):
            # DRF reads an empty query value of an optional field as "not given" (form semantics).
            parameter["allowEmptyValue"] = True
        refuse_nul_characters(schema)


def files_only_in_multipart(operation: dict[str, Any], schemas: dict[str, Any]) -> None:
    """A JSON body cannot carry a file (its schema is the multipart one without them); a form cannot carry null.

    A file is never empty (DRF's ``allow_empty_file=False``).
    """
    json_body: dict[str, Any] = ((operation.get("requestBody") or {}).get("content") or {}).get(
        "application/json"
    ) or {}
    ref = json_body.get("schema", {}).get("$ref", "")
    name = ref.rsplit("/", 1)[-1]
    component = schemas.get(name)
    if not component:
        return
    files = [key for key, field in component.get("properties", {}).items() if is_file(field)]
    if not files:
        return
    json_name = name.removesuffix("Request") + "JsonRequest"
    schemas[json_name] = {
        **component,
        "properties": {key: field for key, field in component["properties"].items() if key not in files},
        "required": [key for key in component.get("required", []) if key not in files],
    }
    if not schemas[json_name]["required"]:
        del schemas[json_name]["required"]
    json_body["schema"] = {"$ref": f"#/components/schemas/{json_name}"}
    # A form field is text or a file: the multipart body has no null. DRF refuses an empty file.
    component["properties"] = {
        key: {k: v for k, v in field.items() if k != "nullable"} for key, field in component["properties"].items()
    }
    for key in files:
        field = component["properties"][key]
        field.get("items", field)["minLength"] = 1


def is_file(field: dict[str, Any]) -> bool:
    """A file field, or a list of files."""
    return field.get("format") == "binary" or (field.get("items") or {}).get("format") == "binary"


def refuse_nul_characters(schema: dict[str, Any]) -> None:
    """DRF's text fields refuse NUL characters, and blank text where they need some: a pattern says so.

    Only free text without a pattern or format of its own gets one.
    """
    if schema.get("type") == "string" and not ({"enum", "pattern", "format"} & schema.keys()):
        schema["pattern"] = NOT_BLANK if schema.get("minLength", 0) >= 1 else NO_NUL
    for nested in (schema.get("properties") or {}).values():
        refuse_nul_characters(nested)
    if isinstance(schema.get("items"), dict):
        refuse_nul_characters(schema["items"])
