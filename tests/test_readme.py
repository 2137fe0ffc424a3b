"""The README documents what the code does."""

from pathlib import Path

from common.conf.table import render, table_in

README = Path(__file__).resolve().parents[1] / "README.md"


def test_the_configuration_table_lists_exactly_the_declared_variables():
    assert table_in(README.read_text()) == render(), "run: python -m common.conf.table --write README.md"
