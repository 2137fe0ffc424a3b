"""Admin of the users service: buyer profiles, read-only where they mirror the auth service's events."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from users_service.profiles.models import BuyerProfile


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
