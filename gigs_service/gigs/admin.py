"""Admin of the gigs service: gigs, and the seller replicas (read-only: users owns them)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from gigs_service.gigs.models import Gig, GigPackage, Seller

# Counters kept by consumed events: an edit here would be contradicted by the next event.
EVENT_FIELDS = ["ratings_count", "rating_total", "rating_breakdown", "rating_average", "open_orders"]
# The basic package's, mirrored on the gig: the seller changes them through the API with the packages.
BASIC_FIELDS = ["price", "expected_delivery_days", "basic_title", "basic_description"]


class PackageInline(admin.TabularInline):
    model = GigPackage
    fields = readonly_fields = ("tier", "title", "description", "price", "delivery_days", "revisions")
    extra = 0
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Gig)
class GigAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "seller", "category", "price", "active", "rating_average", "open_orders"]
    list_filter = ["category", "active", "created_at"]
    search_fields = ["title", "seller__username", "seller__full_name"]
    list_select_related = ["seller"]
    ordering = ["-created_at"]
    date_hierarchy = "created_at"
    readonly_fields = ["seller", *BASIC_FIELDS, *EVENT_FIELDS, "created_at", "updated_at"]
    inlines = [PackageInline]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A gig made here would skip the outbox: nobody else would ever hear of it.
        return False


@admin.register(Seller)
class SellerAdmin(admin.ModelAdmin):
    list_display = ["username", "full_name", "country", "ratings_count", "changed_at"]
    search_fields = ["username", "full_name"]
    list_filter = ["country"]
    ordering = ["username"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # A replica of the users service's profile: view only.
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
