"""Admin of the chat service."""
