from django.apps import AppConfig


class CommonApiConfig(AppConfig):
    """The shared HTTP edge, installed in every project."""

    name = "common.api"
    label = "bazaar_common"

    def ready(self) -> None:
        # drf-spectacular learns how to describe the shared authentication class.
        # ``<id:...>`` in URL patterns: ids beyond bigint are a 404 (common/api/converters.py).
        from common.api import converters
        from common.auth import schema  # noqa: F401

        converters.register()
