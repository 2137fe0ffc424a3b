"""The one list shape: ``{"count", "next", "previous", "results"}``, ``?page=&page_size=``.

``page`` is a whole number from 1 to :data:`MAX_PAGE`: anything else is a 400 naming
``page`` (never a 500: a page number whose offset overflows PostgreSQL's bigint used to
reach the query). A page beyond the last is a 404. ``page_size`` beyond the maximum is the
maximum; one that is not a whole number of at least 1 is a 400 naming ``page_size`` (the
OpenAPI document says ``minimum: 1``, and a document is a contract only if what it refuses
is refused); empty is "not given", as DRF reads every optional query parameter.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from common.api.errors import InvalidInput

# The largest page number any list takes: a million pages of 100 is far beyond any list
# served here, and its offset stays far inside PostgreSQL's bigint.
MAX_PAGE = 1_000_000
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100


PAGE_SIZE_RULE = "A whole number of at least 1 (more than the maximum gets the maximum)."


def page_size_of(raw: str | None, default: int, maximum: int) -> int:
    """``?page_size=`` as asked, capped at ``maximum``; 400 naming ``page_size`` unless a whole number >= 1."""
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise InvalidInput.on("page_size", PAGE_SIZE_RULE)
    return min(int(raw), maximum)


def page_field(**kwargs: Any) -> serializers.IntegerField:
    """The ``page`` query parameter as a serializer field (views with their own query serializer use it)."""
    return serializers.IntegerField(min_value=1, max_value=MAX_PAGE, **kwargs)


class Pagination(PageNumberPagination):
    """Page-number pagination, 20 by default, at most 100 per page; ``page_size_query_param = None`` fixes the size."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param: str | None = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request: Request) -> int:
        if self.page_size_query_param is None:
            return int(self.page_size)
        return page_size_of(request.query_params.get(self.page_size_query_param), self.page_size, self.max_page_size)

    def get_page_number(self, request: Request, paginator: Paginator[Any]) -> Any:
        raw = request.query_params.get(self.page_query_param) or 1
        if raw in self.last_page_strings:
            return paginator.num_pages
        try:
            return page_field().run_validation(raw)
        except serializers.ValidationError as error:
            raise serializers.ValidationError({self.page_query_param: error.detail}) from None

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}
            elif parameter["name"] == self.page_size_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1}
                parameter["description"] = (
                    f"Results per page: {self.page_size} by default, at most {self.max_page_size}."
                )
        return parameters
