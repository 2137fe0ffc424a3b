"""A worker for the tests of ``common``: ``celery -A common.testing worker``."""

from common.messaging.celery_app import make_celery_app

app = make_celery_app("common_tests", "common.testing")
