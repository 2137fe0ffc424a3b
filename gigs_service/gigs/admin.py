"""Admin of the gigs service."""
