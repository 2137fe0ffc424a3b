"""Settings of the notifications service: the fleet's settings plus its own apps and schedule."""

from datetime import timedelta

from common.conf.settings import build_settings

globals().update(build_settings("notifications", apps=["notifications_service.notifications"]))

CELERY_BEAT_SCHEDULE = {
    # Re-queues pending emails whose task was lost or gave up (an SMTP outage): none is lost.
    "notifications-sweep-pending-emails": {
        "task": "notifications.sweep_pending_emails",
        "schedule": timedelta(minutes=5),
    },
}
