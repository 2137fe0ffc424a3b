"""Read use-cases of the orders service (filled by later issues)."""
