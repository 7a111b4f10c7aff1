"""``reassign -o``: the moves file a county office opens -- Chinese headers and names by default (``--headers en``
or ``--lang en`` for English), a BOM on CSV for Excel on Chinese Windows, and formula cells escaped."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

import mechanisms
from mechanisms.cli import main

DEMO = Path(mechanisms.__file__).parent / "io" / "demo"
ZH = "单位,角色,原责任人,接任责任人,农户,部分,范围,原因,角色代码,范围代码,原因代码"
EN = "unit,role,from_actor,to_actor,households,partial,within,reason,role_key,within_key,reason_key"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo county with the actor who takes over from L1 renamed ``+L2``: a formula to a spreadsheet."""
    county = tmp_path_factory.mktemp("hostile") / "county"
    shutil.copytree(DEMO, county)
    for name in ("actors.csv", "assignments.csv"):
        path = county / name
        lines = path.read_text(encoding="utf-8-sig").splitlines()
        path.write_text("\n".join(("+L2" + line[2:]) if line.startswith("L2,") else line for line in lines) + "\n",
                        encoding="utf-8-sig")
    (county / "visits.csv").write_text("\n".join(line for line in (county / "visits.csv").read_text(
        encoding="utf-8-sig").splitlines() if ",L2," not in line) + "\n", encoding="utf-8-sig")
    return county


def _reassign(data: Path | str, out: Path, *extra: str) -> None:
    """``reassign`` with ``extra`` options; ``--lang`` given to the group, as a person types it."""
    lang = list(extra) if extra[:1] == ("--lang",) else []
    rest = [] if lang else list(extra)
    r = CliRunner().invoke(main, [*lang, "reassign", str(data), "--mechanism", "example", "--leaving", "L1", "--greedy",
                                  "-o", str(out), *rest], env={"MECHANISMS_LANG": ""})
    assert r.exit_code == 0, r.output


def test_the_moves_csv_is_chinese_with_a_bom_by_default(tmp_path: Path) -> None:
    out = tmp_path / "moves.csv"
    _reassign("demo", out)
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == ZH
    assert lines[1] == "T1,县级领导包乡镇,L1,L2,97,否,本县（市、区）,,county-leader,county,"
    assert lines[-1] == "T2,县级领导包乡镇,,,93,,,剩余责任人已无容量,county-leader,,no-capacity"


@pytest.mark.parametrize("how", [("--headers", "en"), ("--lang", "en")])
def test_the_moves_csv_is_english_when_asked(tmp_path: Path, how: tuple[str, str]) -> None:
    out = tmp_path / "moves.csv"
    _reassign("demo", out, *how)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert lines[0] == EN
    assert lines[1] == "T1,county leader for a town,L1,L2,97,no,same county,,county-leader,county,"


def test_formula_cells_are_escaped_in_csv_and_xlsx(tmp_path: Path, hostile: Path) -> None:
    csv_out, xlsx_out = tmp_path / "moves.csv", tmp_path / "moves.xlsx"
    _reassign(hostile, csv_out)
    assert csv_out.read_text(encoding="utf-8-sig").splitlines()[1] == \
        "T1,县级领导包乡镇,L1,'+L2,97,否,本县（市、区）,,county-leader,county,"
    _reassign(hostile, xlsx_out)
    wb = openpyxl.load_workbook(xlsx_out)
    assert wb.sheetnames == ["调整", "未覆盖"]
    moves = wb["调整"]
    assert [c.value for c in moves[1]] == ["单位", "角色", "原责任人", "接任责任人", "农户", "部分", "范围", "角色代码",
                                           "范围代码"]
    assert [c.value for c in moves[2]] == ["T1", "县级领导包乡镇", "L1", "'+L2", 97, "否", "本县（市、区）",
                                           "county-leader", "county"]
    assert moves["D2"].data_type == "s"  # text, not a formula
