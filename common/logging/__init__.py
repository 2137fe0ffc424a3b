"""JSON logging with service name, request id and user id; Elasticsearch shipping."""
