"""The README's configuration table, rendered from the env var registry.

``python -m common.conf.table`` prints it; ``python -m common.conf.table --write README.md``
replaces the table between the ``env-table`` markers. ``tests/test_readme.py`` fails when
the README is out of date.
"""

from __future__ import annotations

import sys
from pathlib import Path

import common.conf.registry  # noqa: F401  (fills the registry)
from common.conf.env import EnvVar, registry

START = "<!-- env-table:start -->\n"
END = "<!-- env-table:end -->"


def _default_of(var: EnvVar) -> str:
    if var.default:
        return f"`{var.default}`"
    # Only the dev secrets of common/conf/devkeys.py are generated; the others stay empty.
    return "(generated)" if var.secret and "generated" in var.help else "(empty)"


def _in_production(var: EnvVar) -> str:
    """What production asks of ``var`` (nothing when its default is fine there)."""
    if not var.no_default_in_production:
        return ""
    who = f" by {', '.join(var.needed_by)}" if var.needed_by else ""
    when = f" when `{var.required_if}` is set" if var.required_if else ""
    return f" **Production: required{who}{when}; the local default never applies.**"


def render() -> str:
    """The Markdown table of every declared variable."""
    rows = ["| variable | local default | what it is for |", "|---|---|---|"]
    for var in registry():
        rows.append(f"| `{var.name}` | {_default_of(var)} | {var.help}{_in_production(var)} |")
    return "\n".join(rows) + "\n"


def table_in(text: str) -> str:
    """The table currently between the markers of ``text``."""
    return text[text.index(START) + len(START) : text.index(END)]


def with_table(text: str) -> str:
    """``text`` with the rendered table between its markers."""
    return text[: text.index(START) + len(START)] + render() + text[text.index(END) :]


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write"]:
        path = Path(sys.argv[2])
        path.write_text(with_table(path.read_text()))
    else:
        sys.stdout.write(render())
