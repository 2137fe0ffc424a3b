"""Handlers for the events the gigs service consumes (filled by later issues)."""
