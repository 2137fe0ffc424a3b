"""The documentation says what the code does, and stays inside the repository."""

import re
from pathlib import Path

from common.conf.table import render, table_in

ROOT = Path(__file__).resolve().parents[1]
OPERATIONS = ROOT / "docs" / "operations.md"
DOCUMENTS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").rglob("*.md"))]


def test_the_configuration_table_lists_exactly_the_declared_variables():
    assert table_in(OPERATIONS.read_text()) == render(), "run: python -m common.conf.table --write docs/operations.md"


def test_every_relative_link_of_the_documentation_leads_to_a_file_of_the_repository():
    broken = []
    for document in DOCUMENTS:
        for target in re.findall(r"\]\(([^)#:]+)(?:#[^)]*)?\)", document.read_text()):
            if not (document.parent / target).resolve().exists():
                broken.append(f"{document.relative_to(ROOT)} → {target}")

    assert broken == []


def test_nothing_in_the_repository_points_outside_it():
    texts = [path.read_text() for path in DOCUMENTS]

    assert not [text for text in texts if "../shared" in text]
