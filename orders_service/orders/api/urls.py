"""Public API of the orders service, under ``/api/v1/``."""

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
