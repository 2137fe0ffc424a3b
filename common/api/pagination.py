"""The one list shape: ``{"count", "next", "previous", "results"}``, ``?page=&page_size=``."""

from __future__ import annotations

from typing import Any

from rest_framework.pagination import PageNumberPagination
from rest_framework.request import Request

from common.api.errors import InvalidInput

PAGE_SIZE_RULE = "A whole number of at least 1 (more than the maximum gets the maximum)."


def page_size_of(raw: str | None, default: int, maximum: int) -> int:
    """``?page_size=`` as asked, capped at ``maximum``; 400 naming ``page_size`` unless a whole number >= 1.

    Empty is "not given", as DRF reads every optional query parameter.
    """
    if not raw:
        return default
    if not raw.isascii() or not raw.isdigit() or int(raw) < 1:
        raise InvalidInput.on("page_size", PAGE_SIZE_RULE)
    return min(int(raw), maximum)


def page_parameters(*, page_size: int, maximum: int | None) -> list[dict[str, Any]]:
    """The OpenAPI query parameters ``page`` and (unless ``maximum`` is None) ``page_size``, with their bounds."""
    parameters: list[dict[str, Any]] = [
        {
            "name": "page",
            "required": False,
            "in": "query",
            "description": "1-based page number; a page past the last is 404.",
            "schema": {"type": "integer", "minimum": 1},
        }
    ]
    if maximum is not None:
        parameters.append(
            {
                "name": "page_size",
                "required": False,
                "in": "query",
                "description": f"Results per page: {page_size} by default, at most {maximum} (a larger ask gets {maximum}).",
                "schema": {"type": "integer", "minimum": 1},
            }
        )
    return parameters


class Pagination(PageNumberPagination):
    """Page-number pagination, 20 by default, at most 100 per page; ``page_size_query_param = None`` fixes the size."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100

    def get_page_size(self, request: Request) -> int:
        if self.page_size_query_param is None:
            return self.page_size
        return page_size_of(request.query_params.get(self.page_size_query_param), self.page_size, self.max_page_size)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        maximum = self.max_page_size if self.page_size_query_param else None
        return page_parameters(page_size=self.page_size, maximum=maximum)
