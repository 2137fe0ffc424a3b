"""Handlers for the events the chat service consumes (filled by later issues)."""
