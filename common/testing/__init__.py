"""The pytest plugin every service's suite loads (``-p common.testing.plugin``)."""
