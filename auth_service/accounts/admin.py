"""Admin of the auth service: accounts and their devices. No password hash, code or token is shown."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.options import InlineModelAdmin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.html import format_html
from rest_framework_simplejwt.token_blacklist.admin import OutstandingTokenAdmin
from rest_framework_simplejwt.token_blacklist.models import OutstandingToken

from auth_service.accounts import services
from auth_service.accounts.models import KnownDevice, User


class KnownDeviceInline(admin.TabularInline):
    model = KnownDevice
    extra = 0
    fields = readonly_fields = ("device_hash", "first_seen_at", "last_seen_at")
    can_delete = True

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class SignOutEverywherePasswordForm(AdminPasswordChangeForm):
    """Staff setting a password: like a reset, every session of the account ends."""

    def save(self, commit: bool = True) -> User:
        user: User = super().save(commit=commit)
        if commit:
            services.sign_out_everywhere(user_id=user.pk)
        return user


@admin.register(User)
class AccountAdmin(UserAdmin):
    list_display = [
        "username",
        "email",
        "country",
        "email_verified",
        "is_seller",
        "is_staff",
        "is_active",
        "created_at",
    ]
    list_filter = ["email_verified", "is_seller", "is_staff", "is_superuser", "is_active", "country", "created_at"]
    search_fields = ["username", "email"]
    ordering = ["-created_at"]
    date_hierarchy = "created_at"
    readonly_fields = ["password_status", "created_at", "last_login", "date_joined"]
    inlines = [KnownDeviceInline]
    actions = ["deactivate_accounts"]
    change_password_form = SignOutEverywherePasswordForm
    fieldsets = (
        (None, {"fields": ("username", "password_status")}),
        ("Profile", {"fields": ("first_name", "last_name", "email", "email_verified", "country", "is_seller")}),
        ("Permissions", {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")}),
        ("Dates", {"fields": ("created_at", "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "email", "country", "password1", "password2")}),
    )

    def get_inlines(self, request: HttpRequest, obj: User | None) -> list[type[InlineModelAdmin[Any, Any]]]:
        # A new account has no devices yet.
        return list(self.inlines) if obj is not None else []

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        # Unticking "active" goes through the use-case, like the bulk action: the account's
        # sessions end and its live connections close at once, not when their tokens expire.
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            services.deactivate_account(user_id=obj.pk)

    @admin.action(description="Deactivate the selected accounts (and sign them out everywhere)")
    def deactivate_accounts(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user_id in queryset.values_list("pk", flat=True):
            services.deactivate_account(user_id=user_id)

    def delete_model(self, request: HttpRequest, obj: User) -> None:
        services.deactivate_account(user_id=obj.pk)  # no token of a deleted account outlives it
        super().delete_model(request, obj)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user_id in queryset.values_list("pk", flat=True):
            services.deactivate_account(user_id=user_id)
        super().delete_queryset(request, queryset)

    @admin.display(description="Password")
    def password_status(self, obj: User) -> str:
        # Never the hash, not even Django's masked summary: only whether one is set and a link to replace it.
        if obj.pk is None:
            return "—"
        state = "set" if obj.has_usable_password() else "not set"
        return format_html('{} · <a href="../password/">change the password</a>', state)


class FingerprintOnlyOutstandingTokenAdmin(OutstandingTokenAdmin):
    # The stored "token" is only a fingerprint, but there is no reason to show it either.
    exclude = ["token"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field for field in super().get_readonly_fields(request, obj) if field != "token"]


admin.site.unregister(OutstandingToken)
admin.site.register(OutstandingToken, FingerprintOnlyOutstandingTokenAdmin)
