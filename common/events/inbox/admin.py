"""Operators can see which events each handler applied and when."""

from django.contrib import admin

from common.events.inbox.models import InboxEntry


@admin.register(InboxEntry)
class InboxEntryAdmin(admin.ModelAdmin):
    list_display = ["event_type", "event_id", "handler", "applied_at"]
    list_filter = ["event_type", "handler"]
    search_fields = ["event_id"]
    readonly_fields = ["event_id", "handler", "event_type", "applied_at"]
