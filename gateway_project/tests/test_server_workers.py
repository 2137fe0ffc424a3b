"""How many uvicorn workers ``python -m gateway_project.server`` runs."""

import os

import pytest

from gateway_project.server import available_cores, workers


def test_a_number_of_workers_is_taken_as_given():
    assert workers("3") == 3


def test_auto_is_one_worker_per_core_the_process_may_use(tmp_path):
    assert workers("auto") == available_cores() == min(len(os.sched_getaffinity(0)), available_cores())


@pytest.mark.parametrize(
    ("cpu_max", "cores"),
    [("max 100000", len(os.sched_getaffinity(0))), ("50000 100000", 1), ("100000 100000", 1), ("150000 100000", 2)],
)
def test_a_containers_cpu_limit_caps_the_cores(tmp_path, cpu_max, cores):
    limit = tmp_path / "cpu.max"
    limit.write_text(cpu_max + "\n")

    assert available_cores(limit) == min(cores, len(os.sched_getaffinity(0)))
