"""docs/api.md is the OpenAPI document as it is now, not as it was when someone last wrote it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT / "docs" / "api.md"


def test_the_api_reference_is_generated_from_the_current_openapi_document() -> None:
    # In a process of its own: the generator sets Django up with the gateway's settings.
    generated = subprocess.run(
        [sys.executable, "-m", "gateway_project.apidoc"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )

    assert generated.returncode == 0, generated.stderr[-2000:]
    assert REFERENCE.read_text() == generated.stdout, "docs/api.md is stale: `python -m gateway_project.apidoc --write`"
    assert "| POST | `/api/v1/orders/payment-intent` |" in generated.stdout
    assert "| GET | `/api/v1/gigs` | Search active gigs |" in generated.stdout
