"""Admin of the chat service: conversations and messages, searchable by username, read-only.

Messages are what two users said to each other: staff may look (abuse reports), not edit.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from chat_service.chat.models import ChatUser, Conversation, Gig, Message, Offer
from common.api.admin import ReadOnlyAdmin


class MessageInline(admin.TabularInline):
    model = Message
    fk_name = "conversation"
    fields = readonly_fields = ("id", "sender", "body", "attachment_name", "sent_at", "read_at")
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Conversation)
class ConversationAdmin(ReadOnlyAdmin):
    deletable = True
    list_display = ["id", "user_low", "user_high", "created_at", "last_activity_at"]
    list_select_related = ["user_low", "user_high"]
    search_fields = ["user_low__username", "user_high__username"]
    date_hierarchy = "last_activity_at"
    ordering = ["-last_activity_at"]
    inlines = [MessageInline]


class OfferInline(admin.StackedInline):
    model = Offer
    can_delete = False
    fields = readonly_fields = ("gig_id", "gig_title", "price", "description", "delivery_days", "status", "decided_at")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Message)
class MessageAdmin(ReadOnlyAdmin):
    deletable = True
    list_display = ["id", "conversation", "sender", "recipient", "short_body", "attachment_name", "sent_at", "read_at"]
    list_select_related = ["sender", "recipient", "conversation"]
    list_filter = ["sent_at", ("read_at", admin.EmptyFieldListFilter)]
    search_fields = ["sender__username", "recipient__username", "body"]
    date_hierarchy = "sent_at"
    ordering = ["-id"]
    inlines = [OfferInline]

    @admin.display(description="body")
    def short_body(self, message: Message) -> str:
        return message.body[:80]


@admin.register(ChatUser)
class ChatUserAdmin(ReadOnlyAdmin):
    deletable = True
    list_display = ["user_id", "username", "known_since"]
    search_fields = ["username"]


@admin.register(Gig)
class GigAdmin(ReadOnlyAdmin):
    deletable = True
    list_display = ["gig_id", "title", "seller_id", "price", "active", "deleted", "changed_at"]
    list_filter = ["active", "deleted"]
    search_fields = ["title"]
