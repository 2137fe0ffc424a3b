"""Public API of the notifications service, under ``/api/v1/`` (the gateway forwards these paths unchanged)."""

from django.urls import path

from notifications_service.notifications.api import views

app_name = "notifications"

# Only numeric ids reach MarkReadView: "preferences" and "read-all" are never taken for an id.
urlpatterns = [
    path("notifications", views.NotificationListView.as_view(), name="list"),
    path("notifications/read-all", views.MarkAllReadView.as_view(), name="read-all"),
    path("notifications/preferences", views.PreferencesView.as_view(), name="preferences"),
    path("notifications/<id:notification_id>/read", views.MarkReadView.as_view(), name="read"),
]
