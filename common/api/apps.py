from django.apps import AppConfig


class CommonApiConfig(AppConfig):
    """The shared HTTP edge, installed in every project."""

    name = "common.api"
    label = "bazaar_common"

    def ready(self) -> None:
        # drf-spectacular learns how to describe the shared authentication class and strict inputs.
        # ``<id:...>`` in URL patterns: ids beyond bigint are a 404 (common/api/converters.py).
        from common.api import converters
        from common.api import schema as api_schema  # noqa: F401
        from common.auth import schema  # noqa: F401

        converters.register()
