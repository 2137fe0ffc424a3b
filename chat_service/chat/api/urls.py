"""Public API of the chat service, under ``/api/v1/``."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
