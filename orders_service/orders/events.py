"""Handlers for the events the orders service consumes (filled by later issues)."""
