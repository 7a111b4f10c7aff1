"""County data in and out: every loader gives the same county; writers round-trip, escape and never clobber."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mechanisms import (
    Actor,
    Assignment,
    County,
    DataError,
    OrgStructure,
    OverwriteError,
    Unit,
    UsageError,
    demo_county,
    load_county,
    write_county,
)
from mechanisms.io.demo import build_demo
from mechanisms.io.tables import RECORD_TABLES

UNITS_ZH = "编号,名称,层级,上级,标签,户数\nC,测试县,县,,,\nT1,测试镇,乡镇,C,,\nV1,测试村,村,T1,model-village;key-village,120\n"
ACTORS_ZH = "编号,姓名,类别\nA1,测试干部1,cadre\n"
ASSIGN_ZH = "人员,角色,单位,开始日期\nA1,township-cadre,V1,2024-01-01\n"
UNITS_EN = ("id,name,level,parent,tags,households\nC,测试县,county,,,\nT1,测试镇,town,C,,\n"
            "V1,测试村,village,T1,model-village;key-village,120\n")
ACTORS_EN = "id,name,kind\nA1,测试干部1,cadre\n"
ASSIGN_EN = "actor,role,unit,start\nA1,township-cadre,V1,2024-01-01\n"


def _folder(tmp: Path, name: str, files: dict[str, str], encoding: str) -> Path:
    d = tmp / name
    d.mkdir()
    for fname, text in files.items():
        (d / fname).write_bytes(text.encode(encoding))
    return d


def _expected() -> County:
    return County(OrgStructure(
        units=(Unit("C", "测试县", "county"), Unit("T1", "测试镇", "town", "C"),
               Unit("V1", "测试村", "village", "T1", ("model-village", "key-village"), 120)),
        actors=(Actor("A1", "测试干部1", "cadre"),),
        assignments=(Assignment("A1", "township-cadre", "V1", start=dt.date(2024, 1, 1)),)))


def test_every_csv_encoding_and_header_language_gives_the_same_county(tmp_path: Path) -> None:
    zh = {"units.csv": UNITS_ZH, "actors.csv": ACTORS_ZH, "assignments.csv": ASSIGN_ZH}
    en = {"units.csv": UNITS_EN, "actors.csv": ACTORS_EN, "assignments.csv": ASSIGN_EN}
    chinese_names = {"单位.csv": UNITS_ZH, "人员.csv": ACTORS_ZH, "包保.csv": ASSIGN_ZH}
    loaded = [
        load_county(_folder(tmp_path, "utf8", en, "utf-8")),
        load_county(_folder(tmp_path, "bom", zh, "utf-8-sig")),
        load_county(_folder(tmp_path, "gbk", zh, "gbk")),
        load_county(_folder(tmp_path, "gb18030", chinese_names, "gb18030")),
    ]
    for county in loaded:
        assert county == _expected()


def test_xlsx_json_yaml_give_the_same_county_as_csv(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet, text in (("单位", UNITS_ZH), ("actors", ACTORS_EN), ("assignments", ASSIGN_EN)):
        ws = wb.create_sheet(sheet)
        for line in text.strip().split("\n"):
            ws.append([c if c else None for c in line.split(",")])
    wb["assignments"]["D2"] = dt.datetime(2024, 1, 1)  # Excel keeps real dates
    wb["单位"]["F4"] = 120  # and real numbers
    wb.save(tmp_path / "county.xlsx")
    (tmp_path / "county.json").write_text(
        '{"units": [{"id": "C", "name": "测试县", "level": "county"}, {"id": "T1", "name": "测试镇", "level": "town",'
        ' "parent": "C"}, {"id": "V1", "name": "测试村", "level": "village", "parent": "T1", "tags": ["model-village",'
        ' "key-village"], "households": 120}], "actors": [{"id": "A1", "name": "测试干部1", "kind": "cadre"}],'
        ' "assignments": [{"actor": "A1", "role": "township-cadre", "unit": "V1", "start": "2024-01-01"}]}',
        encoding="utf-8")
    (tmp_path / "county.yaml").write_text(
        "units:\n- {id: C, name: 测试县, level: county}\n- {id: T1, name: 测试镇, level: town, parent: C}\n"
        "- {编号: V1, 名称: 测试村, 层级: 村, 上级: T1, 标签: 'model-village;key-village', 户数: 120}\n"
        "actors:\n- {id: A1, name: 测试干部1, kind: cadre}\n"
        "assignments:\n- {actor: A1, role: township-cadre, unit: V1, start: 2024-01-01}\n", encoding="utf-8")
    for name in ("county.xlsx", "county.json", "county.yaml"):
        assert load_county(tmp_path / name) == _expected(), name


def test_shipped_demo_is_what_the_builder_makes() -> None:
    assert demo_county() == build_demo()
    s = demo_county().structure
    assert (len(s.units), len(s.actors), len(s.assignments)) == (340, 80, 347)
    assert sum(1 for u in s.units if u.level == "household") == 288


@pytest.mark.parametrize("fmt,name,chinese", [  # Chinese headers are a matter of tables: documents have keys, not headers
    ("csv", "out", False), ("csv", "out", True), ("xlsx", "out.xlsx", False), ("xlsx", "out.xlsx", True),
    ("json", "out.json", False), ("yaml", "out.yaml", False)])
def test_demo_round_trips_through_every_format(tmp_path: Path, fmt: str, name: str, chinese: bool) -> None:
    demo = demo_county()
    path = write_county(demo, tmp_path / name, fmt=fmt, chinese_headers=chinese)  # type: ignore[arg-type]
    assert load_county(path) == demo


def test_formula_like_text_is_escaped_on_export_and_restored_on_load(tmp_path: Path) -> None:
    county = County(OrgStructure(units=(Unit("C", "=HYPERLINK(\"x\")", "county"), Unit("T", "+1", "town", "C"),
                                        Unit("V", "-2", "village", "T"), Unit("G", "@cmd", "group", "V"))))
    write_county(county, tmp_path / "csv", fmt="csv")
    text = (tmp_path / "csv" / "units.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",'+1," in text and ",'-2," in text and ",'@cmd," in text
    write_county(county, tmp_path / "c.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "c.xlsx")["units"]
    assert ws["B2"].value == "'=HYPERLINK(\"x\")" and ws["B2"].data_type == "s"
    assert load_county(tmp_path / "csv") == county
    assert load_county(tmp_path / "c.xlsx") == county


def test_writers_refuse_to_replace_existing_files(tmp_path: Path) -> None:
    target = tmp_path / "county.json"
    target.write_text("precious", encoding="utf-8")
    with pytest.raises(OverwriteError, match=r"county\.json exists"):
        write_county(demo_county(), target)
    assert target.read_text(encoding="utf-8") == "precious"
    folder = tmp_path / "csv"
    folder.mkdir()
    (folder / "actors.csv").write_text("precious", encoding="utf-8")
    with pytest.raises(OverwriteError):
        write_county(demo_county(), folder)
    assert sorted(os.listdir(folder)) == ["actors.csv"]  # nothing half-written beside it
    write_county(demo_county(), target, overwrite=True)
    assert load_county(target) == demo_county()


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "county.xlsx"
    target.write_bytes(b"old")

    def boom(*_: object, **__: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", boom)
    with pytest.raises(RuntimeError):
        write_county(demo_county(), target, overwrite=True)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["county.xlsx"]


def test_bad_cells_are_all_reported_with_file_row_and_field(tmp_path: Path) -> None:
    d = _folder(tmp_path, "bad", {
        "units.csv": "id,name,level,parent,households,colour\nC,县,county,,,\nT1,,town,C,many,\nV1,村,hamlet,T1,3,\n",
        "actors.csv": "id,name\nA1,甲\n",
        "assignments.csv": "actor,role,unit,start\nA1,x,V1,2024-13-01\n",
    }, "utf-8")
    with pytest.raises(DataError) as info:
        load_county(d)
    got = {(Path(p.file).name, p.row, p.field) for p in info.value.problems}
    assert got == {  # the extra column 'colour' is kept with a notice, not an error (tests/test_ledgers.py)
        ("units.csv", 3, "name"),            # empty required cell
        ("units.csv", 3, "households"),      # not a number
        ("units.csv", 4, "level"),           # unknown level
        ("actors.csv", 1, "kind"),           # required column missing
        ("assignments.csv", 2, "start"),     # not a date
    }
    messages = {p.field: p.en or p.message for p in info.value.problems if Path(p.file).name == "units.csv"}
    assert messages["households"] == "expected a whole number, got 'many'"
    assert messages["level"].startswith("unknown level 'hamlet' (known: ")


def test_missing_required_table_and_unknown_format(tmp_path: Path) -> None:
    d = _folder(tmp_path, "partial", {"units.csv": UNITS_EN}, "utf-8")
    with pytest.raises(DataError) as info:
        load_county(d)
    assert [(p.message, p.en) for p in info.value.problems] == [
        ("缺少必需的表“人员”（actors）", "required table 'actors' (人员) is missing"),
        ("缺少必需的表“包保”（assignments）", "required table 'assignments' (包保) is missing")]
    with pytest.raises(UsageError, match="unknown county data format"):
        load_county(_touch(tmp_path / "county.txt"))
    with pytest.raises(UsageError, match=r"give the folder that holds units\.csv"):
        load_county(tmp_path / "partial" / "units.csv")
    with pytest.raises(UsageError, match="no such file"):
        load_county(tmp_path / "nowhere")


def _touch(p: Path) -> Path:
    p.write_text("", encoding="utf-8")
    return p


def test_undecodable_csv_is_a_located_problem(tmp_path: Path) -> None:
    d = tmp_path / "bin"
    d.mkdir()
    (d / "units.csv").write_bytes(b"id,name\n\xff\xfe\xfa\x00\x81\n")
    (d / "actors.csv").write_text(ACTORS_EN, encoding="utf-8")
    (d / "assignments.csv").write_text(ASSIGN_EN, encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_county(d)
    assert [(p.message, p.en) for p in info.value.problems if p.file.endswith("units.csv")] == [
        ("无法解码：既不是 UTF-8 也不是 GBK/GB18030 文本", "cannot decode: not UTF-8 or GBK/GB18030 text")]


def test_every_table_is_written_when_present(tmp_path: Path) -> None:
    write_county(demo_county(), tmp_path / "all")
    assert sorted(p.stem for p in (tmp_path / "all").iterdir()) == sorted(t.name for t in RECORD_TABLES)


NAMES = st.text(alphabet=st.characters(whitelist_categories=("L", "N", "P", "Zs", "S")), min_size=1, max_size=8).filter(
    lambda s: s.strip() == s)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(names=st.lists(NAMES, min_size=4, max_size=4), hh=st.one_of(st.none(), st.integers(0, 10**6)),
       tags=st.lists(st.from_regex(r"[a-z][a-z-]{0,8}", fullmatch=True), max_size=3, unique=True))
def test_arbitrary_text_round_trips_through_csv_and_xlsx(tmp_path_factory: pytest.TempPathFactory, names: list[str],
                                                          hh: int | None, tags: list[str]) -> None:
    county = County(OrgStructure(
        units=(Unit("C", names[0], "county"), Unit("T", names[1], "town", "C", tuple(tags), hh)),
        actors=(Actor("A", names[2], "cadre", unit="T"),),
        assignments=(Assignment("A", "r", "T", mechanism=names[3]),)))
    tmp = tmp_path_factory.mktemp("rt")
    assert load_county(write_county(county, tmp / "c", fmt="csv")) == county
    assert load_county(write_county(county, tmp / "c.xlsx")) == county
    assert load_county(write_county(county, tmp / "c.json")) == county
    assert attrs.evolve(county) == county


def test_indented_json_is_byte_for_byte_what_json_writes() -> None:
    """``--format json`` output comes from strict_json's own indenting writer: the same bytes as ``json.dumps``,
    NaN as null and infinity as "inf", for records, nested values, odd keys and values json leaves to ``default``."""
    import datetime as dt
    import json
    import math

    from mechanisms.io.strict_json import dumps, finite

    points = [{"actor": f"A{i}\"{{x}}", "role": ["甲", "b\nc", "d"][i % 3], "units": [1, None, True, 2.5, math.nan][i % 5],
               "households": i} for i in range(100)]
    docs = [points, {"on": dt.date(2024, 1, 31), "roles": {"r": {"share": math.inf, "gini": -math.inf}}, "gaps": []},
            [{"a": 1}] * 40 + [{"b": 1}], [{"a": 1, "b": 2}] * 40 + [{"b": 2, "a": 1}], [{"a": [1, {}]}] * 40, [[]], {}]
    for doc in docs:
        for ascii_only in (True, False):
            for indent in (2, "\t"):
                assert dumps(doc, indent=indent, ensure_ascii=ascii_only, default=str) == json.dumps(
                    finite(doc), indent=indent, ensure_ascii=ascii_only, default=str, allow_nan=False)
    assert json.loads(dumps(points, indent=2))[4]["units"] is None  # NaN written as null


def test_rows_of_only_white_space_are_no_records_and_cells_are_trimmed(tmp_path: Path) -> None:
    """A row of blank cells (spaces, a tab, the ideographic space, a no-break space) is not a record and its
    spreadsheet row is skipped, not renumbered; the cells of real rows lose their surrounding white space."""
    units = ("id,name,level,parent,tags,households\nC,测试县,county,,,\n\u3000, ,\t,\u00a0,,\n"
             " T1\u3000,\u3000测试镇 ,town,C,,\nV1,测试村,village,T1 ,,\u3000120 \n")
    d = _folder(tmp_path, "ws", {"units.csv": units, "actors.csv": ACTORS_EN, "assignments.csv": ASSIGN_EN}, "utf-8")
    from mechanisms.io.columns import read_columns

    cc, log = read_columns(d)
    t = cc["units"]
    assert t.data.column("id").to_pylist() == ["C", "T1", "V1"]
    assert t.data.column("name").to_pylist() == ["测试县", "测试镇", "测试村"]
    assert t.data.column("parent").to_pylist() == [None, "C", "T1"]
    assert t.data.column("households").to_pylist() == [None, None, 120]
    assert t.rows.tolist() == [2, 4, 5]  # row 3, all white space, is no record
    assert [(g.kind, list(g.rows if g.rows is not None else ())) for g in log.groups if g.severity == "warning"] == [
        ("lookalike", [4]), ("lookalike", [5])]
