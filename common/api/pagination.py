"""The one list shape: ``{"count", "next", "previous", "results"}``, ``?page=&page_size=``."""

from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Page-number pagination, 20 by default, at most 100 per page."""

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
