"""No comment, docstring or document cites an issue number: it says why, in its own words."""

from __future__ import annotations

import re
import subprocess

from common.fleet.services import ROOT

CITATION = re.compile(r"\bissues?\s*#?\d+|\(#\d+\)|\bgh-\d+\b", re.IGNORECASE)
SUFFIXES = (".py", ".md", ".yaml", ".yml", ".toml", ".txt", ".cfg", ".conf", "Makefile", "Dockerfile")


def tracked_text_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return [name for name in listed.splitlines() if name.endswith(SUFFIXES)]


def test_no_tracked_file_cites_an_issue_number() -> None:
    citing = [
        f"{name}:{number}: {line.strip()}"
        for name in tracked_text_files()
        if (ROOT / name).is_file()
        for number, line in enumerate((ROOT / name).read_text(errors="replace").splitlines(), 1)
        if CITATION.search(line)
    ]

    assert citing == []
