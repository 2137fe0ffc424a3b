"""The documentation says what the code does, and stays inside the repository."""

import re
from pathlib import Path

import yaml

from common.conf.table import render, table_in

ROOT = Path(__file__).resolve().parents[1]
OPERATIONS = ROOT / "docs" / "operations.md"
README = ROOT / "README.md"
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


def readme_test_command() -> str:
    """The second of the README's two commands, without its comment."""
    block = re.search(r"## Two commands\n\n```sh\n(.*?)```", README.read_text(), re.DOTALL)
    assert block is not None
    return block.group(1).splitlines()[1].split("#")[0].strip()


def make_recipe(target: str) -> list[str]:
    """The commands of one Makefile target, with the virtualenv's paths spelled out."""
    recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", (ROOT / "Makefile").read_text(), re.MULTILINE)
    assert recipe is not None
    lines = [line.strip() for line in recipe.group(1).splitlines()]
    return [line.replace("$(PY)", ".venv/bin/python").replace("$(VENV)", ".venv") for line in lines]


def test_ci_runs_exactly_the_test_command_of_the_readme():
    ci = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    commands = [line for line in ci if line and not line.startswith("#")]

    assert commands[-1] == readme_test_command() == "make lint typecheck test"


def test_pre_commit_runs_the_commands_of_make_lint_and_make_typecheck_on_every_commit():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    hooks = [hook for repo in config["repos"] for hook in repo["hooks"]]

    assert [hook["entry"] for hook in hooks] == make_recipe("lint") + make_recipe("typecheck")
    assert all(hook["always_run"] and not hook["pass_filenames"] for hook in hooks)
