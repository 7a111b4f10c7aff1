"""Chinese help fits an 80-column terminal and its columns line up (cli/wide_text.py): widths counted in terminal
columns, Chinese broken between characters, never before a closing mark nor after an opening one."""

from __future__ import annotations

import re
import unicodedata

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from mechanisms.cli import COMMANDS, main
from mechanisms.cli.wide_text import display_width, split_wide, truncate_width


def columns(line: str) -> int:  # an independent count: wide and full-width characters take two columns
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)


def help_page(*args: str, lang: str = "zh", width: int = 80) -> str:
    r = CliRunner().invoke(main, ["--lang", lang, *args, "--help"], terminal_width=width,
                           env={"COLUMNS": str(width), "MECHANISMS_LANG": ""})
    assert r.exit_code == 0, r.output
    return r.output


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_zh_help_line_fits_80_columns(command: str) -> None:
    page = help_page(command)
    assert re.search(r"[\u4e00-\u9fff]", page)
    long = [line for line in page.splitlines() if columns(line) > 80 and not line.lstrip().startswith("mechanisms")]
    assert long == []
    assert not [line for line in page.splitlines() if line.strip()[:1] in set("，。；：、）」》！？")]
    assert not [line for line in page.splitlines() if line.rstrip()[-1:] in set("（「《")]


def test_option_descriptions_start_in_one_column() -> None:
    page = help_page("coverage")
    options = page.split("选项：", 1)[1].splitlines()
    starts = set()
    for line in options:
        m = re.match(r"^  (-\S.*?)  +(\S)", line)
        if m:  # the width of what stands before the description, in terminal columns
            starts.add(columns(line[: m.start(2)]))
    assert len(starts) == 1, starts  # --mechanism-file 文件 (a Chinese metavar) included


def test_english_help_is_laid_out_as_click_does() -> None:
    page = help_page("coverage", lang="en")
    assert all(len(line) <= 80 for line in page.splitlines())
    assert "  --all-dates" in page


def test_the_pieces_chinese_breaks_into() -> None:
    assert split_wide("关系（默认：今天）。") == ["关", "系", "（默", "认：", "今", "天）。"]
    assert split_wide("读取（--on") == ["读", "取", "（--on"]
    assert split_wide("CSV以语言") == ["CSV", "以", "语", "言"]
    assert display_width("包保 ok") == 7 and display_width("\033[1m包\033[0m") == 2
    assert truncate_width("包保关系", 5) == "包保" and truncate_width("包", 1) == "包"


@given(st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=126), max_size=40))
def test_ascii_is_measured_and_split_as_before(text: str) -> None:
    assert display_width(text) == len(text)
    assert split_wide(text) == [text]


@given(st.text(max_size=30))
def test_splitting_loses_nothing(text: str) -> None:
    assert "".join(split_wide(text)) == text
