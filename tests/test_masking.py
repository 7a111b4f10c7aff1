"""Person names masked keeping the surname (张三 → 张*, 欧阳娜娜 → 欧阳**) wherever names are masked; --show-personal
shows them."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from mechanisms.cli import main
from mechanisms.model.safe_text import mask_person_name, surname
from mechanisms.report.masking import mask_name
from mechanisms.year.text import mask


@pytest.mark.parametrize(("name", "masked"), [
    ("张三", "张*"),
    ("张三丰", "张**"),
    ("欧阳娜娜", "欧阳**"),
    ("欧阳修", "欧阳*"),
    ("司马相如", "司马**"),
    ("诸葛亮", "诸葛*"),
    ("上官婉儿", "上官**"),
    ("欧阳", "欧*"),  # a two-character name is surname and given name, even where the two make a compound surname
    ("王", "王*"),
    ("  李四 ", "李*"),
    ("示例户T1V1G1-01", "示**"),  # a long name does not show its length
    ("张三 110101199003071234", "张三 110101***********4"),  # an ID number in a name is masked as in free text
    ("", ""),
])
def test_a_name_keeps_its_surname_only(name: str, masked: str) -> None:
    assert mask_person_name(name) == masked
    assert mask_name(name) == masked and mask(name) == masked  # the report's and the year results' masking


def test_compound_surnames_are_recognised_only_as_a_prefix() -> None:
    assert [surname(n) for n in ("欧阳娜娜", "张欧阳", "东方明珠", "第五伦", "赵钱")] == ["欧阳", "张", "东方", "第五", "赵"]


def test_household_names_are_masked_in_output_unless_shown() -> None:
    runner = CliRunner()
    masked = json.loads(runner.invoke(main, ["points", "demo", "--mechanism", "example", "--format", "json"]).output)
    shown = json.loads(runner.invoke(main, ["--show-personal", "points", "demo", "--mechanism", "example",
                                            "--format", "json"]).output)
    names = {h["household"]: h["name"] for h in shown["households"]}
    assert names["T1V3G1H03"] == "示例户T1V3G1-03"
    assert {h["household"]: h["name"] for h in masked["households"]}["T1V3G1H03"] == "示**"
