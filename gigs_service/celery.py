"""The gigs service's Celery worker and beat: ``celery -A gigs_service worker``, ``celery -A gigs_service beat``.

Beat runs ``CELERY_BEAT_SCHEDULE`` (``settings.py``): the sweep of the search backlog.
"""

from common.messaging.celery_app import make_celery_app

app = make_celery_app("gigs", "gigs_service")
# The search package's tasks live beside it, not in the app's tasks.py.
app.autodiscover_tasks(["gigs_service.gigs.search"])
