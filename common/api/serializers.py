"""Serializer helpers shared by every service."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.utils import html


class StrictSerializer(serializers.Serializer[Any]):
    """An input serializer that refuses fields it does not know, and in JSON text that is not a string.

    DRF's ``CharField`` turns a JSON number into text; the OpenAPI document says ``string``,
    so a number there is refused like any other wrong type (a form sends only text anyway).
    """

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, dict):
            unknown = sorted(set(data) - set(self.fields))
            if unknown:
                raise serializers.ValidationError({name: ["Unknown field."] for name in unknown})
            if not html.is_html_input(data):
                _refuse_non_text(self.fields, data)
        return super().to_internal_value(data)


def _refuse_non_text(fields: Any, data: dict[str, Any]) -> None:
    """400 naming each text field (or list of texts) whose JSON value is not a string."""
    wrong: dict[str, list[str]] = {}
    for name, value in data.items():
        field = fields[name]
        if isinstance(field, serializers.ListField) and isinstance(value, list):
            field, values = field.child, value
        else:
            values = [value]
        if isinstance(field, serializers.CharField) and any(v is not None and not isinstance(v, str) for v in values):
            wrong[name] = ["Not a valid string."]
    if wrong:
        raise serializers.ValidationError(wrong)


def validated(serializer_class: type[serializers.Serializer[Any]], request: Request) -> dict[str, Any]:
    """The request body validated by ``serializer_class``; a 400 naming each bad field otherwise."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


# The one error body of the fleet. No docstring: it would become the component's description,
# and the gateway's merged document has this component once, identical in every service's document.
class ErrorOutput(serializers.Serializer[Any]):
    code = serializers.CharField()
    detail = serializers.CharField()
    # A declared field: DRF's metaclass takes it out of the class, the ``fields`` property stays.
    fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)  # type: ignore[assignment]


# How every operation documents its error answers: the one body, named in each document once.
ERROR = OpenApiResponse(ErrorOutput, description="Error body: code, detail (and fields naming each bad field).")
