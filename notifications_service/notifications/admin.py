"""Admin of the notifications service: the recipient directory, notifications and emails.

Email bodies are not shown: they carry sign-in codes and password reset links.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from common.api.admin import ReadOnlyAdmin
from notifications_service.notifications import services
from notifications_service.notifications.models import MessageDigest, Notification, OutgoingEmail, Recipient
from notifications_service.notifications.tasks import send_after_commit


@admin.register(Recipient)
class RecipientAdmin(admin.ModelAdmin):
    list_display = [
        "user_id",
        "username",
        "email",
        "email_verified",
        "wants_non_essential_email",
        "wants_message_email",
        "updated_at",
    ]
    list_filter = ["email_verified", "wants_non_essential_email", "wants_message_email"]
    search_fields = ["=user_id", "username", "email"]
    # Only the preferences are the user's to change (support may do it on their behalf).
    readonly_fields = ["user_id", "username", "email", "email_verified", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    deletable = True
    list_display = ["user_id", "kind", "title", "created_at", "read_at"]
    list_filter = ["kind", ("read_at", admin.EmptyFieldListFilter), "created_at"]
    search_fields = ["=user_id", "title", "=source_event_id"]
    date_hierarchy = "created_at"


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(ReadOnlyAdmin):
    deletable = True
    list_display = ["to_address", "kind", "category", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status", "category", "kind", "created_at"]
    search_fields = ["to_address", "subject", "=source_event_id"]
    date_hierarchy = "created_at"
    exclude = ["text_body", "html_body"]
    actions = ["send_again"]

    @admin.action(description="Send again (failed emails only)")
    def send_again(self, request: HttpRequest, queryset: QuerySet[OutgoingEmail]) -> None:
        requeued = services.send_again(email_ids=list(queryset.values_list("pk", flat=True)))
        for email_id in requeued:
            send_after_commit(email_id)
        skipped = queryset.count() - len(requeued)
        self.message_user(request, f"{len(requeued)} email(s) queued again.", messages.SUCCESS)
        if skipped:
            self.message_user(
                request, f"{skipped} email(s) skipped: only failed emails are sent again.", messages.WARNING
            )


@admin.register(MessageDigest)
class MessageDigestAdmin(ReadOnlyAdmin):
    list_display = ["recipient_id", "conversation_id", "sender_username", "messages", "status", "due_at"]
    list_filter = ["status", "due_at"]
    search_fields = ["=recipient_id", "=conversation_id"]
    # The preview is a piece of someone's private conversation.
    exclude = ["preview"]
