"""RabbitMQ plumbing shared by every service: the Celery app factory (events come next)."""
