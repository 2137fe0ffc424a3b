"""Buyer and seller profiles (filled by the event-backbone and sellers issues)."""
