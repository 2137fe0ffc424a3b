"""The Dockerfile's properties, read from its text (no Docker and no hadolint here)."""

from __future__ import annotations

import json
import re

from common.fleet.services import ROOT

DOCKERFILE = (ROOT / "Dockerfile").read_text()
DIGEST = re.compile(r"^python:3\.11-slim-bookworm@sha256:[0-9a-f]{64}$")
NODE_DIGEST = re.compile(r"^node:20-bookworm-slim@sha256:[0-9a-f]{64}$")


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) of every instruction, continuation lines joined, comments dropped."""
    joined = re.sub(r"\\\n\s*", " ", "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#")))
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1]) for line in joined.splitlines() if line.strip()]


def stages() -> dict[str, list[tuple[str, str]]]:
    """The instructions of each named stage."""
    named: dict[str, list[tuple[str, str]]] = {}
    current: list[tuple[str, str]] = []
    for instruction, arguments in instructions(DOCKERFILE):
        if instruction == "FROM":
            current = named.setdefault(arguments.split(" AS ")[1], [])
        else:
            current.append((instruction, arguments))
    return named


def base_image(name: str = "PYTHON_BASE") -> str:
    [(_, argument)] = [(i, a) for i, a in instructions(DOCKERFILE) if i == "ARG" and a.startswith(f"{name}=")]
    return argument.split("=", 1)[1]


def runs(stage: str) -> str:
    return "\n".join(arguments for instruction, arguments in stages()[stage] if instruction == "RUN")


def test_the_pages_build_on_node_20_and_python_stages_on_3_11_slim_bookworm_all_pinned_by_digest():
    froms = [arguments for instruction, arguments in instructions(DOCKERFILE) if instruction == "FROM"]

    assert froms == ["${NODE_BASE} AS web", "${PYTHON_BASE} AS build", "${PYTHON_BASE} AS runtime"]
    assert DIGEST.match(base_image())
    assert NODE_DIGEST.match(base_image("NODE_BASE"))


def test_the_dockerfile_says_how_to_refresh_the_digests():
    assert "docker buildx imagetools inspect python:3.11-slim-bookworm" in DOCKERFILE
    assert "docker buildx imagetools inspect node:20-bookworm-slim" in DOCKERFILE


def test_the_web_stage_builds_the_pages_from_the_lock_file_and_the_image_serves_them():
    web = stages()["web"]

    assert ("COPY", "web/package.json web/package-lock.json ./") in web
    assert runs("web").splitlines() == ["npm ci", "npm run build"]
    assert web.index(("RUN", "npm ci")) < web.index(("COPY", "web/ ./")) < web.index(("RUN", "npm run build"))
    # Where the gateway looks for the pages without WEB_DIST_DIR (gateway_project/webapp.py).
    assert ("COPY", "--from=web /web/dist /app/web/dist") in stages()["runtime"]


def test_compilers_and_pip_work_only_in_the_build_stage():
    assert "build-essential" in runs("build")
    assert "pip install -r requirements.txt -c constraints.txt" in runs("build")
    assert runs("runtime").count("apt-get") == 0 and "pip " not in runs("runtime")
    assert ("COPY", "--from=build /opt/venv /opt/venv") in stages()["runtime"]


def test_the_image_has_the_local_stand_ins_so_nothing_is_installed_at_start():
    assert "pip install -c constraints.txt localstripe" in runs("build")


def test_the_final_stage_runs_as_an_unprivileged_user():
    users = [arguments for instruction, arguments in stages()["runtime"] if instruction == "USER"]

    assert users == ["bazaar"]
    assert "useradd --create-home --uid 10001 bazaar" in runs("runtime")


def test_the_image_has_a_healthcheck_of_its_default_command():
    [healthcheck] = [arguments for instruction, arguments in stages()["runtime"] if instruction == "HEALTHCHECK"]

    assert "http://127.0.0.1:8000/health" in healthcheck


def test_the_default_command_serves_the_gateway_on_every_interface_without_the_local_runner():
    [command] = [json.loads(arguments) for instruction, arguments in stages()["runtime"] if instruction == "CMD"]

    # Not `make up`'s runner, which binds loopback only and starts localstripe beside the fleet.
    assert command == ["python", "-m", "gateway_project.server", "--host", "0.0.0.0", "--port", "8000"]
