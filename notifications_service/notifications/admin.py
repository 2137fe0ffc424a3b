"""Admin of the notifications service."""
