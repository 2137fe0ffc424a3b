"""Gateway signatures, access-token checks, the claims user and permissions."""
