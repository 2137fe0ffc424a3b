"""The admin base every service's read-only model pages share.

Rows written from the API or from events are looked at in the admin, not edited: a change
here would skip the use-case that keeps them whole and would not reach the services that
were told about them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest


class ReadOnlyAdmin(admin.ModelAdmin):
    """Lists and shows; rows come from the API or from events, never from this form.

    ``deletable`` lets staff still delete rows (with Django's own confirmation) where a
    service allows it; by default nothing is added, edited or deleted.
    """

    deletable = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return self.deletable and super().has_delete_permission(request, obj)
