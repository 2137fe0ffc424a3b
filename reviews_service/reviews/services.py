"""Write use-cases of the reviews service (filled by later issues)."""
