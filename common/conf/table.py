"""Render the env var registry as the README's Markdown table: ``python -m common.conf.table``."""

import sys

import common.conf.registry  # noqa: F401  (fills the registry)
from common.conf.env import registry


def render() -> str:
    """The Markdown table of every declared variable."""
    rows = ["| variable | local default | what it is for |", "|---|---|---|"]
    for var in registry():
        default = "(generated)" if var.secret and not var.default else f"`{var.default}`" if var.default else "(empty)"
        rows.append(f"| `{var.name}` | {default} | {var.help} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
