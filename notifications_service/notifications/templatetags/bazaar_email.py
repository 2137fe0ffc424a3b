"""Filters of the email templates: ``{% load bazaar_email %}`` then ``{{ price|usd }}``, ``{{ n|days }}``."""

from __future__ import annotations

from django import template

from notifications_service.notifications import formatting

register = template.Library()
register.filter("usd", formatting.usd)
register.filter("days", formatting.days)
