"""Operators can see what was published and what is still waiting."""

from django.contrib import admin

from common.events.outbox.models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ["type", "occurred_at", "published_at"]
    list_filter = ["type", ("published_at", admin.EmptyFieldListFilter)]
    search_fields = ["id", "type", "request_id"]
    readonly_fields = [
        "id",
        "type",
        "version",
        "producer",
        "occurred_at",
        "data",
        "published_at",
        "request_id",
        "causation_id",
    ]
