"""Real ledgers are accepted as a county office writes them: Chinese titles and labels, Excel's dates, extra columns.

And what a ledger gets wrong against the mechanism (an unknown indicator, a period 2024Q5, a NaN) is
found by ``validate``, not discovered later as "no data".
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import openpyxl
from click.testing import CliRunner, Result

from mechanisms import load_county
from mechanisms.cli.app import main
from mechanisms.coverage import coverage_report
from mechanisms.coverage.arrays import CompactCounty
from mechanisms.io.column_checks import check_columns
from mechanisms.io.columns import read_columns
from mechanisms.plugins.builtin import builtin_mechanisms

EXAMPLE = builtin_mechanisms()[0]
UNITS = ("编号,名称,层级,上级,户数,联系电话,备注\n"
         "C,示例县,县,,,0771-1,\nT1,示例镇,乡镇,C,,,\nS1,示例街道,街道,C,,,\n"
         "V1,示例村,村,T1,,,\nV2,示例社区,社区,S1,,,\nG1,一组,村民小组,V1,40,,重点\nG2,二组,组,V2,30,,\n")
ACTORS = "编号,姓名,类别,身份证号\nL1,县领导甲,县领导,450000\nD1,某局,县直部门,\nP1,党员乙,党员,\n"
ASSIGN = ("人员,角色,单位,开始日期,结束日期\nL1,县级领导包乡镇,T1,2024/1/1,2024年12月31日\n"
          "D1,县直部门包村,V1,2024.1.1,\nP1,党员联户,G1,2024-1-1,45657\n")


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def _county(tmp: Path, **files: str) -> Path:
    d = tmp / "c"
    d.mkdir(exist_ok=True)
    for name, text in {"units": UNITS, "actors": ACTORS, "assignments": ASSIGN, **files}.items():
        (d / f"{name}.csv").write_text(text, encoding="utf-8")
    return d


def test_titles_labels_and_level_names_are_read_as_keys(tmp_path: Path) -> None:
    cc, log = read_columns(_county(tmp_path))
    cc = cc.for_mechanism(EXAMPLE)
    check_columns(cc, EXAMPLE, log)
    assert log.ok, [p.text("en") for p in log.problems()]
    county = cc.to_county()
    s = county.structure
    assert [a.kind for a in s.actors] == ["leader", "department", "party-member"]  # 县领导, 县直部门, 党员
    assert [a.role for a in s.assignments] == ["county-leader", "department", "party-member"]  # the roles' titles
    by_id = s.unit_by_id
    assert by_id["V2"].level == "village" and by_id["V2"].tags == ("community",)  # 社区 → a village tagged community
    assert by_id["S1"].level == "town" and by_id["S1"].tags == ("street",)  # 街道 → a town tagged street
    assert by_id["G1"].level == "group" and by_id["V1"].level == "village"


def test_every_excel_date_form_is_read(tmp_path: Path) -> None:
    s = load_county(_county(tmp_path)).structure
    assert [(a.start, a.end) for a in s.assignments] == [
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),   # 2024/1/1 and 2024年12月31日
        (dt.date(2024, 1, 1), None),                    # 2024.1.1
        (dt.date(2024, 1, 1), dt.date(2024, 12, 31)),   # 2024-1-1 and the serial number 45657
    ]
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, text in (("单位", UNITS), ("人员", ACTORS), ("包保", ASSIGN)):
        ws = wb.create_sheet(name)
        for line in text.strip().split("\n"):
            ws.append([c or None for c in line.split(",")])
    wb["包保"]["D2"] = dt.datetime(2024, 3, 1)  # a date cell
    wb["包保"]["E2"] = 45444.0  # a serial number in a number cell: 2024-06-01
    wb["包保"]["D3"] = dt.date(2024, 2, 29)
    wb.save(tmp_path / "c.xlsx")
    asg = load_county(tmp_path / "c.xlsx").structure.assignments
    assert (asg[0].start, asg[0].end, asg[1].start) == (dt.date(2024, 3, 1), dt.date(2024, 6, 1), dt.date(2024, 2, 29))


def test_impossible_dates_are_refused_naming_the_column_as_written(tmp_path: Path) -> None:
    d = _county(tmp_path, assignments="人员,角色,单位,开始日期\nL1,county-leader,T1,2024-02-30\nL1,county-leader,T1,明天\n")
    r = run("validate", str(d), "--format", "json", "--lang", "en")
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert [(p["row"], p["field"]) for p in doc["problems"]] == [(2, "开始日期"), (3, "开始日期")]
    assert doc["problems"][1]["message"].startswith("expected a date (2024-01-31, 2024/1/31, 2024年1月31日")


def test_extra_columns_are_kept_with_one_notice_and_strict_makes_them_errors(tmp_path: Path) -> None:
    d = _county(tmp_path)
    county = load_county(d)
    extras = county.origin.extras["units"]
    assert extras.column_names == ["联系电话", "备注"]
    assert extras.column("备注").to_pylist()[5] == "重点"
    assert county.origin.extras["actors"].column("身份证号").to_pylist()[0] == "450000"
    r = run("validate", str(d), "--mechanism", "example")
    assert r.exit_code == 0, r.output
    notices = [line for line in r.stdout.splitlines() if "多出的列" in line]
    assert len(notices) == 2  # one per table, not one per row
    assert "联系电话、备注" in notices[0]
    r = run("validate", str(d), "--mechanism", "example", "--strict", "--format", "json", "--lang", "en")
    assert r.exit_code == 1
    problems = json.loads(r.stdout)["problems"]
    assert [p["message"].split(":")[0] for p in problems] == ["extra column(s) kept as extra attributes"] * 2


def test_households_are_counted_for_count_only_units(tmp_path: Path) -> None:
    r = run("validate", str(_county(tmp_path)), "--lang", "en")
    assert r.exit_code == 0
    assert "OK: 7 units (70 households), 3 actors, 3 assignments" in r.stdout


def test_record_tables_are_checked_against_the_mechanism(tmp_path: Path) -> None:
    obs = ("单位,指标,期间,数值\nV1,完成整治户数,2024-05,是\nV1,households-cleand,2024-05,3\n"
           "V1,households-total,2024Q5,3\nV1,households-total,2024-06,nan\nV1,households-total,2024-07,inf\n"
           "V1,households-total,2024-08,否\n")
    visits = "人员,单位,日期,角色\nL1,T1,2024-03-01,county-leadr\nL1,T1,2024-03-02,村干部包组\n"
    d = _county(tmp_path, observations=obs, visits=visits)
    r = run("validate", str(d), "--mechanism", "example", "--format", "json", "--lang", "en")
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    errors = {(p["row"], p["field"]): p["message"] for p in doc["problems"]}
    assert errors[(5, "数值")] == "expected a number (or 是/否), got 'nan'"
    assert errors[(6, "数值")] == "expected a number (or 是/否), got 'inf'"
    assert errors[(4, "期间")].startswith("'2024Q5' is not a period")
    assert set(errors) == {(4, "期间"), (5, "数值"), (6, "数值")}
    warnings = {(p["row"], p["field"]): p["message"] for p in doc["warnings"]}
    assert warnings[(3, "指标")].startswith("indicator 'households-cleand' is not an indicator of example nor of any")
    assert warnings[(2, "角色")].startswith("role 'county-leadr' is a role of no mechanism")
    assert set(warnings) == {(3, "指标"), (2, "角色")}  # the indicator's name and the role's title are known
    cc, _ = read_columns(d)
    obs_t = cc.for_mechanism(EXAMPLE)["observations"]
    assert obs_t.column("indicator").to_pylist()[0] == "households-cleaned"  # by its name
    assert obs_t.column("value").to_pylist()[0] == 1.0 and obs_t.column("value").to_pylist()[5] == 0.0  # 是/否


def test_coverage_counts_assignments_written_with_titles(tmp_path: Path) -> None:
    d = _county(tmp_path)
    cc, _ = read_columns(d)
    compact = CompactCounty.from_columns(cc.for_mechanism(EXAMPLE), EXAMPLE)
    report = coverage_report(compact, EXAMPLE)
    roles = {r.role: r for r in report.roles}
    assert roles["party-member"].households_covered == 40  # 党员联户 on G1 (40 households)
    assert roles["department"].units_satisfied == 1
    r = run("coverage", str(d), "--mechanism", "example", "--format", "json", "--on", "2024-06-01")  # all in force
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["roles"]["party-member"]["households_covered"] == 40


def test_every_documented_number_date_and_yes_no_spelling_is_read() -> None:
    """The spellings docs/data-format.md lists, cell by cell (a leading + once crashed Arrow's cast; a serial
    with a fraction and 日 after a space were once refused)."""
    import datetime as dt

    import pyarrow as pa

    from mechanisms.io.colparse import parse_date, parse_float, parse_int

    ints = parse_int(pa.array(["120", "+120", "-3", "1,200", "1，200", "1 200", "120.0", "120.", "1.5", "many"]))
    assert ints.values.to_pylist() == [120, 120, -3, 1200, 1200, 1200, 120, 120, None, None]
    assert ints.bad.tolist() == [False] * 8 + [True, True]
    numbers = parse_float(pa.array(["3", "-3", "0.5", ".5", "5.", "1e3", "1E-3", "1,200.5", "+3",
                                    "是", "否", "√", "×", "✓", "✗", "有", "无", "YES", "no", "Y", "n", "True", "false",
                                    "nan", "inf"]))
    assert numbers.values.to_pylist() == [3.0, -3.0, 0.5, 0.5, 5.0, 1000.0, 0.001, 1200.5, 3.0,
                                          *[1.0, 0.0] * 7, None, None]
    assert numbers.bad.tolist() == [False] * 23 + [True, True]
    day = dt.date(2024, 1, 31)
    dates = parse_date(pa.array(["2024-01-31", "2024-1-31", "2024/1/31", "2024.1.31", "2024年1月31日",
                                 "2024 年 1 月 31 日", "20240131", "2024/1/31 0:00:00", "2024-01-31T08:30",
                                 "2024-01-31 08:30:00.5", "45322", "45322.5", "2024-02-30", "2024-13-01"]))
    assert dates.values.to_pylist() == [day] * 12 + [None, None]
    assert dates.bad.tolist() == [False] * 12 + [True, True]
