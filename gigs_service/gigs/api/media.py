"""``GET /api/v1/media/gigs/covers/<name>``: a cover image streamed from ``default_storage``.

Used when uploads are local files (with S3 the gig links the bucket's own URL). Names
are random and never reused, so browsers and the gateway may cache an image for good.
"""

from __future__ import annotations

from django.core.files.storage import default_storage
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from common.api.errors import NotFound
from gigs_service.gigs import images

CACHE_FOREVER = "public, max-age=31536000, immutable"


class CoverImageView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["gigs"],
        responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="JPEG, PNG or WebP."), 404: None},
        summary="A gig's cover image",
    )
    def get(self, request: Request, file_name: str) -> FileResponse:
        content_type = images.content_type_of(file_name)
        name = f"{images.COVERS}{file_name}"
        if content_type is None or not default_storage.exists(name):
            raise NotFound("No image has this name.")
        response = FileResponse(default_storage.open(name, "rb"), content_type=content_type)
        response["Cache-Control"] = CACHE_FOREVER
        response["X-Content-Type-Options"] = "nosniff"
        return response
