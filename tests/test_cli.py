"""The command line: JSON contracts, languages, and exit codes — never a traceback for a user's mistake."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from mechanisms.cli import main


def run(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "250"}).invoke(main, list(args))


def test_list_json_contract() -> None:
    r = run("list", "--format", "json")
    assert r.exit_code == 0, r.output
    items = json.loads(r.stdout)
    assert isinstance(items, list)
    example = next(i for i in items if i["key"] == "example")
    assert example["name"] == {"zh": "示例包保机制", "en": "Example contact-responsibility mechanism"}
    assert example["county"] == {"zh": "示例县（虚构）", "en": "Demo County (fictional)"}
    assert example["plugin"] == "builtin"
    for item in items:
        assert {"key", "name", "county", "plugin"} <= item.keys()
        assert set(item["name"]) == {"zh", "en"} and set(item["county"]) == {"zh", "en"}


def test_list_table_in_both_languages_and_csv() -> None:
    assert "示例包保机制" in run("list").stdout
    assert "Example contact-responsibility mechanism" in run("list", "--lang", "en").stdout
    lines = run("list", "--format", "csv", "--lang", "en").stdout.splitlines()
    assert lines[0] == "key,name,county,year,roles,plugin"
    assert "example,Example contact-responsibility mechanism,Demo County (fictional),2024,5,builtin" in lines


def test_show_json_is_the_unstructured_mechanism() -> None:
    doc = json.loads(run("show", "example", "--format", "json").stdout)
    assert doc["key"] == "example"
    roles = {r["key"]: r for r in doc["roles"]}
    assert set(roles) == {"county-leader", "department", "township-cadre", "village-cadre", "party-member"}
    for r in doc["roles"]:
        assert {"key", "level", "actor_kinds", "scope", "min_per_unit", "capacity"} <= r.keys()
    assert roles["county-leader"] | {} == roles["county-leader"]
    assert (roles["county-leader"]["level"], roles["county-leader"]["actor_kinds"], roles["county-leader"]["capacity"]) == \
        ("town", ["leader"], 2)
    assert roles["party-member"]["capacity_households"] == 15


def test_show_table_lists_roles_and_assumptions_in_both_languages() -> None:
    zh, en = run("show", "example").stdout, run("show", "example", "--lang", "en").stdout
    assert "县级领导包乡镇" in zh and "标兵村分数线" in zh
    assert "county leader for a town" in en and "model-village score threshold" in en


def test_set_overrides_an_assumption() -> None:
    doc = json.loads(run("show", "example", "--format", "json", "--set", "model-threshold=90").stdout)
    assert doc["scoring"]["tier_schemes"][0]["tiers"][0]["min_score"] == 90.0
    r = run("show", "example", "--set", "nonsense=1")
    assert r.exit_code == 2 and "错误：example：没有假设 'nonsense'（已有假设：" in r.stderr


def test_validate_contract_ok_and_not_ok(tmp_path: Path) -> None:
    r = run("validate", "demo", "--mechanism", "example", "--format", "json")
    assert r.exit_code == 0
    assert json.loads(r.stdout) == {"ok": True, "problems": []}
    d = tmp_path / "c"
    d.mkdir()
    (d / "units.csv").write_text("id,name,level,parent\nC,县,county,\nT,镇,town,C\nT,镇,town,C\n", encoding="utf-8")
    (d / "actors.csv").write_text("id,name,kind\nA,甲,leader\n", encoding="utf-8")
    (d / "assignments.csv").write_text("actor,role,unit\nA,mayor,T\n", encoding="utf-8")
    r = run("validate", str(d), "--mechanism", "example", "--format", "json")
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert doc["ok"] is False
    assert [(Path(p["file"]).name, p["row"], p["field"]) for p in doc["problems"]] == [
        ("units.csv", 4, "id"), ("assignments.csv", 2, "role")]
    r = run("validate", str(d), "--mechanism", "example")
    assert r.exit_code == 1 and "单位编号“T”重复" in r.stdout and "Traceback" not in r.output


def test_unreadable_data_is_reported_in_the_json_contract_too(tmp_path: Path) -> None:
    d = tmp_path / "c"
    d.mkdir()
    (d / "units.csv").write_text("id,name,level\nC,县,nowhere\n", encoding="utf-8")
    r = run("validate", str(d), "--format", "json")
    assert r.exit_code == 1
    problems = json.loads(r.stdout)["problems"]
    assert {p["message"] for p in problems} >= {"缺少必需的表“人员”（actors）"}


def test_validate_demo_table_says_what_it_checked() -> None:
    r = run("validate", "demo", "--lang", "en")
    assert r.exit_code == 0
    assert "OK: 340 units (288 households), 80 actors, 347 assignments" in r.stdout


@pytest.mark.parametrize("args,code,message", [
    (("show", "nope"), 2, "未知机制 'nope'"),
    (("validate", "/no/such/place"), 2, "文件或文件夹不存在"),
    (("validate", "demo", "--format", "xml"), 2, "'--format' 的值无效"),
    (("frobnicate",), 2, "没有命令 'frobnicate'"),
    (("validate", "demo", "--mechanism", "nope"), 2, "未知机制 'nope'"),
])
def test_usage_mistakes_exit_2_without_traceback(args: tuple[str, ...], code: int, message: str) -> None:
    r = run(*args)
    assert r.exit_code == code
    assert message in r.stderr
    assert "Traceback" not in r.output
    assert not isinstance(r.exception, Exception) or isinstance(r.exception, SystemExit)


def test_a_broken_mechanism_file_exits_1_listing_every_problem(tmp_path: Path) -> None:
    f = tmp_path / "m.toml"
    f.write_text('key = "x"\nname = { zh = "甲" }\ncounty = { zh = "县", en = "c" }\nbogus = 1\n', encoding="utf-8")
    r = run("show", "x", "--mechanism-file", str(f))
    assert r.exit_code == 1
    assert r.stderr.splitlines() == [
        f"{f}，字段“Mechanism.name.en”：缺少必填字段",
        f"{f}，字段“Mechanism”：有多余的字段（bogus）",
        "共发现 2 个问题。",  # the default --lang is zh
    ]
    r = run("--lang", "en", "show", "x", "--mechanism-file", str(f))
    assert r.stderr.splitlines() == [
        f"{f}, field 'Mechanism.name.en': required field missing",
        f"{f}, field 'Mechanism': extra fields found (bogus)",
        "2 problem(s) found.",
    ]


def test_plugins_command_lists_builtin() -> None:
    doc = json.loads(run("plugins", "--format", "json").stdout)
    assert {"name": "builtin", "source": "mechanisms.plugins.builtin", "mechanisms": 1} in doc["plugins"]
    assert isinstance(doc["problems"], list)


def test_show_writes_a_mechanism_as_toml_that_loads_back(tmp_path: Path) -> None:
    text = run("show", "example", "--format", "toml").stdout
    f = tmp_path / "copy.toml"
    f.write_text(text.replace('key = "example"', 'key = "copy"', 1), encoding="utf-8")
    r = run("show", "copy", "--mechanism-file", str(f), "--format", "json")
    assert r.exit_code == 0 and json.loads(r.stdout)["key"] == "copy"


def test_strict_json_writes_no_nan_or_infinity() -> None:
    from mechanisms.io import strict_json

    doc = {"a": float("nan"), "b": [1.5, float("inf"), (float("-inf"), None)], "c": "NaN"}
    assert strict_json.finite(doc) == {"a": None, "b": [1.5, "inf", ["-inf", None]], "c": "NaN"}
    assert strict_json.dumps(doc) == '{"a": null, "b": [1.5, "inf", ["-inf", null]], "c": "NaN"}'


def test_tables_written_to_a_pipe_keep_whole_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from mechanisms.cli.output import PIPE_WIDTH, console

    monkeypatch.setattr(sys, "stdout", io.StringIO())  # output to a pipe or file, not a terminal
    monkeypatch.delenv("COLUMNS", raising=False)
    assert console().width == PIPE_WIDTH  # a log keeps whole rows
    monkeypatch.setenv("COLUMNS", "90")
    assert console().width == 90  # a width asked for is honoured
