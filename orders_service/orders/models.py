"""Orders, payments, deliveries and extensions (filled by the orders issue)."""
