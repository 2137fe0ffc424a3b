"""``GET /api/v1/media/gigs/covers/<name>``: a cover image streamed from ``default_storage``.

Used when uploads are local files (with S3 the gig links the bucket's own URL). Names
are random and never reused, so browsers and the gateway may cache an image for good.
"""

from __future__ import annotations

from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.views import APIView

from gigs_service.gigs import images


class CoverImageView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["gigs"],
        responses={200: OpenApiResponse(OpenApiTypes.BINARY, description="JPEG, PNG or WebP."), 404: None},
        summary="A gig's cover image",
    )
    def get(self, request: Request, file_name: str) -> FileResponse:
        return images.serve(file_name)
