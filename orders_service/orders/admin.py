"""Admin of the orders service."""
