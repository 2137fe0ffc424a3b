"""Handlers for the events the notifications service consumes (filled by later issues)."""
