"""Buyers and sellers API under ``/api/v1/`` (the gateway forwards these paths unchanged)."""

from django.urls import path, re_path

from users_service.profiles.api import avatar_views, seller_views, views

app_name = "users"

urlpatterns = [
    # "me" first: it is never a username (auth requires at least 3 characters).
    path("buyers/me", views.OwnBuyerProfileView.as_view(), name="buyer-me"),
    path("buyers/me/avatar", avatar_views.OwnAvatarView.as_view(), name="buyer-me-avatar"),
    path("buyers/<str:username>", views.PublicBuyerProfileView.as_view(), name="buyer"),
    path("buyers/<str:username>/avatar", avatar_views.PublicAvatarView.as_view(), name="buyer-avatar"),
    path("sellers", seller_views.BecomeSellerView.as_view(), name="sellers"),
    # The fixed words before the username: an account called "random" cannot be shown here
    # until auth reserves the word (see docs/api-guide.md, "Sellers").
    path("sellers/me", seller_views.OwnSellerProfileView.as_view(), name="seller-me"),
    path("sellers/me/earnings", seller_views.OwnEarningsView.as_view(), name="seller-me-earnings"),
    path("sellers/random", seller_views.RandomSellersView.as_view(), name="sellers-random"),
    path("sellers/<str:username>", seller_views.PublicSellerProfileView.as_view(), name="seller"),
    re_path(r"^media/users/avatars/(?P<file_name>[^/]+)$", avatar_views.AvatarImageView.as_view(), name="avatar-image"),
]
