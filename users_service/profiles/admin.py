"""Admin of the users service: buyer and seller profiles, read-only where events own the data."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from users_service.profiles.models import BuyerProfile, SellerProfile

STATS = [
    "ratings_count", "rating_sum", "rating_1_count", "rating_2_count", "rating_3_count", "rating_4_count",
    "rating_5_count", "ongoing_jobs", "completed_jobs", "cancelled_jobs", "total_gigs", "total_earnings",
    "total_sales", "recent_delivery_at",
]  # fmt: skip


@admin.register(BuyerProfile)
class BuyerProfileAdmin(admin.ModelAdmin):
    list_display = ["username", "email", "country", "email_verified", "is_seller", "created_at"]
    list_filter = ["email_verified", "is_seller", "country", "created_at"]
    search_fields = ["username", "email"]
    ordering = ["-created_at"]
    date_hierarchy = "created_at"
    # The auth service owns these: an edit here would be silently contradicted by its next event.
    readonly_fields = ["user_id", "username", "email", "email_verified", "country", "created_at", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # Profiles exist because an account registered; one made by hand would have no account.
        return False


@admin.register(SellerProfile)
class SellerProfileAdmin(admin.ModelAdmin):
    list_display = [
        "username", "full_name", "country", "ratings_count", "completed_jobs", "total_earnings", "total_gigs", "created_at"
    ]  # fmt: skip
    list_filter = ["created_at", "response_time_hours", "buyer__country"]
    search_fields = ["buyer__username", "full_name"]
    list_select_related = ["buyer"]
    ordering = ["-created_at"]
    date_hierarchy = "created_at"
    # Counted from other services' events: an edit here would be contradicted by the next one.
    readonly_fields = ["buyer", "created_at", "updated_at", *STATS]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A seller profile is created by its owner (POST /sellers), which also publishes the event.
        return False

    @admin.display(ordering="buyer__username")
    def username(self, seller: SellerProfile) -> str:
        return seller.buyer.username

    @admin.display(ordering="buyer__country")
    def country(self, seller: SellerProfile) -> str:
        return seller.buyer.country
