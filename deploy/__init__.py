"""Kubernetes manifests of the fleet: the generator of ``deploy/base/generated/`` (ADR 0013)."""
