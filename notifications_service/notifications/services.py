"""Write use-cases of the notifications service (filled by later issues)."""
