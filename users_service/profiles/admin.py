"""Admin of the users service."""
