"""Search over gigs: the hooks the write use-cases call so search stays in step.

Placeholders until the search package lands: the search engineer replaces this module.
"""

from __future__ import annotations

from typing import Any


def gig_changed(gig: Any) -> None:
    """Called inside the transaction after a gig was created or updated (no-op for now)."""


def gig_removed(gig_id: int) -> None:
    """Called after a gig was deleted (no-op for now)."""
