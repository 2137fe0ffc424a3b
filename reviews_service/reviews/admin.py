"""Admin of the reviews service."""
