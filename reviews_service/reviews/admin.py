"""Admin of the reviews service: completed orders and reviews, looked at; abusive comments hidden.

Nothing is added, edited or deleted here: a review's rating was announced to the users and
gigs services, which a change here would not reach. Hiding a comment only changes what
this service's public lists show.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from common.api.admin import ReadOnlyAdmin
from reviews_service.reviews import services
from reviews_service.reviews.models import CompletedOrder, Review


@admin.register(CompletedOrder)
class CompletedOrderAdmin(ReadOnlyAdmin):
    list_display = ["order_id", "gig_title", "buyer_username", "seller_username", "completed_at"]
    search_fields = ["=order_id", "buyer_username", "seller_username", "gig_title"]
    date_hierarchy = "completed_at"


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "gig_title",
        "reviewer_username",
        "reviewee_username",
        "side",
        "rating",
        "comment_hidden",
        "created_at",
    ]
    list_filter = ["rating", "side", "comment_hidden", "created_at"]
    search_fields = ["=order__order_id", "reviewer_username", "reviewee_username", "gig_title", "comment"]
    date_hierarchy = "created_at"
    actions = ["hide_comments", "show_comments"]

    @admin.action(description="Hide the comments from the public lists")
    def hide_comments(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        changed = services.set_comments_hidden(review_ids=list(queryset.values_list("pk", flat=True)), hidden=True)
        self.message_user(request, f"{changed} comment(s) hidden.", messages.SUCCESS)

    @admin.action(description="Show the comments again")
    def show_comments(self, request: HttpRequest, queryset: QuerySet[Review]) -> None:
        changed = services.set_comments_hidden(review_ids=list(queryset.values_list("pk", flat=True)), hidden=False)
        self.message_user(request, f"{changed} comment(s) shown again.", messages.SUCCESS)
