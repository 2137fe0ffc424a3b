"""Read use-cases of the gigs service (filled by later issues)."""
