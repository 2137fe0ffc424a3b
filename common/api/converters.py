"""Path converters every service's URLs use.

``<id:name>`` is an id: digits whose value fits PostgreSQL's bigint. A larger number names
nothing that can exist, so it does not match (Django answers 404) instead of reaching a
query or a column. drf-spectacular describes it from ``SPECTACULAR_SETTINGS``
(``PATH_CONVERTER_OVERRIDES``: ``bounds.ID_SCHEMA``), bounds included.
"""

from __future__ import annotations

from django.urls import register_converter

from common.api.bounds import MAX_ID


class IdConverter:
    regex = "[0-9]+"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(f"{value} is beyond any id")
        return number

    def to_url(self, value: int) -> str:
        return str(value)


def register() -> None:
    """Make ``<id:...>`` known to Django's URL patterns (once, from the app's ``ready``)."""
    register_converter(IdConverter, "id")
