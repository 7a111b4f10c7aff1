"""Files the CLI writes in Chinese name a mechanism's roles by its titles (县级领导包乡镇), and every command reads
them back as the keys: the same figures as the file written with keys."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from mechanisms import load_catalog
from mechanisms.cli import main

KEY = "linjiang-five-bao"
LINJIANG = load_catalog().get(KEY)
TITLES = {r.key: r.label.zh for r in LINJIANG.roles}


def run(*args: str) -> str:
    r = CliRunner().invoke(main, list(args), env={"MECHANISMS_LANG": ""})
    assert r.exit_code == 0, r.output
    return r.stdout


@pytest.fixture(scope="module")
def staffed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    base = tmp_path_factory.mktemp("staffed")
    zh, en = base / "zh", base / "en"
    run("staff", "demo", "--mechanism", KEY, "-o", str(zh))
    run("staff", "demo", "--mechanism", KEY, "-o", str(en), "--headers", "en")
    return zh, en


def _roles(path: Path, name: str, role: str, mech: str) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    with path.joinpath(name).open(encoding="utf-8-sig") as fh:
        for row in csv.DictReader(fh):
            out.setdefault(row[mech], set()).add(row[role])
    return out


def test_the_staffed_mechanism_s_roles_are_written_by_title_the_others_by_key(staffed: tuple[Path, Path]) -> None:
    zh, en = staffed
    written = _roles(zh, "包保.csv", "角色", "机制")
    assert written[KEY] == set(TITLES.values())  # every role of the mechanism, each by its title
    assert written["example"] <= set(load_catalog().get("example").role_keys)  # another mechanism's rows: keys
    assert _roles(en, "assignments.csv", "role", "mechanism")[KEY] == set(TITLES)


@pytest.mark.parametrize("command", [["coverage", "{data}", "--mechanism", KEY, "--format", "json"],
                                     ["compare", "{data}", "--mechanism", KEY, "--format", "json"],
                                     ["validate", "{data}", "--mechanism", KEY, "--format", "json"]])
def test_every_command_reads_the_titles_back_as_keys(staffed: tuple[Path, Path], command: list[str]) -> None:
    zh, en = staffed
    got = [run(*(a.format(data=d) for a in command)).replace(str(d), "DATA") for d in (zh, en)]
    assert got[0] == got[1]
    if command[0] == "coverage":
        assert set(json.loads(got[0])["roles"]) == set(TITLES)
