"""Gigs and categories (filled by the gigs issue)."""
