"""`mechanisms template KEY -o 台账.xlsx`: the ledger an office fills in, in its language, validates as written and
as filled in, its dropdowns offering exactly the values the readers accept."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner, Result

from mechanisms import load_catalog
from mechanisms.cli.app import main
from mechanisms.io.columns import read_columns
from mechanisms.io.tables import level_lookup
from mechanisms.io.vocab import KIND_LABELS, indicator_names, role_names
from mechanisms.model.levels import DEFAULT_LEVELS
from mechanisms.model.mechanism import Mechanism
from mechanisms.model.periods import Period

KEYS = sorted(e.mechanism.key for e in load_catalog())
MECHANISMS = {e.mechanism.key: e.mechanism for e in load_catalog()}
PERIODS_2024 = ["2024", "2024H1", "2024H2", "2024Q1", "2024Q2", "2024Q3", "2024Q4",
                *(f"2024-{m:02d}" for m in range(1, 13))]


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def template(tmp_path: Path, key: str, name: str = "台账.xlsx", *extra: str) -> Path:
    out = tmp_path / name
    r = run("template", key, "-o", str(out), "--year", "2024", *extra)
    assert r.exit_code == 0, r.output
    return out


def dropdowns(wb: Any, sheet: str) -> dict[str, list[str]]:
    """Header of each column with a dropdown → the values of the list its validation points at."""
    ws = wb[sheet]
    headers = [c.value for c in ws[1]]
    out: dict[str, list[str]] = {}
    for dv in ws.data_validations.dataValidation:
        m = re.fullmatch(r"'(.+)'!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)", dv.formula1)
        assert m, dv.formula1
        lists = wb[m.group(1)]
        values = [lists[f"{m.group(2)}{i}"].value for i in range(int(m.group(3)), int(m.group(5)) + 1)]
        col = str(dv.sqref).split(":")[0].rstrip("0123456789")
        assert str(dv.sqref) == f"{col}2:{col}1048576"  # every row a user may add
        out[headers[openpyxl.utils.column_index_from_string(col) - 1]] = [str(v) for v in values]
    return out


def kinds_of(m: Mechanism) -> list[str]:
    out: list[str] = []
    for r in m.roles:
        out.extend(k for k in r.actor_kinds or ("cadre",) if k not in out)
    return out


# ---------------------------------------------------------------- the workbook as written

def test_the_example_workbook_has_the_offices_sheets_headers_and_lists(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(template(tmp_path, "example"))
    assert wb.sheetnames == ["说明", "单位", "人员", "包保", "指标数据", "走访", "问题", "积分", "事件", "选项"]
    assert [c.value for c in wb["单位"][1]] == ["编号", "名称", "层级", "上级", "标签", "户数"]
    assert [c.value for c in wb["人员"][1]] == ["编号", "名称", "类别", "标签", "所属单位"]
    assert [c.value for c in wb["包保"][1]] == ["人员", "角色", "单位", "开始日期", "结束日期", "户数", "机制"]
    assert [c.value for c in wb["指标数据"][1]] == ["单位", "指标", "期间", "数值"]
    assert dropdowns(wb, "单位") == {"层级": ["县", "乡镇（街道）", "村（社区）", "村民小组", "农户"]}
    assert dropdowns(wb, "人员") == {"类别": ["领导", "部门", "干部", "村干部", "党员"]}
    assert dropdowns(wb, "包保") == {"角色": ["县级领导包乡镇", "县直部门包村", "乡镇干部包村", "村干部包组", "党员联户"]}
    obs = dropdowns(wb, "指标数据")
    assert obs["指标"] == ["完成整治户数", "农户总数"]  # the ratio 整治完成率 is computed, never entered
    assert obs["期间"] == ["2024年", "2024年上半年", "2024年下半年", "2024年第一季度", "2024年第二季度", "2024年第三季度",
                         "2024年第四季度", *(f"2024年{m}月" for m in range(1, 13))]
    assert dropdowns(wb, "走访") == {"角色": ["县级领导包乡镇", "乡镇干部包村", "村干部包组", "党员联户"]}
    assert dropdowns(wb, "问题") == {"问责类别": ["inaction", "slow"]}
    assert dropdowns(wb, "积分") == {"规则": ["clean-yard", "litter"]}
    assert dropdowns(wb, "事件") == {"事件": ["done"], "任务": ["village-plan", "monthly-report", "half-done"]}
    units = [[c.value for c in row] for row in wb["单位"].iter_rows(min_row=2)]
    assert units == [["C1", "示例县", "县", None, None, None], ["T1", "示例镇", "乡镇（街道）", "C1", None, None],
                     ["V1", "示例村一", "村（社区）", "T1", None, None], ["V2", "示例村二", "村（社区）", "T1", None, None],
                     ["G1", "示例组一", "村民小组", "V1", None, None], ["G2", "示例组二", "村民小组", "V2", None, None],
                     ["H1", "示例户一", "农户", "G1", None, None], ["H2", "示例户二", "农户", "G2", None, None]]
    info = [[c.value for c in row] for row in wb["说明"].iter_rows()]
    assert info[0] == ["示例包保机制（example）台账模板", None, None, None, None]
    assert info[3] == ["工作表", "列", "必填", "内容", "可填的值"]
    assert ["单位", "层级", "是", "单位的层级", "下拉选择：县、乡镇（街道）、村（社区）、村民小组、农户"] in info
    assert ["包保", "开始日期", None, "开始日期（可不填）", "日期，如 2024-01-31、2024/1/31、2024年1月31日"] in info
    assert wb["选项"].protection.sheet


def test_the_mechanisms_own_level_names_where_the_reader_takes_them(tmp_path: Path) -> None:
    # 屯 is Linjiang's own name for a group and a name the reader knows; 市（县级） and 乡镇（街） are not: the
    # ledger writes the names it does know for those levels
    wb = openpyxl.load_workbook(template(tmp_path, "linjiang-five-bao"))
    assert dropdowns(wb, "单位")["层级"] == ["县（市、区）", "乡镇（街道）", "村（社区）", "屯", "农户"]
    assert "积分" in wb.sheetnames
    louxing = openpyxl.load_workbook(template(tmp_path, "louxing-three-duties", "l.xlsx"))
    assert louxing.sheetnames == ["说明", "单位", "人员", "包保", "指标数据", "走访", "问题", "事件", "选项"]  # no points


@pytest.mark.parametrize("key", KEYS)
def test_every_dropdown_value_is_one_the_readers_accept_and_every_accepted_key_is_offered(tmp_path: Path,
                                                                                        key: str) -> None:
    m = MECHANISMS[key]
    wb = openpyxl.load_workbook(template(tmp_path, key))
    levels = dropdowns(wb, "单位")["层级"]
    lookup = level_lookup(DEFAULT_LEVELS)
    assert [lookup[v] for v in levels] == [lv.key for lv in m.levels]
    kinds = dropdowns(wb, "人员")["类别"]
    assert [KIND_LABELS.get(v, v) for v in kinds] == kinds_of(m)
    roles = dropdowns(wb, "包保")["角色"]
    assert [role_names(m)[v] for v in roles] == list(m.role_keys)
    obs = dropdowns(wb, "指标数据")
    assert [indicator_names(m)[v] for v in obs["指标"]] == [i.key for i in m.indicators if not i.is_formula]
    assert [str(Period.parse(v)) for v in obs["期间"]] == PERIODS_2024


# ---------------------------------------------------------------- a filled template validates

@pytest.mark.parametrize("key", KEYS)
def test_the_template_as_written_validates_against_its_mechanism(tmp_path: Path, key: str) -> None:
    out = template(tmp_path, key)
    r = run("validate", str(out), "--mechanism", key)
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("数据有效：8 个单位（2 户），") and r.stdout.rstrip().endswith(f"（{key}）核对")
    assert "警告" not in r.stdout and "提示" not in r.stdout
    cov = run("coverage", str(out), "--mechanism", key, "--on", "2024-06-01", "--format", "json")
    assert cov.exit_code == 0, cov.output
    doc = json.loads(cov.stdout)
    assert doc["gaps"] == []  # the example county is covered as the mechanism means it to be
    assert (doc["households"], doc["chain_complete_households"]) == (2, 2)


@pytest.mark.parametrize("key", KEYS)
def test_rows_added_with_every_dropdown_value_validate_and_read_as_the_keys(tmp_path: Path, key: str) -> None:
    m = MECHANISMS[key]
    out = template(tmp_path, key)
    wb = openpyxl.load_workbook(out)
    levels, kinds = dropdowns(wb, "单位")["层级"], dropdowns(wb, "人员")["类别"]
    roles, obs = dropdowns(wb, "包保")["角色"], dropdowns(wb, "指标数据")
    level_keys = [lv.key for lv in m.levels]
    for i, name in enumerate(levels[1:], start=1):  # a second chain of units under the county, one per level name
        wb["单位"].append([f"N{i}", f"新增单位{i}", name, f"N{i - 1}" if i > 1 else "C1", None, None])
    for j, (title, role) in enumerate(zip(roles, m.roles, strict=True)):
        kind = next(v for v in kinds if KIND_LABELS.get(v, v) in (role.actor_kinds or ("cadre",)))
        wb["人员"].append([f"X{j}", f"新增人员{j}", kind, None, None])
        i = level_keys.index(role.level)
        wb["包保"].append([f"X{j}", title, f"N{i}" if i else "C1", "2024-02-01", None, None, key])
    for k, kind in enumerate(kinds):
        wb["人员"].append([f"Y{k}", f"新增人员Y{k}", kind, None, None])
    for j, name in enumerate(obs["指标"]):
        wb["指标数据"].append(["N2", name, obs["期间"][j % len(obs["期间"])], j])
    filled = tmp_path / "filled.xlsx"
    wb.save(filled)
    r = run("validate", str(filled), "--mechanism", key)
    assert r.exit_code == 0, r.output
    columns, log = read_columns(filled)
    assert log.ok
    columns = columns.for_mechanism(m)
    units = columns["units"].data.to_pylist()
    assert [u["level"] for u in units if u["id"].startswith("N")] == level_keys[1:]
    added = [a for a in columns["assignments"].data.to_pylist() if a["actor"].startswith("X")]
    assert [a["role"] for a in added] == list(m.role_keys)
    assert [a["kind"] for a in columns["actors"].data.to_pylist() if a["id"].startswith("Y")] == kinds_of(m)


def test_a_value_outside_the_lists_is_refused_by_validate(tmp_path: Path) -> None:
    out = template(tmp_path, "example")
    wb = openpyxl.load_workbook(out)
    wb["单位"]["C3"] = "乡真"
    wb["包保"]["B2"] = "县领导包村"
    wb.save(out)
    r = run("validate", str(out), "--mechanism", "example")
    assert r.exit_code == 1
    assert f"{out}[单位]，第 3 行" in r.stdout and "未知层级“乡真”" in r.stdout
    assert "县领导包村" in r.stdout


def test_the_csv_folder_and_document_forms_validate_too(tmp_path: Path) -> None:
    folder = template(tmp_path, "xunyi-ten-actions", "台账")
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["单位.csv", "人员.csv", "包保.csv", "指标数据.csv", "走访.csv", "问题.csv", "事件.csv", "说明.csv", "选项.csv"])
    for p in folder.iterdir():
        assert p.read_bytes().startswith(b"\xef\xbb\xbf"), p.name  # Excel on Chinese Windows reads it as UTF-8
    assert (folder / "单位.csv").read_text(encoding="utf-8-sig").splitlines()[:2] == [
        "编号,名称,层级,上级,标签,户数", "C1,示例县,县,,,"]
    assert run("validate", str(folder), "--mechanism", "xunyi-ten-actions").exit_code == 0
    doc = template(tmp_path, "xunyi-ten-actions", "台账.json")
    assert '"role": "county-leader"' in doc.read_text(encoding="utf-8")  # keys stay keys in JSON
    assert run("validate", str(doc), "--mechanism", "xunyi-ten-actions").exit_code == 0


def test_english_on_request(tmp_path: Path) -> None:
    out = template(tmp_path, "example", "ledger.xlsx", "--lang", "en")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["instructions", "units", "actors", "assignments", "observations", "visits", "problems",
                             "points", "events", "lists"]
    assert [c.value for c in wb["units"][1]] == ["id", "name", "level", "parent", "tags", "households"]
    assert dropdowns(wb, "units") == {"level": ["county", "town", "village", "group", "household"]}
    assert dropdowns(wb, "actors") == {"kind": ["leader", "department", "cadre", "village-cadre", "party-member"]}
    assert dropdowns(wb, "observations")["period"] == PERIODS_2024
    r = run("validate", str(out), "--mechanism", "example", "--lang", "en")
    assert r.exit_code == 0 and r.stdout.startswith("OK: 8 units (2 households), 5 actors, 9 assignments")
    # Chinese instructions over English sheets: --headers apart from --lang
    mixed = openpyxl.load_workbook(template(tmp_path, "example", "m.xlsx", "--headers", "en"))
    assert mixed.sheetnames[0] == "instructions" and mixed["instructions"]["A4"].value == "工作表"


# ---------------------------------------------------------------- writing safely

def test_the_template_never_replaces_a_file_without_force(tmp_path: Path) -> None:
    out = template(tmp_path, "example")
    before = out.read_bytes()
    r = run("template", "example", "-o", str(out))
    assert r.exit_code == 2 and r.stderr.strip().endswith(f"{out} 已存在，不替换它（要替换请加 --force）")
    assert out.read_bytes() == before
    assert run("template", "example", "-o", str(out), "--force").exit_code == 0
    folder = tmp_path / "work"
    folder.mkdir()
    (folder / "笔记.txt").write_text("mine", encoding="utf-8")
    r = run("template", "example", "-o", str(folder), "--force")
    assert r.exit_code == 2 and "有不是数据表的文件（笔记.txt）" in r.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["笔记.txt"]
    r = run("template", "example", "-o", str(tmp_path / "one.csv"))
    assert r.exit_code == 2 and "模板是一个放 CSV 文件的文件夹" in r.stderr


def test_names_that_look_like_formulas_are_escaped_and_read_back(tmp_path: Path) -> None:
    mech = tmp_path / "m.yaml"
    mech.write_text("""
key: odd
name: {zh: 怪名机制, en: odd names}
county: {zh: 某县（虚构）, en: some county}
roles:
- {key: leader, label: {zh: "=cmd|' /C calc'!A0", en: "+leader"}, level: town, actor_kinds: [leader]}
- {key: member, label: {zh: "＝党员联户", en: member}, level: household, actor_kinds: [party-member]}
""", encoding="utf-8")
    out = tmp_path / "odd.xlsx"
    r = run("template", "odd", "--mechanism-file", str(mech), "-o", str(out), "--year", "2024")
    assert r.exit_code == 0, r.output
    wb = openpyxl.load_workbook(out)
    cells = [wb["包保"]["B2"], wb["包保"]["B3"], wb["选项"]["C2"], wb["选项"]["C3"]]
    assert [c.value for c in cells] == ["'=cmd|' /C calc'!A0", "'＝党员联户"] * 2
    assert all(c.data_type == "s" for c in cells)
    r = run("validate", str(out), "--mechanism-file", str(mech), "--mechanism", "odd")
    assert r.exit_code == 0, r.output
    roles = read_columns(out)[0].for_mechanism(load_catalog(files=[mech]).get("odd"))["assignments"]
    assert roles.column("role").to_pylist() == ["leader", "member", "member"]


def test_a_mechanism_with_its_own_levels_gets_a_levels_sheet(tmp_path: Path) -> None:
    mech = tmp_path / "m.yaml"
    mech.write_text("""
key: city
name: {zh: 市级机制, en: city mechanism}
county: {zh: 某市（虚构）, en: some city}
levels:
- {key: city, label: {zh: 市, en: city}}
- {key: district, label: {zh: 区, en: district}}
- {key: street, label: {zh: 街道, en: street}}
roles:
- {key: mayor, label: {zh: 市领导包区, en: mayor}, level: district, actor_kinds: [leader]}
- {key: grid, label: {zh: 网格员包街道, en: grid}, level: street, actor_kinds: [grid-worker]}
""", encoding="utf-8")
    out = tmp_path / "city.xlsx"
    assert run("template", "city", "--mechanism-file", str(mech), "-o", str(out), "--year", "2024").exit_code == 0
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["说明", "层级", "单位", "人员", "包保", "选项"]
    assert [[c.value for c in row] for row in wb["层级"].iter_rows()] == [
        ["层级", "中文", "英文"], ["city", "市", "city"], ["district", "区", "district"], ["street", "街道", "street"]]
    assert dropdowns(wb, "单位") == {"层级": ["市", "区", "街道"]}
    assert dropdowns(wb, "人员") == {"类别": ["领导", "网格员"]}
    r = run("validate", str(out), "--mechanism-file", str(mech), "--mechanism", "city")
    assert r.exit_code == 0, r.output
    assert r.stdout.startswith("数据有效：4 个单位（2 户），2 名责任主体，3 条包保关系")


def test_example_dates_are_of_the_year_asked_for(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(template(tmp_path, "example", "y.xlsx"))
    assert wb["包保"]["D2"].value == dt.datetime(2024, 1, 1) and wb["包保"]["D2"].number_format == "yyyy-mm-dd"
    wb = openpyxl.load_workbook(template(tmp_path, "example", "z.xlsx", "--year", "2026"))  # the last --year wins
    assert wb["包保"]["D2"].value == dt.datetime(2026, 1, 1)
    assert dropdowns(wb, "指标数据")["期间"][0] == "2026年"
