"""The chat API: one view per operation — validate, call one use-case, serialize."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import FileResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from chat_service.chat import selectors, services
from chat_service.chat.api import serializers as s
from chat_service.chat.models import Conversation, Message
from common.api.downloads import DownloadView, stored_file
from common.api.serializers import ERROR, StrictSerializer, validated
from common.auth.user import signed_in_user

TAGS = ["chat"]


class SendMessageView(APIView):
    @extend_schema(
        tags=TAGS,
        request={"application/json": s.SendMessageInput, "multipart/form-data": s.SendMessageInput},
        responses={201: s.MessageOutput, 400: ERROR, 401: ERROR, 403: ERROR, 413: ERROR, 415: ERROR},
        summary="Send a message (with an attachment or an offer)",
        description=(
            "Creates the conversation with `to` on first contact. An offer can only be made by the "
            "seller of an active gig. Attachments (multipart) may be images, PDF, ZIP or plain text."
        ),
    )
    def post(self, request: Request) -> Response:
        data = validated(s.SendMessageInput, request)
        offer = data.pop("offer")
        sender = signed_in_user(request)
        message = services.send_message(
            sender_id=sender.id,
            sender_username=sender.username,
            offer=services.OfferTerms(**offer) if offer else None,
            **data,
        )
        return Response(s.MessageOutput(message).data, status=201)


class ConversationListView(ListAPIView[Conversation]):
    serializer_class = s.ConversationOutput

    @extend_schema(
        tags=TAGS,
        responses={200: s.ConversationOutput(many=True), 401: ERROR},
        summary="My conversations, newest activity first",
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Conversation]:
        return selectors.conversations_of(user_id=signed_in_user(self.request).id)


class ConversationMessagesView(ListAPIView[Message]):
    serializer_class = s.MessageOutput

    @extend_schema(
        tags=TAGS,
        parameters=[s.MessagesQuery],
        responses={200: s.MessageOutput(many=True), 400: ERROR, 401: ERROR, 404: ERROR},
        summary="Messages of one of my conversations, oldest first",
        description=(
            "A real-time client that reconnects asks `?after=<id of the last message it has>` "
            "to get exactly the messages it missed."
        ),
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    def get_queryset(self) -> QuerySet[Message]:
        query = s.MessagesQuery(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return selectors.messages_of(
            user_id=signed_in_user(self.request).id,
            conversation_id=self.kwargs["conversation_id"],
            after=query.validated_data.get("after"),
        )


class MarkConversationReadView(APIView):
    @extend_schema(
        tags=TAGS,
        request=None,
        responses={200: s.ReadOutput, 400: ERROR, 401: ERROR, 404: ERROR},
        summary="Mark every message to me in a conversation read",
    )
    def post(self, request: Request, conversation_id: int) -> Response:
        validated(StrictSerializer, request)
        receipt = services.mark_conversation_read(user_id=signed_in_user(request).id, conversation_id=conversation_id)
        return Response(s.ReadOutput(receipt).data)


class AcceptOfferView(APIView):
    @extend_schema(
        tags=TAGS,
        request=None,
        responses={200: s.MessageOutput, 401: ERROR, 403: ERROR, 404: ERROR, 409: ERROR},
        summary="Accept an offer made to me",
    )
    def post(self, request: Request, message_id: int) -> Response:
        validated(StrictSerializer, request)
        message = services.accept_offer(user_id=signed_in_user(request).id, message_id=message_id)
        return Response(s.MessageOutput(message).data)


class CancelOfferView(APIView):
    @extend_schema(
        tags=TAGS,
        request=None,
        responses={200: s.MessageOutput, 401: ERROR, 404: ERROR, 409: ERROR},
        summary="Cancel a pending offer (either party)",
    )
    def post(self, request: Request, message_id: int) -> Response:
        validated(StrictSerializer, request)
        message = services.cancel_offer(user_id=signed_in_user(request).id, message_id=message_id)
        return Response(s.MessageOutput(message).data)


class AttachmentView(DownloadView):
    @extend_schema(
        tags=TAGS,
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 401: ERROR, 404: ERROR},
        parameters=[OpenApiParameter("message_id", int, OpenApiParameter.PATH)],
        summary="Download a message's attachment (parties only)",
    )
    def get(self, request: Request, message_id: int) -> FileResponse:
        message = selectors.attachment_of(user_id=signed_in_user(request).id, message_id=message_id)
        return stored_file(
            message.attachment_path, name=message.attachment_name, content_type=message.attachment_content_type
        )
