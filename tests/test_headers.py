"""Files the CLI writes keep the office's language: Chinese sheet (file) names, headers, level names and actor kinds by
default, English with ``--headers en`` (or ``--lang en``), read back to the same county either way; CSV with a BOM;
formula-looking text still escaped."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result

from mechanisms import County, demo_county, load_catalog, load_county, write_county
from mechanisms.cli.app import main
from mechanisms.county.org import Actor, OrgStructure, Unit
from mechanisms.io.column_write import write_columns
from mechanisms.io.columns import read_columns

BOM = b"\xef\xbb\xbf"
DEMO_SHEETS_ZH = ["单位", "人员", "包保", "指标数据", "走访", "问题", "积分", "事件"]
DEMO_SHEETS_EN = ["units", "actors", "assignments", "observations", "visits", "problems", "points", "events"]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def column(ws: Any, header: str) -> list[str]:
    rows = list(ws.iter_rows(values_only=True))
    i = list(rows[0]).index(header)
    return [str(r[i]) for r in rows[1:]]


@pytest.mark.parametrize("fmt,name", [("xlsx", "c.xlsx"), ("csv", "c")])
def test_a_county_written_in_chinese_reads_back_equal(tmp_path: Path, fmt: str, name: str) -> None:
    demo = demo_county()
    zh = write_county(demo, tmp_path / "zh" / name, headers="zh")
    en = write_county(demo, tmp_path / "en" / name, headers="en")
    assert load_county(zh) == demo and load_county(en) == demo
    if fmt == "xlsx":
        wb = openpyxl.load_workbook(zh)
        assert wb.sheetnames == DEMO_SHEETS_ZH
        assert [c.value for c in wb["单位"][1]] == ["编号", "名称", "层级", "上级", "标签", "户数"]
        assert set(column(wb["单位"], "层级")) == {"县（市、区）", "乡镇（街道）", "村（社区）", "村民小组", "农户"}
        assert set(column(wb["人员"], "类别")) == {"领导", "部门", "干部", "村干部", "党员"}
        assert column(wb["包保"], "角色")[0] == "county-leader"  # a role title belongs to a mechanism: keys stay
        assert openpyxl.load_workbook(en).sheetnames == DEMO_SHEETS_EN
    else:
        assert sorted(p.name for p in zh.iterdir()) == sorted(f"{s}.csv" for s in DEMO_SHEETS_ZH)
        assert sorted(p.name for p in en.iterdir()) == sorted(f"{s}.csv" for s in DEMO_SHEETS_EN)
        assert all(p.read_bytes().startswith(BOM) for p in [*zh.iterdir(), *en.iterdir()])
        lines = (zh / "单位.csv").read_text(encoding="utf-8-sig").splitlines()
        assert lines[:2] == ["编号,名称,层级,上级,标签,户数", "C,示例县,县（市、区）,,,"]
        assert (en / "units.csv").read_text(encoding="utf-8-sig").splitlines()[1] == "C,示例县,county,,,"


def test_formula_cells_stay_escaped_in_chinese_files(tmp_path: Path) -> None:
    county = County(OrgStructure(units=(Unit("C", "=HYPERLINK(\"x\")", "county"), Unit("T", "+1", "town", "C"),
                                        Unit("V", "＝2", "village", "T")),
                                 actors=(Actor("A", "@cmd", "party-member"),)))
    folder = write_county(county, tmp_path / "c", headers="zh")
    text = (folder / "单位.csv").read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and ",'+1," in text and ",'＝2," in text
    assert (folder / "人员.csv").read_text(encoding="utf-8-sig").splitlines()[1] == "A,'@cmd,党员,,"
    book = write_county(county, tmp_path / "c.xlsx", headers="zh")
    ws = openpyxl.load_workbook(book)["单位"]
    assert [ws["B2"].value, ws["B3"].value, ws["B4"].value] == ["'=HYPERLINK(\"x\")", "'+1", "'＝2"]
    assert all(ws[c].data_type == "s" for c in ("B2", "B3", "B4"))
    assert load_county(folder) == county and load_county(book) == county
    spaced = County(OrgStructure(units=(Unit("C", " =1", "county"),)))  # after leading white space too
    assert "C,' =1," in (write_county(spaced, tmp_path / "s", headers="zh") / "单位.csv").read_text(encoding="utf-8-sig")


def test_the_columnar_writer_writes_the_same_chinese_files(tmp_path: Path) -> None:
    demo = demo_county()
    by_records = write_county(demo, tmp_path / "records", headers="zh")
    columns, _ = read_columns(by_records)
    by_columns = write_columns(columns, tmp_path / "columns", headers="zh")
    assert sorted(p.name for p in by_columns.iterdir()) == sorted(p.name for p in by_records.iterdir())
    assert load_county(by_columns) == demo
    assert (by_columns / "单位.csv").read_bytes().startswith(BOM)
    rows = list(csv.reader(io.StringIO((by_columns / "单位.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == ["编号", "名称", "层级", "上级", "标签", "户数"] and rows[1] == ["C", "示例县", "县（市、区）", "", "", ""]
    odd = County(OrgStructure(units=(Unit("C", "@1", "county"), Unit("T", "－2", "town", "C"))))
    cols, _ = read_columns(write_county(odd, tmp_path / "odd"))
    out = write_columns(cols, tmp_path / "odd-zh", headers="zh")
    rows = list(csv.reader(io.StringIO((out / "单位.csv").read_text(encoding="utf-8-sig"))))
    assert rows[1:] == [["C", "'@1", "县（市、区）", "", "", ""], ["T", "'－2", "乡镇（街道）", "C", "", ""]]
    assert load_county(out) == odd


def test_staff_writes_chinese_by_default_and_english_on_request(tmp_path: Path) -> None:
    zh, en, lang_en = tmp_path / "zh.xlsx", tmp_path / "en.xlsx", tmp_path / "lang-en.xlsx"
    base = ["staff", "demo", "--mechanism", "example", "--again"]
    assert run(*base, "-o", str(zh)).exit_code == 0
    assert run(*base, "-o", str(en), "--headers", "en").exit_code == 0
    assert run(*base, "-o", str(lang_en), "--lang", "en").exit_code == 0
    assert openpyxl.load_workbook(zh).sheetnames == DEMO_SHEETS_ZH
    assert openpyxl.load_workbook(en).sheetnames == DEMO_SHEETS_EN
    assert openpyxl.load_workbook(lang_en).sheetnames == DEMO_SHEETS_EN
    example = load_catalog().get("example")
    # the Chinese workbook names example's roles by their titles: read for example, they are its keys again
    assert load_county(zh, mechanism=example) == load_county(en) == load_county(lang_en)
    assert {a.role for a in load_county(zh).structure.assignments} == {r.label.zh for r in example.roles}
    assert len(load_county(zh).structure.assignments) > len(demo_county().structure.assignments)


def test_generate_writes_chinese_csv_with_a_bom_by_default(tmp_path: Path) -> None:
    gen = ["generate", "--towns", "2", "--villages", "4", "--households", "40", "--seed", "3"]
    zh, en = tmp_path / "zh", tmp_path / "en"
    assert run(*gen, "-o", str(zh)).exit_code == 0
    assert run(*gen, "-o", str(en), "--headers", "en").exit_code == 0
    assert sorted(p.name for p in zh.iterdir()) == ["人员.csv", "包保.csv", "单位.csv"]
    assert sorted(p.name for p in en.iterdir()) == ["actors.csv", "assignments.csv", "units.csv"]
    assert (zh / "单位.csv").read_bytes().startswith(BOM)
    assert next(csv.reader(io.StringIO((zh / "单位.csv").read_text(encoding="utf-8-sig"))))[:3] == ["编号", "名称", "层级"]
    assert load_county(zh) == load_county(en)
    staffed = tmp_path / "staffed.xlsx"
    assert run(*gen, "--mechanism", "example", "-o", str(staffed)).exit_code == 0  # through the records
    wb = openpyxl.load_workbook(staffed)
    assert wb.sheetnames == ["单位", "人员", "包保"] and "党员" in column(wb["人员"], "类别")


def test_the_problems_file_is_chinese_with_a_bom_and_english_on_request(tmp_path: Path) -> None:
    data = tmp_path / "bad"
    data.mkdir()
    (data / "units.csv").write_text("id,name,level,parent\nC,县,county,\nT,=镇,nowhere,C\n", encoding="utf-8")
    (data / "actors.csv").write_text("id,name,kind\n", encoding="utf-8")
    (data / "assignments.csv").write_text("actor,role,unit\n", encoding="utf-8")
    zh, en = tmp_path / "problems.csv", tmp_path / "problems-en.csv"
    assert run("validate", str(data), "-o", str(zh)).exit_code == 1
    assert run("validate", str(data), "-o", str(en), "--lang", "en").exit_code == 1
    raw = zh.read_bytes()
    assert raw.startswith(BOM)
    lines = raw.decode("utf-8-sig").splitlines()
    assert lines[0] == "文件,行,列,问题,级别" and lines[1].startswith(f"{data / 'units.csv'},3,level,")
    assert lines[1].endswith(",错误")
    en_lines = en.read_text(encoding="utf-8-sig").splitlines()
    assert en_lines[0] == "file,row,field,message,severity" and en_lines[1].endswith(",error")
    assert en.read_bytes().startswith(BOM)
