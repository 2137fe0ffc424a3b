"""The notifications API: one view per operation, for the signed-in user's own notifications."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from common.api.serializers import ERROR, StrictSerializer, validated
from common.auth.user import signed_in_user
from notifications_service.notifications import selectors, services
from notifications_service.notifications.api import serializers as s
from notifications_service.notifications.models import Notification

TAGS = ["notifications"]


class NotificationListView(ListAPIView[Notification]):
    serializer_class = s.NotificationOutput

    @extend_schema(
        tags=TAGS,
        parameters=[OpenApiParameter("unread", bool, description="Only unread notifications.")],
        responses={200: s.NotificationOutput(many=True), 400: ERROR, 401: ERROR},
        summary="My notifications, newest first",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Notification]:
        query = s.ListQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.notifications_of(
            user_id=signed_in_user(self.request).id, unread_only=query.validated_data["unread"]
        )


class MarkReadView(APIView):
    @extend_schema(
        tags=TAGS,
        request=None,
        responses={200: s.NotificationOutput, 401: ERROR, 404: ERROR},
        summary="Mark one of my notifications read",
    )
    def post(self, request: Request, notification_id: int) -> Response:
        validated(StrictSerializer, request)
        notification = services.mark_read(user_id=signed_in_user(request).id, notification_id=notification_id)
        return Response(s.NotificationOutput(notification).data)


class MarkAllReadView(APIView):
    @extend_schema(
        tags=TAGS,
        request=None,
        responses={200: s.MarkedReadOutput, 401: ERROR},
        summary="Mark all my notifications read",
    )
    def post(self, request: Request) -> Response:
        validated(StrictSerializer, request)
        marked = services.mark_all_read(user_id=signed_in_user(request).id)
        return Response(s.MarkedReadOutput({"marked": marked}).data)


class PreferencesView(APIView):
    @extend_schema(tags=TAGS, responses={200: s.PreferencesOutput, 401: ERROR}, summary="My email preferences")
    def get(self, request: Request) -> Response:
        preferences = selectors.email_preferences(user_id=signed_in_user(request).id)
        return Response(s.PreferencesOutput(preferences).data)

    @extend_schema(
        tags=TAGS,
        request=s.PreferencesInput,
        responses={200: s.PreferencesOutput, 400: ERROR, 401: ERROR},
        summary="Change my email preferences",
    )
    def patch(self, request: Request) -> Response:
        data = validated(s.PreferencesInput, request)
        recipient = services.set_email_preferences(user_id=signed_in_user(request).id, **data)
        preferences = {
            "non_essential_email": recipient.wants_non_essential_email,
            "message_email": recipient.wants_message_email,
        }
        return Response(s.PreferencesOutput(preferences).data)
