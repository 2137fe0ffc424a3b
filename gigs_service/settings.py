"""Settings of the gigs service: the fleet's settings plus its own apps."""

from common.conf.env import env_str
from common.conf.settings import build_settings

globals().update(build_settings("gigs", apps=["django.contrib.postgres", "gigs_service.gigs"]))

# Gig JSON links local cover images through the gateway (``/api/v1/media/gigs/...``).
GATEWAY_URL = env_str("GATEWAY_URL").rstrip("/")
ELASTICSEARCH_GIGS_INDEX = env_str("ELASTICSEARCH_GIGS_INDEX")

# Beat (its own process, gigs-beat): gigs whose Elasticsearch sync has not happened yet are
# retried every minute, so a broker or cluster outage delays search updates, never loses them.
CELERY_BEAT_SCHEDULE = {
    "gigs-sync-search-backlog": {"task": "gigs.search.sync_backlog", "schedule": 60.0},
}
