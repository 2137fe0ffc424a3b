"""Buyers API under ``/api/v1/buyers/`` (the gateway forwards these paths unchanged)."""

from django.urls import path

from users_service.profiles.api import views

app_name = "users"

urlpatterns = [
    # "me" first: it is never a username (auth requires at least 3 characters).
    path("buyers/me", views.OwnBuyerProfileView.as_view(), name="buyer-me"),
    path("buyers/<str:username>", views.PublicBuyerProfileView.as_view(), name="buyer"),
]
