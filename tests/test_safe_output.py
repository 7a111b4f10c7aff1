"""Names from a ledger pass through every output harmless and unchanged in meaning: markup, control characters,
formula prefixes; ID and phone numbers masked unless --show-personal."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from mechanisms import demo_county, write_county
from mechanisms.cli import main
from mechanisms.io.cells import escape, unescape
from mechanisms.model.safe_text import mask_personal, terminal_safe

HOSTILE = "[/]村[b]粗[/b][link=http://x]链[/link]\x1b[2J\x07=1+1"


@pytest.fixture(scope="module")
def county_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    county = demo_county()
    s = county.structure
    units = tuple(attrs.evolve(u, name=HOSTILE) if u.level == "village" else u for u in s.units)
    folder = tmp_path_factory.mktemp("hostile") / "county"
    write_county(attrs.evolve(county, structure=attrs.evolve(s, units=units)), folder)
    return folder


def _run(*args: str) -> str:
    result = CliRunner(env={"COLUMNS": "300"}).invoke(main, list(args))
    assert result.exit_code == 0, result.output
    assert result.exception is None
    return result.stdout


def test_markup_and_control_characters_in_names_are_printed_as_text(county_dir: Path) -> None:
    out = _run("score", str(county_dir), "--mechanism", "linjiang-five-bao", "--period", "2024Q2")
    assert "[/]村[b]粗[/b][link=http://x]链[/link]\\x1b[2J\\x07=1+1" in out  # every character there, none live
    assert "\x1b" not in out and "\x07" not in out


def test_formula_prefixes_are_defused_in_csv(county_dir: Path) -> None:
    out = _run("score", str(county_dir), "--mechanism", "linjiang-five-bao", "--period", "2024Q2", "--format", "csv")
    names = {r["name"] for r in csv.DictReader(io.StringIO(out)) if r["name"].startswith(("'", "["))}
    assert names == {HOSTILE}  # starts with [, not a formula: kept as it is


@pytest.mark.parametrize("text", ["=1+1", " =1+1", "\t=1", "\r=1", "＝1+1", "+86", "-1", "@A1", "'=x", "''=x"])
def test_formula_escape_round_trips(text: str) -> None:
    assert escape(text).startswith("'") and unescape(escape(text)) == text


def test_personal_numbers_are_masked() -> None:
    assert mask_personal("联系 13812345678，身份证 110101199003071234 住址") == \
        "联系 138****5678，身份证 110101***********4 住址"
    assert mask_personal("编号 2024000001 金额 12345678901234") == "编号 2024000001 金额 12345678901234"
    assert terminal_safe("a\x1b[31mb\u202ec") == "a\\x1b[31mb\\u202ec"


def test_lang_is_global_and_read_from_the_environment() -> None:
    runner = CliRunner(env={"COLUMNS": "300"})
    assert "Installed mechanisms" in runner.invoke(main, ["--lang", "en", "list"]).stdout
    assert "Installed mechanisms" in CliRunner(env={"COLUMNS": "300", "MECHANISMS_LANG": "en"}).invoke(
        main, ["list"]).stdout
    assert "已安装的机制" in runner.invoke(main, ["list"]).stdout
    assert "已安装的机制" in CliRunner(env={"MECHANISMS_LANG": "en"}).invoke(main, ["list", "--lang", "zh"]).stdout


@pytest.mark.parametrize(("text", "shown"), [
    ("postgresql://office:s3cret@db.county:5432/store", "postgresql://office:***@db.county:5432/store"),
    ("postgres://a:p%40ss@h/d and https://u:pw@example.com/x", "postgres://a:***@h/d and https://u:***@example.com/x"),
    ("postgresql://office@db.county/store", "postgresql://office@db.county/store"),  # no password: as written
    ("sqlite:////data/a:b@c.db", "sqlite:////data/a:b@c.db"),  # a path, not a password
    ("mailto:x@y.cn", "mailto:x@y.cn"),
])
def test_a_urls_password_is_hidden_and_nothing_else_changes(text: str, shown: str) -> None:
    from mechanisms.model.safe_text import hide_passwords

    assert hide_passwords(text) == shown
