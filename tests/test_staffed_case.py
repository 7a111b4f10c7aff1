"""case --staffed: the preset staffed by the mechanism's own policy, each published count beside what it produced."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from mechanisms import Assumption, CountyShape, Label, Mechanism, UsageError, check_mechanism, dumps, load_catalog
from mechanisms.cli import main
from mechanisms.county.staffed_case import staffed_case
from mechanisms.model.mechanism import Figure, ReferenceCase, SourceRef, StaffedCount


def _mechanism(*figures: Figure, assumptions: tuple[Assumption, ...] = ()) -> Mechanism:
    example = load_catalog().get("example")
    preset = CountyShape(Label("小县", "small county"), towns=2, villages=6, households=300, groups_per_village=2,
                         tags=())
    ref = ReferenceCase(SourceRef("s.txt", Label("来源", "source")), figures=figures)
    return attrs.evolve(example, key="staffed-test", preset=preset, reference=ref,
                        assumptions=example.assumptions + assumptions)


def test_each_count_is_set_beside_what_the_policy_staffed() -> None:
    m = _mechanism(
        Figure("leaders", Label("县领导", "county leaders"), 2, staffed=StaffedCount("actors", roles=("county-leader",))),
        Figure("villages", Label("村", "villages"), 6, staffed=StaffedCount("units", level="village")),
        Figure("members", Label("党员", "party members"), 15, approx="at-least",
               staffed=StaffedCount("actors", kinds=("party-member",))),
        Figure("cadres", Label("镇干部", "township cadres"), 9, staffed=StaffedCount("actors", roles=("township-cadre",))),
        Figure("households", Label("户", "households"), 300, staffed=StaffedCount("households", level="county")),
        Figure("money", Label("资金", "funds"), 5, unit="万元"),  # counts nothing: not compared
    )
    assert check_mechanism(m) == []
    case = staffed_case(m)
    got = {f.figure.key: (f.produced, f.within) for f in case.figures}
    # one leader per town, one cadre per village (6, not the published 9); households are dealt out 15 at a time
    # within each village, so the six villages' remainders give 23 members, not 300 / 15 = 20 (a floor: "15以上")
    assert got == {"leaders": (2, True), "villages": (6, True), "members": (23, True), "cadres": (6, False),
                   "households": (300, True)}
    assert [f.figure.key for f in case.unexplained] == ["cadres"]
    assert case.figures[3].difference == -3


def test_a_difference_named_by_an_assumption_is_explained() -> None:
    why = Assumption("one-cadre-a-village", Label("每村一名镇干部", "one cadre a village"),
                     "policy.rules[role=township-cadre].per_unit", 1,
                     Label("原文只给总数，政策按每村一名配备", "the source gives only the total"))
    m = _mechanism(Figure("cadres", Label("镇干部", "township cadres"), 9,
                          staffed=StaffedCount("actors", roles=("township-cadre",), explained_by="one-cadre-a-village")),
                   assumptions=(why,))
    (row,) = staffed_case(m).figures
    assert (row.produced, row.within, row.explained) == (6, False, True)
    assert row.to_json("en")["explanation"] == "the source gives only the total"


def test_counts_must_name_known_roles_levels_and_assumptions() -> None:
    m = _mechanism(Figure("x", Label("x", "x"), 1, staffed=StaffedCount("actors", roles=("nobody",), level="province",
                                                                        explained_by="nothing")))
    assert [(p.field, p.en, p.message) for p in check_mechanism(m)] == [
        ("reference.figures[key=x].staffed.roles", "unknown role 'nobody'", "未知角色 'nobody'"),
        ("reference.figures[key=x].staffed.level", "unknown level 'province'", "未知层级 'province'"),
        ("reference.figures[key=x].staffed.explained_by", "unknown assumption 'nothing'", "未知假设 'nothing'"),
    ]


def test_cli_case_staffed_json_and_table(tmp_path: Path) -> None:
    m = _mechanism(Figure("cadres", Label("镇干部", "township cadres"), 9,
                          staffed=StaffedCount("actors", roles=("township-cadre",))))
    path = tmp_path / "m.yaml"
    path.write_text(dumps(m, "yaml"), encoding="utf-8")
    runner = CliRunner(env={"COLUMNS": "200"})
    result = runner.invoke(main, ["case", "staffed-test", "--mechanism-file", str(path), "--staffed", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["staffed"] == {"seed": 0, "unexplained": ["cadres"], "figures": [
        {"key": "cadres", "label": "镇干部", "published": 9, "approx": "exact", "produced": 6, "difference": -3,
         "within": False, "explained_by": None, "explanation": None}]}
    table = runner.invoke(main, ["case", "staffed-test", "--mechanism-file", str(path), "--staffed"]).output
    assert "按本机制的配备政策配备预设县" in table and "未解释的差异：cadres" in table
    plain = runner.invoke(main, ["case", "staffed-test", "--mechanism-file", str(path), "--format", "json"])
    assert "staffed" not in json.loads(plain.stdout)


def test_no_preset_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="example: the mechanism states no reference county to staff"):
        staffed_case(load_catalog().get("example"))


def test_a_difference_with_no_value_to_override_is_explained_by_its_own_reason() -> None:
    why = Label("受训人才不是岗位", "trained people hold no post")
    m = _mechanism(Figure("scholars", Label("田秀才", "field scholars"), 60,
                          staffed=StaffedCount("actors", kinds=("scholar",), reason=why)))
    (row,) = staffed_case(m).figures
    assert (row.produced, row.within, row.explained, row.explanation) == (0, False, True, why)
    assert staffed_case(m).unexplained == ()
