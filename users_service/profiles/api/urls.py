"""Buyers and sellers API under ``/api/v1/`` (the gateway forwards these paths unchanged)."""

from django.urls import path

from users_service.profiles.api import seller_views, views

app_name = "users"

urlpatterns = [
    # "me" first: it is never a username (auth requires at least 3 characters).
    path("buyers/me", views.OwnBuyerProfileView.as_view(), name="buyer-me"),
    path("buyers/<str:username>", views.PublicBuyerProfileView.as_view(), name="buyer"),
    path("sellers", seller_views.BecomeSellerView.as_view(), name="sellers"),
    # The fixed words before the username: an account called "random" cannot be shown here
    # until auth reserves the word (see docs/api-guide.md, "Sellers").
    path("sellers/me", seller_views.OwnSellerProfileView.as_view(), name="seller-me"),
    path("sellers/me/earnings", seller_views.OwnEarningsView.as_view(), name="seller-me-earnings"),
    path("sellers/random", seller_views.RandomSellersView.as_view(), name="sellers-random"),
    path("sellers/<str:username>", seller_views.PublicSellerProfileView.as_view(), name="seller"),
]
