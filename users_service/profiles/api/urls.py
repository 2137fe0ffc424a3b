"""Public API of the users service, under ``/api/v1/``."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
