"""The fleet's Elasticsearch client factory (logs now, gig search later)."""

from common.elasticsearch.client import make_client

__all__ = ["make_client"]
