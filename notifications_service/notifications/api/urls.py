"""Public API of the notifications service, under ``/api/v1/``."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
