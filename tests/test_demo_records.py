"""The demo county keeps the records of several mechanisms: it validates against each, and a task that no
mechanism has is still a problem."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import mechanisms.io.demo as demo_module
from mechanisms.cli import main

KEYS = ("changling-five-strengthen", "dongxing-4433", "example", "linjiang-five-bao", "louxing-three-duties",
        "xunyi-ten-actions")


@pytest.mark.parametrize("key", KEYS)
def test_the_demo_validates_against_every_mechanism(key: str) -> None:
    r = CliRunner().invoke(main, ["validate", "demo", "--mechanism", key])
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("数据有效：340 个单位（288 户），")


def test_a_task_of_no_mechanism_is_still_a_problem(tmp_path: Path) -> None:
    data = tmp_path / "county"
    shutil.copytree(Path(demo_module.__file__).parent / "demo", data)
    events = data / "events.csv"
    lines = events.read_text(encoding="utf-8").splitlines()
    head, first = lines[0].split(","), lines[1].split(",")
    first[head.index("task")] = "no-such-task"
    events.write_text("\n".join([lines[0], ",".join(first), *lines[2:]]) + "\n", encoding="utf-8")
    r = CliRunner().invoke(main, ["validate", str(data), "--mechanism", "dongxing-4433"])
    assert r.exit_code == 1
    assert f"{events}，第 2 行，字段“task”：“no-such-task”不是 dongxing-4433 工作安排中的任务或节点" in r.output
    assert r.output.count("工作安排中的任务或节点") == 1
