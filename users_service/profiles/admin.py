"""Admin of the users service: buyer and seller profiles, read-only where events own the data."""

from __future__ import annotations

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from users_service.profiles.models import BuyerProfile, SellerProfile
from users_service.profiles.services import sellers

LISTS = ["skills", "languages", "experience", "education", "certificates", "social_links"]

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
    # Staff may moderate the texts; the lists keep the shapes only the API validates, and
    # the stats are counted from other services' events (an edit would be contradicted).
    fields = ["buyer", "full_name", "one_liner", "description", "response_time_hours", *LISTS, *STATS, "created_at"]
    readonly_fields = ["buyer", *LISTS, *STATS, "created_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        # A seller profile is created by its owner (POST /sellers), which also publishes the event.
        return False

    def save_model(self, request: HttpRequest, obj: SellerProfile, form: ModelForm, change: bool) -> None:
        # Through the use-case, so that a new name or one-liner is announced to the other services.
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        sellers.edit_seller_profile(user_id=obj.pk, changes=changes)

    @admin.display(ordering="buyer__username")
    def username(self, seller: SellerProfile) -> str:
        return seller.buyer.username

    @admin.display(ordering="buyer__country")
    def country(self, seller: SellerProfile) -> str:
        return seller.buyer.country
