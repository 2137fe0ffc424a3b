"""A tiny app for the tests of ``common`` only: a handler whose effect is a row per event."""
