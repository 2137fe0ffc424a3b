"""The transactional outbox: ``publish(event)`` writes a row in the caller's transaction.

A relay (event-backbone issue) sends unsent rows to RabbitMQ and marks them sent, so a
crash between commit and publish loses nothing.
"""

from common.events.outbox.publish import publish

__all__ = ["publish"]
