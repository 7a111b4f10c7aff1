"""The columnar reader changes and drops nothing silently, and the engines get the same county from columns as from objects."""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

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
    from_columns = coverage_report(CompactCounty.from_columns(columns, MECH), MECH, robustness=(0.3,))
    assert from_columns.to_json() == coverage_report(county, MECH, robustness=(0.3,)).to_json()
