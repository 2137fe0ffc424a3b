"""Settings of the notifications service: the fleet's settings plus its own apps and schedule."""

from datetime import timedelta

from common.conf.env import env_int
from common.conf.settings import build_settings

globals().update(build_settings("notifications", apps=["notifications_service.notifications"]))

CELERY_BEAT_SCHEDULE = {
    # Re-queues pending emails whose task was lost or gave up (an SMTP outage): none is lost.
    "notifications-sweep-pending-emails": {
        "task": "notifications.sweep_pending_emails",
        "schedule": timedelta(minutes=5),
    },
    # Emails people about chat messages left unread for MESSAGE_EMAIL_DELAY_SECONDS.
    "notifications-send-message-digests": {
        "task": "notifications.send_message_digests",
        "schedule": timedelta(minutes=1),
    },
}

# Chat messages to a user with no live connection at the gateway (common.presence) are told
# in the app at once and by one email per conversation once it was quiet this long.
MESSAGE_EMAIL_DELAY_SECONDS = env_int("MESSAGE_EMAIL_DELAY_SECONDS")
