"""click's own messages in the command line's language (cli/click_i18n.py): zh by default, en with ``--lang en`` or
``MECHANISMS_LANG=en`` -- also for a usage error before ``--lang`` is parsed -- and click's English untouched for
any other click program in the same process."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from mechanisms.cli import main
from mechanisms.cli.click_i18n import CLICK_TEXTS, argv_lang, command_line_lang

TRY = {"zh": "请用“mechanisms coverage --help”查看帮助。", "en": "Try 'mechanisms coverage --help' for help."}
USAGE = {"zh": "用法：mechanisms coverage [OPTIONS] DATA", "en": "Usage: mechanisms coverage [OPTIONS] DATA"}


def _run(args: list[str], env: dict[str, str] | None = None) -> click.testing.Result:
    return CliRunner().invoke(main, args, env={"MECHANISMS_LANG": "", **(env or {})}, prog_name="mechanisms")


def _usage_error(lang: str, error: str) -> str:
    return f"{USAGE[lang]}\n{TRY[lang]}\n\n{error}\n"


@pytest.mark.parametrize(("args", "lang", "error"), [
    (["coverage", "demo", "--x"], "zh", "错误：没有选项 '--x'。"),
    (["--lang", "en", "coverage", "demo", "--x"], "en", "Error: No such option '--x'."),
    (["coverage"], "zh", "错误：缺少参数 'DATA'。"),
    (["--lang", "en", "coverage"], "en", "Error: Missing argument 'DATA'."),
    (["coverage", "demo", "--format", "x"], "zh", "错误：'--format' 的值无效：'x' 不是 'table', 'json', 'csv' 之一。"),
    (["--lang", "en", "coverage", "demo", "--format", "x"], "en",
     "Error: Invalid value for '--format': 'x' is not one of 'table', 'json', 'csv'."),
    (["coverage", "demo", "--runs", "-1"], "zh", "错误：'--runs' 的值无效：-1 不在范围 ≥0 内。"),
    (["coverage", "demo", "--form"], "zh", "错误：没有选项 '--form'。（您是否想用其中之一：'--format', '--on'？）"),
    (["coverage", "demo", "surplus"], "zh", "错误：多出了参数（surplus）"),
    (["--lang", "en", "coverage", "demo", "surplus"], "en", "Error: Got unexpected extra argument (surplus)"),
], ids=["option-zh", "option-en", "argument-zh", "argument-en", "choice-zh", "choice-en", "range-zh", "suggest-zh",
        "extra-zh", "extra-en"])
def test_a_usage_error_in_a_command_speaks_the_chosen_language(args: list[str], lang: str, error: str) -> None:
    result = _run(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == _usage_error(lang, error)


@pytest.mark.parametrize(("args", "env", "lang"), [
    (["coverage", "demo", "--format", "x", "--lang", "en"], {}, "en"),  # --lang after the error: read beforehand
    (["coverage", "demo", "--lang", "en", "--format", "x"], {}, "en"),
    (["coverage", "demo", "--format", "x"], {"MECHANISMS_LANG": "en"}, "en"),
    (["--lang", "zh", "coverage", "demo", "--format", "x"], {"MECHANISMS_LANG": "en"}, "zh"),
    (["coverage", "demo", "--format", "x", "--lang=en"], {}, "en"),
])
def test_the_language_is_known_before_the_command_line_is_parsed(args: list[str], env: dict[str, str],
                                                                 lang: str) -> None:
    result = _run(args, env)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[:2] == [USAGE[lang], TRY[lang]]


@pytest.mark.parametrize(("args", "expected"), [
    (["--bogus"], "用法：mechanisms [OPTIONS] COMMAND [ARGS]...\n请用“mechanisms --help”查看帮助。\n\n"
                  "错误：没有选项 '--bogus'。\n"),
    (["--bogus", "--lang", "en"], "Usage: mechanisms [OPTIONS] COMMAND [ARGS]...\nTry 'mechanisms --help' for help."
                                  "\n\nError: No such option '--bogus'.\n"),
    (["cov"], "用法：mechanisms [OPTIONS] COMMAND [ARGS]...\n请用“mechanisms --help”查看帮助。\n\n"
              "错误：没有命令 'cov'。\n"),
    (["--lang", "en", "cov"], "Usage: mechanisms [OPTIONS] COMMAND [ARGS]...\nTry 'mechanisms --help' for help.\n\n"
                              "Error: No such command 'cov'.\n"),
    (["--lang"], "错误：选项 '--lang' 需要一个值。\n"),  # click's parser gives this one no usage line
    (["--lang", "fr"], "用法：mechanisms [OPTIONS] COMMAND [ARGS]...\n请用“mechanisms --help”查看帮助。\n\n"
                       "错误：'--lang' 的值无效：'fr' 不是 'zh', 'en' 之一。\n"),
], ids=["option-zh", "option-en", "command-zh", "command-en", "no-value-zh", "choice-zh"])
def test_a_usage_error_in_the_group_own_options_speaks_the_chosen_language(args: list[str], expected: str) -> None:
    result = _run(args)
    assert result.exit_code == 2
    assert result.stderr == expected


def test_a_path_option_is_named_in_the_chosen_language(tmp_path: Path) -> None:
    zh = _run(["report", "demo", "-o", str(tmp_path)])
    assert zh.exit_code == 2
    assert zh.stderr.endswith(f"错误：'--output' / '-o' 的值无效：文件 '{tmp_path}' 是目录。\n")
    en = _run(["--lang", "en", "report", "demo", "-o", str(tmp_path)])
    assert en.stderr.endswith(f"Error: Invalid value for '--output' / '-o': File '{tmp_path}' is a directory.\n")


def test_help_and_version_speak_the_chosen_language() -> None:
    zh = _run(["coverage", "--help"])
    assert zh.stdout.startswith(USAGE["zh"] + "\n")
    assert "\n选项：\n" in zh.stdout
    assert "-h, --help  " in zh.stdout and "显示此帮助并退出。" in zh.stdout
    assert "[默认：0；≥0]" in " ".join(zh.stdout.split())
    en = _run(["coverage", "--help", "--lang", "en"])  # --lang after --help: the command line's language still
    assert en.stdout.startswith(USAGE["en"] + "\n")
    assert "\nOptions:\n" in en.stdout and "Show this message and exit." in en.stdout
    assert "[default: 0; ≥0]" in " ".join(en.stdout.split())
    version = _run(["--version"])
    assert version.stdout.startswith("mechanisms，版本 ") and version.exit_code == 0
    assert _run(["--lang", "en", "--version"]).stdout.startswith("mechanisms, version ")


def test_another_click_program_in_the_process_keeps_click_english() -> None:
    @click.command()
    @click.option("--n", type=int)
    def other(n: int) -> None:
        """Another program."""

    assert _run(["coverage"]).exit_code == 2  # ours ran first and wrapped click's texts
    result = CliRunner().invoke(other, ["--n", "x"], env={"MECHANISMS_LANG": "zh"})
    assert result.exit_code == 2
    assert result.stderr == ("Usage: other [OPTIONS]\nTry 'other --help' for help.\n\n"
                             "Error: Invalid value for '--n': 'x' is not a valid integer.\n")


def test_argv_lang_reads_the_last_lang_before_a_double_dash() -> None:
    assert argv_lang(["--lang", "en", "coverage", "--lang", "zh"]) == "zh"
    assert argv_lang(["coverage", "--lang=en"]) == "en"
    assert argv_lang(["coverage", "--", "--lang", "en"]) is None
    assert argv_lang(["--lang", "fr"]) is None and argv_lang(["--lang"]) is None
    assert command_line_lang(["--lang", "en"]) == "en"


def _click_texts_in_source() -> set[str]:
    """Every literal text click passes to ``_`` and ``ngettext`` in the installed version."""
    found: set[str] = set()
    for path in Path(click.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
                found |= {a.value for a in node.args[:2] if isinstance(a, ast.Constant) and isinstance(a.value, str)}
    # _termui_impl's `_(d)` is of a local, not a text; core's `_(extra["required"])` is of the text "required"
    return (found - {"d"}) | {"required"}


def test_every_text_of_the_installed_click_is_translated() -> None:
    assert sorted(_click_texts_in_source() - set(CLICK_TEXTS)) == []  # a click upgrade with new texts: add them
    assert sorted(set(CLICK_TEXTS) - _click_texts_in_source()) == []  # texts click no longer has: drop them


def test_a_real_process_speaks_chinese_by_default_and_english_when_asked() -> None:
    env = {k: v for k, v in os.environ.items() if k != "MECHANISMS_LANG"}
    code = "from mechanisms.cli import main; main()"
    zh = subprocess.run([sys.executable, "-c", code, "coverage"], capture_output=True, text=True, env=env,
                        timeout=120)
    assert zh.returncode == 2
    assert zh.stderr.endswith("\n\n错误：缺少参数 'DATA'。\n")
    assert "请用“" in zh.stderr and "--help”查看帮助。\n" in zh.stderr
    en = subprocess.run([sys.executable, "-c", code, "coverage"], capture_output=True, text=True,
                        env={**env, "MECHANISMS_LANG": "en"}, timeout=120)
    assert en.returncode == 2
    assert en.stderr.endswith("\n\nError: Missing argument 'DATA'.\n")
