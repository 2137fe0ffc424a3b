"""Events: the catalog of every event type, and the transactional outbox that publishes them.

Routing keys are ``<producer>.<entity>.<verb>`` in the past tense (ADR 0002). Only
:func:`common.events.outbox.publish` publishes, and only inside the caller's transaction.
"""
