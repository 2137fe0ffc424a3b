"""Handlers for the events the reviews service consumes (filled by later issues)."""
