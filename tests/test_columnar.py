"""The columnar reader changes and drops nothing silently, and the engines get the same county from columns as from objects."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import attrs
import openpyxl
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mechanisms import Actor, Assignment, County, DataError, OrgStructure, Unit, load_county, write_county
from mechanisms.cli.app import main
from mechanisms.coverage import coverage_report
from mechanisms.coverage.arrays import CompactCounty
from mechanisms.io.column_checks import check_columns
from mechanisms.io.columns import read_columns
from mechanisms.io.tables import ALL_TABLES
from mechanisms.model.labels import L
from mechanisms.model.mechanism import CoverageRule, Mechanism, Role, Scope

ACTORS = "id,name,kind\nA1,甲,cadre\n"
ASSIGN = "actor,role,unit\nA1,r,T1\n"


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _folder(tmp: Path, units: bytes | str, name: str = "c") -> Path:
    d = tmp / name
    d.mkdir()
    (d / "units.csv").write_bytes(units if isinstance(units, bytes) else units.encode("utf-8"))
    (d / "actors.csv").write_text(ACTORS, encoding="utf-8")
    (d / "assignments.csv").write_text(ASSIGN, encoding="utf-8")
    return d


def _messages(exc: pytest.ExceptionInfo[DataError]) -> list[tuple[str, int | None, str | None, str]]:
    return [(Path(p.file).name, p.row, p.field, p.en or p.message) for p in exc.value.problems]


def _workbook(path: Path, rows: int) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "units"
    ws.append(["id", "name", "level", "parent"])
    ws.append(["C", "县", "county", None])
    ws.append(["T1", "镇", "town", "C"])
    for i in range(rows):
        ws.append([f"V{i}", f"村{i}", "village", "T1"])
    for name, text in (("actors", ACTORS), ("assignments", ASSIGN)):
        sheet = wb.create_sheet(name)
        for line in text.strip().split("\n"):
            sheet.append(line.split(","))
    wb.save(path)


def test_every_xlsx_row_is_read_whatever_the_sheet_says_its_dimension_is(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    _workbook(good, 50)
    lying = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(lying, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, n = re.subn(rb'<dimension ref="[^"]*"\s*/>', b'<dimension ref="A1:D3"/>', data)
                assert n == 1
            dst.writestr(item, data)
    assert len(load_county(lying).structure.units) == 52


def test_two_sheets_for_one_table_are_a_problem_not_a_replacement(tmp_path: Path) -> None:
    path = tmp_path / "two.xlsx"
    _workbook(path, 1)
    wb = openpyxl.load_workbook(path)
    again = wb.create_sheet("单位")
    again.append(["编号", "名称", "层级"])
    again.append(["X", "另一个县", "县"])
    wb.save(path)
    with pytest.raises(DataError) as info:
        load_county(path)
    assert _messages(info) == [("two.xlsx[单位]", None, None, "table 'units' is given twice (also as "
                                f"{path}[units]); nothing is merged or replaced: keep one")]


def test_cells_beyond_the_header_are_a_problem_naming_the_row(tmp_path: Path) -> None:
    d = _folder(tmp_path, "id,name,level,parent\nC,县,county,\nT1,镇,town,C,备注,x\nV1,村,village\n")
    with pytest.raises(DataError) as info:
        load_county(d)
    assert _messages(info) == [("units.csv", 3, None, "2 cell(s) beyond the header's last column (nothing is dropped: "
                                "add a header for them, or delete them)")]  # the short row 4 is padded, as Excel does
    path = tmp_path / "wide.xlsx"
    _workbook(path, 1)
    wb = openpyxl.load_workbook(path)
    wb["units"]["F3"] = "stray"
    wb.save(path)
    with pytest.raises(DataError) as info:
        load_county(path)
    assert [(f, r) for f, r, _, _ in _messages(info)] == [("wide.xlsx[units]", 3)]


def test_a_file_mixing_two_encodings_is_a_problem(tmp_path: Path) -> None:
    text = "id,name,level,parent\nC,测试县,county,\nT1,测试镇,town,C\n"
    lines = text.split("\n")
    mixed = "\n".join(lines[:2]).encode("gbk") + b"\n" + lines[2].encode("utf-8") + b"\n"
    d = _folder(tmp_path, mixed)
    with pytest.raises(DataError) as info:
        load_county(d)
    assert _messages(info)[0][:2] == ("units.csv", 3)
    assert "mixes two encodings" in _messages(info)[0][3]
    assert load_county(_folder(tmp_path, text.encode("gbk"), "gbk")).structure.units[1].name == "测试镇"


def test_yaml_is_read_without_implicit_typing(tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_text(
        "units:\n- {id: '0', name: 县, level: county}\n- {id: 0012, name: NO, level: town, parent: '0'}\n"
        "- {id: 1:30, name: yes, level: village, parent: 0012, households: 12}\n"
        "actors:\n- {id: A1, name: 甲, kind: cadre}\nassignments:\n- {actor: A1, role: r, unit: 0012}\n",
        encoding="utf-8")
    units = load_county(tmp_path / "c.yaml").structure.units
    assert [(u.id, u.name) for u in units] == [("0", "县"), ("0012", "NO"), ("1:30", "yes")]
    assert units[2].parent == "0012" and units[2].households == 12


def test_values_of_the_wrong_type_are_rejected_not_stringified(tmp_path: Path) -> None:
    doc = {"units": [{"id": "C", "name": "县", "level": "county"}, {"id": True, "name": "镇", "level": "town", "parent": "C"},
                     {"id": ["V", 1], "name": "村", "level": "village", "parent": "C"},
                     {"id": {"a": 1}, "name": 12, "level": "town", "parent": "C"},
                     {"id": 1001, "name": "镇2", "level": "town", "parent": "C", "households": 2.5}],
           "actors": [{"id": "A1", "name": "甲", "kind": "cadre"}], "assignments": [{"actor": "A1", "role": "r", "unit": "C"}]}
    (tmp_path / "c.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_county(tmp_path / "c.json")
    got = {(r, f) for _, r, f, _ in _messages(info)}
    assert got == {(2, "id"), (3, "id"), (4, "id"), (5, "households")}  # a number as an id (1001) and as a name is text
    assert all("got true/false, a list or a mapping" in m for _, r, f, m in _messages(info) if f == "id")


def test_a_json_key_given_twice_is_a_problem(tmp_path: Path) -> None:
    (tmp_path / "c.json").write_text('{"units": [{"id": "C", "id": "D", "name": "县", "level": "county"}], '
                                     '"actors": [], "assignments": []}', encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_county(tmp_path / "c.json")
    assert any("id" in m for *_, m in _messages(info))


def test_look_alike_ids_are_warned_about(tmp_path: Path) -> None:
    d = _folder(tmp_path, "id,name,level,parent\nC,县,county,\nT1,镇,town,C\nＴ2,镇二,town,C\n"
                          "V1\u200b,村,village,T1\nV2 ,村二,village,T1\n")
    r = run("validate", str(d), "--format", "json", "--lang", "en")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.stdout)
    assert doc["ok"] is True
    assert [(w["row"], w["field"]) for w in doc["warnings"]] == [(4, "id"), (5, "id"), (6, "id")]
    assert doc["warnings"][0]["message"].startswith("'Ｔ2' has a look-alike character")


def test_every_problem_is_found_in_one_pass_and_the_terminal_shows_a_few_of_each(tmp_path: Path) -> None:
    rows = "".join(f"H{i},户,household,nowhere{i}\n" for i in range(40))
    d = _folder(tmp_path, f"id,name,level,parent,households\nC,县,county,,\nT1,镇,town,C,many\n{rows}")
    r = run("validate", str(d), "--lang", "en")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert sum("expected a whole number" in x for x in lines) == 1  # the cell problem …
    assert sum("is not a unit" in x for x in lines) == 5  # … and the dangling parents, in the same run
    assert any("35 more like this" in x for x in lines)
    out = tmp_path / "problems.csv"
    assert run("validate", str(d), "-o", str(out)).exit_code == 1
    assert len(out.read_text(encoding="utf-8-sig").splitlines()) == 1 + 41
    assert run("validate", str(d), "-o", str(out)).exit_code != 0 and out.exists()  # not replaced without --force


def test_tables_parsed_in_threads_give_the_same_county_and_the_same_problems_in_the_same_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A big county's tables are parsed side by side (io/columns.py, ``_parse_tables``): problems in several
    tables, read with threads and without, come out the same, in table order, and so do the columns."""
    import mechanisms.io.columns as columns

    rows = "".join(f"H{i},户{i},household,{'G1' if i % 7 else 'nowhere'},\n" for i in range(300))
    d = tmp_path / "c"
    d.mkdir()
    (d / "units.csv").write_text(f"id,name,level,parent,households\nC,县,county,,\nT1,镇,town,C,many\n"
                                 f"G1,组,组,T1,\n{rows}", encoding="utf-8")
    (d / "actors.csv").write_text("id,name,kind\nA1,甲,干部\nA2,乙,robot\nA３,丙,干部\n", encoding="utf-8")
    (d / "assignments.csv").write_text("actor,role,unit,start\nA1,r,G1,2024/1/1\nA9,r,H1,soon\n", encoding="utf-8")

    def read(parallel_rows: int) -> tuple[list[tuple[str, str | None, str, tuple[int, ...]]], list[str]]:
        monkeypatch.setattr(columns, "PARALLEL_ROWS", parallel_rows)
        county, log = read_columns(d)
        check_columns(county, None, log)
        problems = [(g.file.rsplit("/", 1)[-1], g.field, g.en, tuple(int(r) for r in g.rows)) if g.rows is not None
                    else (g.file, g.field, g.en, ()) for g in log.groups]
        return problems, [repr(county[t].data) for t in ("units", "actors", "assignments")]

    threaded, serial = read(0), read(10 ** 12)
    assert threaded == serial
    files = [p[0] for p in threaded[0]]
    assert {"units.csv", "actors.csv", "assignments.csv"} <= set(files)
    assert files.index("units.csv") < files.index("actors.csv") < files.index("assignments.csv")


ROLES = (("lead", "town", Scope(), 1), ("dept", "village", Scope(tags_none=("b",)), 1), ("cadre", "group", Scope(), 2),
         ("pm", "household", Scope(), 1), ("care", "household", Scope(tags_any=("a",)), 1))
MECH = Mechanism(
    key="prop", name=L("性质", "prop"), county=L("县", "county"),
    roles=tuple(Role(k, L(k, k), lev, ("person",), scope=sc, min_per_unit=mn) for k, lev, sc, mn in ROLES),
    coverage_rules=(CoverageRule("r-town", L("t", "t"), "lead", "town"),
                    CoverageRule("r-group", L("g", "g"), "cadre", "group", min_actors=2),
                    CoverageRule("r-hh", L("h", "h"), "pm", "household")))
TAGS = st.sampled_from([(), ("a",), ("b",), ("a", "b")])


@st.composite
def counties(draw: st.DrawFn) -> County:
    """A random county with count-only villages and groups, tags, and random (partial, dated) assignments."""
    units = [Unit("C", "C", "county")]
    for t in range(draw(st.integers(1, 2))):
        units.append(Unit(f"T{t}", "t", "town", "C", draw(TAGS)))
        for v in range(draw(st.integers(1, 2))):
            vid = f"T{t}V{v}"
            n_groups = draw(st.integers(0, 2))
            units.append(Unit(vid, "v", "village", f"T{t}", draw(TAGS), draw(st.integers(0, 5)) if not n_groups else None))
            for g in range(n_groups):
                gid = f"{vid}G{g}"
                n_hh = draw(st.integers(-1, 3))
                units.append(Unit(gid, "g", "group", vid, draw(TAGS), draw(st.integers(0, 6)) if n_hh < 0 else None))
                units += [Unit(f"{gid}H{h}", "h", "household", gid, draw(TAGS)) for h in range(max(n_hh, 0))]
    actors = [Actor(f"A{i}", "a", "person") for i in range(draw(st.integers(1, 5)))]
    by_level = {lv: [u.id for u in units if u.level == lv] for lv in ("town", "village", "group", "household")}
    assignments: dict[tuple[str, str, str], Assignment] = {}
    for key, level, *_ in ROLES:
        holders = by_level[level] or ([u.id for u in units if u.level == "group" and u.households] if
                                      level == "household" else [])
        for uid in draw(st.lists(st.sampled_from(holders), max_size=4)) if holders else []:
            actor = draw(st.sampled_from([a.id for a in actors]))
            assignments[actor, key, uid] = Assignment(actor, key, uid, households=draw(
                st.one_of(st.none(), st.integers(0, 3))) if level == "household" else None)
    return County(OrgStructure(tuple(units), tuple(actors), tuple(assignments.values())))


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(county=counties())
def test_coverage_from_columns_equals_coverage_from_objects(tmp_path_factory: pytest.TempPathFactory,
                                                            county: County) -> None:
    folder = write_county(county, tmp_path_factory.mktemp("cov") / "c")
    columns, log = read_columns(folder)
    check_columns(columns, None, log)
    assert log.ok, [p.text("en") for p in log.problems()]
    from_columns = coverage_report(CompactCounty.from_columns(columns, MECH), MECH, robustness=(0.3,),
                                   unit_names=columns["units"].column("name").to_pylist())  # as `coverage` names them
    assert from_columns.to_json() == coverage_report(county, MECH, robustness=(0.3,)).to_json()


def test_structure_and_reference_problems_are_said_in_chinese_naming_columns_as_written(tmp_path: Path) -> None:
    d = tmp_path / "zh"
    d.mkdir()
    (d / "单位.csv").write_text("编号,名称,层级,上级\nC,县,县,\nT1,镇,乡镇,C\nT1,重复,乡镇,C\nG1,组,组,T1\n"
                                "H1,户,户,nowhere\nS,自指,村,S\n", encoding="utf-8")
    (d / "人员.csv").write_text("编号,姓名,类别\nA1,甲,党员\n", encoding="utf-8")
    (d / "包保.csv").write_text("人员,角色,单位\nA1,县级领导包乡镇,T1\nghost,党员联户,H1\n", encoding="utf-8")
    found = {}
    for lang in ("zh", "en"):
        r = run("validate", str(d), "--mechanism", "example", "--format", "json", "--lang", lang)
        assert r.exit_code == 1, r.output
        found[lang] = [(Path(p["file"]).name, p["row"], p["field"], p["message"]) for p in json.loads(r.stdout)["problems"]]
    assert found["zh"] == [
        ("单位.csv", 4, "编号", "单位编号“T1”重复"),
        ("单位.csv", 7, "上级", "单位“S”的上级是它自己"),
        ("单位.csv", 6, "上级", "上级“nowhere”不是已有的单位"),
        ("单位.csv", 5, "层级", "“G1”是村民小组，却在乡镇（街道）“T1”之下；应为村（社区）"),
        ("包保.csv", 3, "人员", "责任主体“ghost”不存在"),
        ("包保.csv", 2, "人员", "“A1”是党员；角色“县级领导包乡镇”应由县领导担任"),
    ]
    assert [m for *_, m in found["en"]] == [
        "duplicate unit id 'T1'", "unit 'S' is its own parent", "parent 'nowhere' is not a unit",
        "'G1' is a group under town 'T1'; expected a village", "actor 'ghost' does not exist",
        "'A1' is a party-member; role 'county-leader' is held by leader"]
    assert [x[:3] for x in found["en"]] == [x[:3] for x in found["zh"]]  # the columns named as the file spells them


def test_an_unknown_role_and_level_list_what_is_accepted_in_the_readers_language(tmp_path: Path) -> None:
    d = tmp_path / "zh"
    d.mkdir()
    (d / "单位.csv").write_text("编号,名称,层级,上级\nC,县,县,\nT1,镇,乡,C\nX,某地,片区,T1\n", encoding="utf-8")
    (d / "人员.csv").write_text("编号,姓名,类别\nL1,甲,县领导\n", encoding="utf-8")
    (d / "包保.csv").write_text("人员,角色,单位\nL1,镇长,T1\n", encoding="utf-8")
    msgs = {}
    for lang in ("zh", "en"):
        r = run("validate", str(d), "--mechanism", "example", "--format", "json", "--lang", lang)
        msgs[lang] = {p["field"]: p["message"] for p in json.loads(r.stdout)["problems"]}
    assert msgs["zh"] == {
        "层级": "未知层级“片区”（可用：县/区/市、乡/镇/乡镇/街道、村/社区/行政村、组/村民小组/屯/院落、户/农户）",
        "角色": "“镇长”不是 example 的角色（可用：县级领导包乡镇、县直部门包村、乡镇干部包村、村干部包组、党员联户）"}
    assert msgs["en"] == {
        "层级": "unknown level '片区' (known: county, town, village, group, household)",
        "角色": "role '镇长' is not a role of example (county-leader, department, township-cadre, village-cadre, "
                "party-member)"}


def test_surrounding_white_space_is_found_from_the_bytes_exactly_as_the_regex_finds_it() -> None:
    """Every BMP character before, after and as a cell: the byte test picks the same cells as the regex (and never
    misses one the trim would change), whatever the column's chunks, offset or string type."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from mechanisms.io.colparse import SPACE_AT_EDGE, edge_candidates, space_at_edge

    chars = [chr(i) for i in range(1, 0x10000) if not 0xD800 <= i < 0xE000]
    cells = pa.array([*("a" + c for c in chars), *(c + "a" for c in chars), *chars, "", None, " 中", "中\u3000", "中文"])
    for arr in (cells, cells.slice(7), pa.chunked_array([cells.slice(0, 500), cells.slice(500)]),
                cells.cast(pa.large_string()), pa.array(["", None, ""]), pa.array([], pa.string())):
        regex = np.asarray(pc.fill_null(pc.match_substring_regex(arr, SPACE_AT_EDGE), False), bool)
        assert (space_at_edge(arr) == regex).all()
        trimmed = np.asarray(pc.fill_null(pc.not_equal(pc.binary_length(arr),
                                                       pc.binary_length(pc.utf8_trim_whitespace(arr))), False), bool)
        assert not (trimmed & ~edge_candidates(arr)).any()


def test_every_table_names_the_record_class_it_reads_into() -> None:
    # TableSpec.record_path is text (the records are imported only when asked for): each must resolve, to a class
    # holding the table's fields (levels keep their names in one label, zh and en)
    for spec in ALL_TABLES:
        fields = {a.name for a in attrs.fields(spec.record)}
        assert spec.record.__name__ == spec.record_path.rsplit(":", 1)[1]
        assert [c.field for c in spec.columns if c.field not in fields] == (["zh", "en"] if spec.name == "levels" else [])
