"""Logging: ECS JSON lines on stdout with service, request id, causation id and user id."""
