"""The one error body: what every service's document says of ``ErrorOutput`` is what the gateway declares."""

from django.urls import path
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import api_view

from common.api.schema import ERROR_COMPONENT, ERROR_SCHEMA
from common.api.serializers import ErrorOutput


@extend_schema(responses={200: None, 400: ErrorOutput})
@api_view(["GET"])
def fails(request):  # pragma: no cover - only documented, never called
    raise NotImplementedError


def test_a_services_error_output_component_is_the_fleets_one_error_schema():
    document = SchemaGenerator(patterns=[path("api/v1/fails", fails)]).get_schema(request=None, public=True)

    assert document["components"]["schemas"][ERROR_COMPONENT] == ERROR_SCHEMA
    assert ERROR_SCHEMA["properties"]["fields"]["additionalProperties"] == {
        "type": "array",
        "items": {"type": "string"},
    }
