"""Every event type of the fleet, one module per producer."""

from common.events.catalog import auth, chat, gigs, notifications, orders, reviews, users  # noqa: F401
