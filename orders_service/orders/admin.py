"""Admin of the orders service: orders with their timeline, payments; money is never edited here.

Orders change only through their use-cases (which refund, publish and keep the timeline),
so the admin lists, filters and shows them, read-only. The one thing staff do is resolve
a dispute (``Resolve dispute`` on an open order), through the same use-case as the API's.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html

from common.api.admin import ReadOnlyAdmin
from common.api.errors import BazaarError
from orders_service.orders import services
from orders_service.orders.models import (
    AcceptedOffer,
    Delivery,
    Extension,
    Gig,
    Order,
    Payment,
    Refund,
    ResolutionRequest,
    TimelineEntry,
)

OPEN = (Order.Status.IN_PROGRESS, Order.Status.DELIVERED)


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


class ResolutionInline(ReadOnlyInline):
    model = ResolutionRequest
    fields = readonly_fields = (
        "requested_at", "kind", "amount", "requested_by_username", "reason", "status", "answer", "expires_at",
    )  # fmt: skip


class RefundInline(ReadOnlyInline):
    model = Refund
    fields = readonly_fields = ("at", "amount", "resolution", "provider_refund_id")


class ResolveForm(forms.Form):
    """Support's decision; ``note`` is shown to both parties on the timeline and in their emails."""

    outcome = forms.ChoiceField(
        choices=[
            (services.Outcome.REFUND, "Refund the buyer in full (what is left of the total) and cancel"),
            (services.Outcome.PARTIAL_REFUND, "Refund the buyer part of the price, then complete"),
            (services.Outcome.COMPLETE, "Complete: the seller is credited"),
        ],
        widget=forms.RadioSelect,
    )
    amount = forms.DecimalField(
        required=False, min_value=0.01, max_digits=12, decimal_places=2, help_text="Only for a partial refund."
    )
    note = forms.CharField(max_length=2000, widget=forms.Textarea, help_text="Why: the parties read it.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("outcome") == services.Outcome.PARTIAL_REFUND and data.get("amount") is None:
            self.add_error("amount", "A partial refund needs its amount.")
        return data


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = ["id", "gig_title", "buyer_username", "seller_username", "status", "total", "placed_at", "due_at"]
    list_filter = ["status", "auto_completed", "resolutions__status"]
    search_fields = ["buyer_username", "seller_username", "gig_title", "=id"]
    date_hierarchy = "placed_at"
    readonly_fields = ["resolve_dispute"]
    inlines = [TimelineInline, DeliveryInline, ExtensionInline, ResolutionInline, RefundInline]

    def get_urls(self) -> list[URLPattern]:
        resolve = path(
            "<uuid:order_id>/resolve/", self.admin_site.admin_view(self.resolve_view), name="orders_order_resolve"
        )
        return [resolve, *super().get_urls()]

    @admin.display(description="Dispute")
    def resolve_dispute(self, order: Order) -> str:
        if order.status not in OPEN:
            return "Closed orders cannot be resolved."
        return format_html('<a class="button" href="{}">Resolve dispute</a>', self._resolve_url(order))

    def resolve_view(self, request: HttpRequest, order_id: Any) -> HttpResponse:
        if not request.user.has_perm("orders.resolve_dispute"):
            raise PermissionDenied
        order = get_object_or_404(Order, pk=order_id)
        form = ResolveForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.resolve_by_support(order_id=order.pk, **form.cleaned_data)
            except BazaarError as error:
                form.add_error(None, str(error.detail))
            else:
                self.message_user(request, "The dispute is resolved; both parties are told.", messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:orders_order_change", args=[order.pk]))
        context = {
            **self.admin_site.each_context(request), "title": f"Resolve the dispute on order {order.pk}",
            "order": order, "form": form, "opts": self.model._meta,
        }  # fmt: skip
        return TemplateResponse(request, "admin/orders/order/resolve.html", context)

    def _resolve_url(self, order: Order) -> str:
        return reverse("admin:orders_order_resolve", args=[order.pk])


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
