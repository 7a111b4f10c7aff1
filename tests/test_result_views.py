"""Result objects own their outputs: the CLI prints what the library gives, and every CSV cell is safe."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import attrs
from click.testing import CliRunner

from mechanisms import coverage_report, demo_county, load_catalog, write_county
from mechanisms.cli import main
from mechanisms.county.staffing import staffed
from mechanisms.coverage import views
from mechanisms.io.cells import escape, unescape
from mechanisms.model.periods import Period
from mechanisms.model.rows import Rows, Say
from mechanisms.year.score_report import score_report


def _run(*args: str) -> str:
    result = CliRunner(env={"COLUMNS": "200"}).invoke(main, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_coverage_csv_and_json_from_the_library_equal_the_cli() -> None:
    m = load_catalog().get("example")
    county, _ = staffed(demo_county(), m)
    report = coverage_report(county, m)
    every = ("--all-dates",)  # the library's report counts every assignment, as --all-dates does
    rows = list(csv.reader(io.StringIO(_run("coverage", "demo", "--mechanism", "example", "--format", "csv", *every))))
    assert rows == [[str(v) for v in row] for row in views.csv_rows(report)]
    assert json.loads(_run("coverage", "demo", "--mechanism", "example", "--format", "json", *every)) == json.loads(
        json.dumps(report.to_json()))
    blocks = views.blocks(report, m, "zh", "demo")
    assert isinstance(blocks[0], Say) and blocks[0].text == "示例包保机制 (example) — demo，所有日期的包保关系"
    assert [b.title.zh for b in blocks if isinstance(b, Rows) and b.title] == [
        "按角色覆盖", "按层级的链条完整性", f"覆盖缺口（{len(report.gaps)} 处）", "每名责任人的负担",
        f"单点责任人（{len(report.single_points_of_failure)} 人次）"]


def test_score_json_and_csv_from_the_library_equal_the_cli() -> None:
    m = load_catalog().get("example")
    report = score_report(m, demo_county(), Period.parse("2024Q2"))
    assert json.loads(_run("score", "demo", "--mechanism", "example", "--period", "2024Q2", "--format", "json")) == \
        json.loads(json.dumps(report.to_json()))
    lines = list(csv.DictReader(io.StringIO(
        _run("score", "demo", "--mechanism", "example", "--period", "2024Q2", "--format", "csv"))))
    assert len(lines) == len(report.csv_rows) > 0
    assert [r["unit"] for r in lines] == [str(r["unit"]) for r in report.csv_rows]


def test_formula_cells_are_escaped_in_csv_output(tmp_path: Path) -> None:
    county = demo_county()
    s = county.structure
    hostile = "=cmd|' /C calc'!A0"
    units = tuple(attrs.evolve(u, name=hostile) if u.level == "village" else u for u in s.units)
    folder = tmp_path / "county"
    write_county(attrs.evolve(county, structure=attrs.evolve(s, units=units)), folder)
    out = _run("score", str(folder), "--mechanism", "example", "--period", "2024Q2", "--format", "csv")
    names = {r["name"] for r in csv.DictReader(io.StringIO(out))}
    assert "'" + hostile in names and hostile not in names


def test_escape_round_trips() -> None:
    for text in ("=1+1", "+86 138", "-3", "@SUM(A1)", "\t=x", "'=already", "plain", "", "'"):
        assert unescape(escape(text)) == text
    assert escape("=1+1") == "'=1+1" and escape("plain") == "plain"


def test_a_role_that_applies_to_no_unit_says_why_in_either_language() -> None:
    from mechanisms.coverage.views import not_applicable_reason

    louxing = load_catalog().get("louxing-three-duties")
    report = coverage_report(staffed(demo_county(), louxing)[0], louxing)
    reasons = {r.role: not_applicable_reason(r, louxing, report.names) for r in report.roles}
    why = reasons["resident-team"]
    assert why is not None
    assert why.get("zh") == "本县没有标签为 resident-team 的村（社区）"
    assert why.get("en") == "no village of the county has the tag resident-team"
    assert [k for k, w in reasons.items() if w is None] == [r.role for r in report.roles if r.units_in_scope]
