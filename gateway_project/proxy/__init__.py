"""The gateway's proxy: routing, forwarding, cookies, rate limits, health and schema."""
