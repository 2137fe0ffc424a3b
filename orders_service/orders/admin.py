"""Admin of the orders service: orders with their timeline, payments; money is never edited here.

Orders change only through their use-cases (which refund, publish and keep the timeline),
so the admin lists, filters and shows them, read-only.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from orders_service.orders.models import AcceptedOffer, Delivery, Extension, Gig, Order, Payment, TimelineEntry


class ReadOnlyAdmin(admin.ModelAdmin):
    """Lists and shows; rows come from the API or from events, never from this form."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class TimelineInline(ReadOnlyInline):
    model = TimelineEntry
    fields = readonly_fields = ("at", "kind", "actor_username", "message")


class DeliveryInline(ReadOnlyInline):
    model = Delivery
    fields = readonly_fields = ("delivered_at", "message")


class ExtensionInline(ReadOnlyInline):
    model = Extension
    fields = readonly_fields = ("requested_at", "extra_days", "reason", "status", "decided_at")


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = ["id", "gig_title", "buyer_username", "seller_username", "status", "total", "placed_at", "due_at"]
    list_filter = ["status", "auto_completed"]
    search_fields = ["buyer_username", "seller_username", "gig_title", "=id"]
    date_hierarchy = "placed_at"
    inlines = [TimelineInline, DeliveryInline, ExtensionInline]


@admin.register(Payment)
class PaymentAdmin(ReadOnlyAdmin):
    list_display = ["intent_id", "buyer_username", "seller_username", "total", "currency", "status", "created_at"]
    list_filter = ["status", "provider"]
    search_fields = ["intent_id", "buyer_username", "seller_username"]


@admin.register(Gig)
class GigAdmin(ReadOnlyAdmin):
    list_display = ["gig_id", "title", "seller_username", "price", "active", "deleted", "changed_at"]
    list_filter = ["active", "deleted"]
    search_fields = ["title", "seller_username"]


@admin.register(AcceptedOffer)
class AcceptedOfferAdmin(ReadOnlyAdmin):
    list_display = ["message_id", "gig_title", "buyer_username", "seller_username", "price", "accepted_at"]
    search_fields = ["buyer_username", "seller_username", "gig_title"]
