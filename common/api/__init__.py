"""The HTTP edge every service shares: errors, exception handler, pagination, health."""
