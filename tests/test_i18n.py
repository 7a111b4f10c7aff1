"""The message catalogs: every text extracted, every one translated, the compiled catalog current, placeholders
kept, and the language switched by --lang and MECHANISMS_LANG."""

from __future__ import annotations

import importlib
import importlib.util
import inspect
import io
import string
from pathlib import Path
from types import ModuleType

import click
import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

import mechanisms
from mechanisms import i18n
from mechanisms.cli import COMMANDS, main
from mechanisms.errors import DataProblem, UsageError
from mechanisms.model.labels import Label, _, p_

SRC = Path(mechanisms.__file__).parent
ROOT = SRC.parent.parent


def _tool(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"tools.{name}", ROOT / "tools" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    with i18n.PO_FILE.open("rb") as f:
        return read_po(f)


def _entries(catalog: Catalog) -> dict[tuple[str | None, str], str]:
    return {(m.context, str(m.id)): str(m.string) for m in catalog if m.id}


def test_the_catalog_holds_exactly_the_texts_of_the_code(catalog: Catalog) -> None:
    extract = _tool("babel_extract")
    in_code = {(ctx, msgid) for path in SRC.rglob("*.py")
               for _line, ctx, msgid in extract.messages(path.read_text(encoding="utf-8"))}
    in_po = set(_entries(catalog))
    assert sorted(in_code - in_po, key=str) == []  # new texts: run `make catalogs` and translate them
    assert sorted(in_po - in_code, key=str) == []  # stale ones: `make catalogs` drops them


def test_every_text_has_a_chinese_translation(catalog: Catalog) -> None:
    untranslated = [msgid for (_ctx, msgid), zh in _entries(catalog).items() if not zh.strip()]
    assert untranslated == []
    assert not [m.id for m in catalog if m.id and m.fuzzy]  # a fuzzy entry is not compiled: not a translation


def test_the_committed_mo_is_a_fresh_compile_of_the_po(catalog: Catalog) -> None:
    fresh = io.BytesIO()
    write_mo(fresh, catalog)
    assert i18n.MO_FILE.read_bytes() == fresh.getvalue()  # else: `make catalogs`


def _fields(text: str) -> list[str]:
    return sorted(name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None)


def test_placeholders_in_each_translation_are_those_of_the_english(catalog: Catalog) -> None:
    wrong = {msgid: zh for (_ctx, msgid), zh in _entries(catalog).items() if _fields(msgid) != _fields(zh)}
    assert wrong == {}


def test_every_help_text_click_shows_is_in_the_catalog(catalog: Catalog) -> None:
    """What the extractor reads from the source is what click shows at run time (docstrings cleaned, cut at \\f)."""
    extract = _tool("babel_extract")
    ids = {msgid for _ctx, msgid in _entries(catalog)}
    missing = []
    commands: list[click.Command] = [main]
    for module, function, short in COMMANDS.values():
        commands.append(getattr(importlib.import_module(f"mechanisms.cli.{module}"), function))
        if short not in ids:
            missing.append(short)
    while commands:
        cmd = commands.pop()
        if isinstance(cmd, click.Group) and cmd is not main:
            commands.extend(cmd.commands.values())
        texts = [cmd.help, *(p.help for p in cmd.params if isinstance(p, click.Option))]
        missing += [extract.click_help(t) for t in texts if t and extract.click_help(t) not in ids]
    assert missing == []


def test_a_text_is_one_label_in_both_languages() -> None:
    text = _("unknown mechanism {key} (known: {known})").format(key="'x'", known=_("none"))
    assert text == Label("未知机制 'x'（已有：无）", "unknown mechanism 'x' (known: none)")
    assert p_("levels", "county") == Label("县（市、区）", "county") and _("county") == Label("地区", "county")
    assert _("a text no catalog holds") == Label("", "a text no catalog holds")
    assert _("a text no catalog holds").get("zh") == "a text no catalog holds"  # English rather than nothing
    error = UsageError(_("{target} exists and is not a folder; not replacing it").format(target="out"))
    assert str(error) == "out exists and is not a folder; not replacing it"
    assert error.text("zh") == "out 已存在且不是文件夹；不替换"
    problem = DataProblem.of("units.csv", 3, "level", _("{n} problem(s) found.").format(n=2))
    assert problem.text("zh") == "units.csv，第 3 行，字段“level”：共发现 2 个问题。"
    assert problem.text("en") == "units.csv, row 3, field 'level': 2 problem(s) found."


def _help(args: list[str], env: dict[str, str] | None = None) -> str:
    result = CliRunner().invoke(main, args, env=env or {"MECHANISMS_LANG": ""}, prog_name="mechanisms", terminal_width=200)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("args", [["--help"], ["show", "--help"], ["db", "--help"], ["db", "import", "--help"]])
def test_help_is_chinese_by_default_and_english_on_request(args: list[str]) -> None:
    zh, en = _help(args), _help(["--lang", "en", *args])
    assert zh.startswith("用法：mechanisms") and en.startswith("Usage: mechanisms")
    assert "选项：" in zh and "显示此帮助并退出。" in zh and "Show this message and exit." not in zh
    assert "Options:" in en and "Show this message and exit." in en
    assert _help(args, {"MECHANISMS_LANG": "en"}) == en
    assert _help(["--lang", "zh", *args], {"MECHANISMS_LANG": "en"}) == zh  # the option wins over the environment


def test_help_shows_each_command_in_the_chosen_language() -> None:
    zh = _help(["--help"])
    assert "show      显示一个机制：层级、角色、规则、工作安排、考核、假设。" in zh
    en = _help(["--lang", "en", "--help"])
    assert "show      Show one mechanism: levels, roles, rules, campaign, scoring, assumptions." in en
    show_zh = _help(["show", "--help"])
    assert "显示一个机制：层级、角色、规则、工作安排、考核、假设。" in show_zh and "输出格式。  [默认：table]" in show_zh
    # the commands themselves stay English: the next English help is whole
    assert "Output format.  [default: table]" in _help(["--lang", "en", "show", "--help"])


def test_messages_switch_with_the_language() -> None:
    runner = CliRunner()
    zh = runner.invoke(main, ["show", "no-such-mechanism"], env={"MECHANISMS_LANG": ""})
    en = runner.invoke(main, ["--lang", "en", "show", "no-such-mechanism"])
    env = runner.invoke(main, ["show", "no-such-mechanism"], env={"MECHANISMS_LANG": "en"})
    assert zh.exit_code == en.exit_code == env.exit_code == 2
    assert zh.stderr.startswith("错误：未知机制 'no-such-mechanism'（已有：")
    assert en.stderr.startswith("Error: unknown mechanism 'no-such-mechanism' (known: ")
    assert env.stderr == en.stderr


def test_the_runtime_reads_the_compiled_catalog_with_the_standard_library() -> None:
    assert "babel" not in inspect.getsource(i18n)
    assert i18n.zh("Show this message and exit.") == "显示此帮助并退出。"
    assert i18n.zh("value", "catalog_cmds") == "取值" and i18n.zh("value") == "数值"
    assert i18n.zh("") == "" and i18n.translate("yes", "en") == "yes" and i18n.translate("yes", "zh") == "是"
