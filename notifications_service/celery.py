"""The notifications service's Celery worker and beat: ``celery -A notifications_service worker``, ``celery -A notifications_service beat``.

Beat runs ``CELERY_BEAT_SCHEDULE`` (``settings.py``): the sweep of pending emails.
"""

from common.messaging.celery_app import make_celery_app

app = make_celery_app("notifications", "notifications_service")
