"""Write use-cases of the chat service (filled by later issues)."""
