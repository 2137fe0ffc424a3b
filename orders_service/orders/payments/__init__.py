"""Payments through one provider interface (``provider.py``); Stripe is the one implementation."""
