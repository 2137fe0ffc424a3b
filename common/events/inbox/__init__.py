"""The inbox: one row per (event, handler) applied, written with the handler's effect."""
