"""Every event type of the fleet, one module per producer."""

from common.events.catalog import auth, notifications  # noqa: F401
