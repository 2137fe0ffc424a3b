"""Public API of the reviews service, under ``/api/v1/`` (the gateway forwards these paths unchanged)."""

from django.urls import path

from reviews_service.reviews.api import views

app_name = "reviews"

urlpatterns = [
    path("reviews", views.CreateReviewView.as_view(), name="create"),
    path("reviews/<id:review_id>/reply", views.ReplyToReviewView.as_view(), name="reply"),
    path("gigs/<id:gig_id>/reviews", views.GigReviewsView.as_view(), name="gig-reviews"),
    path("sellers/<str:username>/reviews", views.SellerReviewsView.as_view(), name="seller-reviews"),
    path("buyers/<str:username>/reviews", views.BuyerReviewsView.as_view(), name="buyer-reviews"),
]
