"""Reviews and ratings (filled by the reviews issue)."""
