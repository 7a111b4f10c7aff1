"""Validation reports every problem at once, each with file, row and field."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import attrs
import networkx as nx

from mechanisms import Actor, Assignment, County, OrgStructure, Unit, demo_county, load_county, validate_county
from mechanisms.plugins.builtin import builtin_mechanisms

EXAMPLE = builtin_mechanisms()[0]


def _county(units=(), actors=(), assignments=()) -> County:  # type: ignore[no-untyped-def]
    return County(OrgStructure(tuple(units), tuple(actors), tuple(assignments)))


BASE_UNITS = [Unit("C", "县", "county"), Unit("T", "镇", "town", "C"), Unit("V", "村", "village", "T")]


def _problems(county: County, mechanism=None) -> list[tuple[str, int | None, str | None, str]]:  # type: ignore[no-untyped-def]
    """The problems with their English words (``--lang en``); :func:`_zh` gives the Chinese a person reads first."""
    return [(p.file, p.row, p.field, p.en) for p in validate_county(county, mechanism)]


def _zh(county: County, mechanism=None) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.message for p in validate_county(county, mechanism)]


def test_a_sound_county_has_no_problems() -> None:
    assert validate_county(demo_county(), EXAMPLE) == []
    assert validate_county(demo_county()) == []


def test_structure_problems_all_at_once() -> None:
    units = [*BASE_UNITS,
             Unit("T", "重复镇", "town", "C"),             # duplicate id
             Unit("X", "第二个根", "county"),               # second root
             Unit("G", "跳级组", "group", "T"),             # group directly under a town
             Unit("H", "孤儿户", "household", "nowhere"),   # dangling parent
             Unit("Q", "未知层级", "hamlet", "V"),          # unknown level
             Unit("N", "负户数", "group", "V", households=-3),
             Unit("S", "自指", "group", "S")]
    got = _problems(_county(units))
    assert got == [
        ("units", 4, "id", "duplicate unit id 'T'"),
        ("units", 6, "level", "'G' is a group under town 'T'; expected a village"),
        ("units", 7, "parent", "parent 'nowhere' is not a unit"),
        ("units", 8, "level", "unknown level 'hamlet' (levels: county > town > village > group > household)"),
        ("units", 9, "households", "household count must not be negative, got -3"),
        ("units", 10, "parent", "unit 'S' is its own parent"),
        ("units", 5, "parent", "second root 'X': only one unit may have no parent (the first is 'C')"),
    ]


def test_structure_problems_say_it_in_chinese_first() -> None:
    """The message a person reads is Chinese, levels by their Chinese names; English is kept beside it."""
    units = [*BASE_UNITS, Unit("T", "重复镇", "town", "C"), Unit("X", "第二个根", "county"), Unit("G", "跳级组", "group", "T"),
             Unit("H", "孤儿户", "household", "nowhere"), Unit("Q", "未知层级", "hamlet", "V"),
             Unit("N", "负户数", "group", "V", households=-3), Unit("S", "自指", "group", "S")]
    assert _zh(_county(units)) == [
        "单位编号“T”重复",
        "“G”是村民小组，却在乡镇（街道）“T”之下；应为村（社区）",
        "上级“nowhere”不是已有的单位",
        "未知层级“hamlet”（可用：县（市、区）、乡镇（街道）、村（社区）、村民小组、农户）",
        "户数不能为负数，实际是 -3",
        "单位“S”的上级是它自己",
        "第二个根单位“X”：只能有一个单位没有上级（第一个是“C”）",
    ]
    assert "没有根单位（每个单位都有上级）" in _zh(_county([Unit("A", "甲", "town", "B"), Unit("B", "乙", "town", "A")]))
    cycle = _zh(_county([*BASE_UNITS, Unit("A", "甲", "group", "B"), Unit("B", "乙", "group", "A")]))
    assert {"单位“A”在上级关系的环上，不在根单位之下", "单位“B”在上级关系的环上，不在根单位之下"} <= set(cycle)
    assert _zh(_county([Unit("T", "镇", "town")])) == ["根单位“T”是乡镇（街道）；应为县（市、区）"]
    assert _zh(_county()) == ["没有任何单位"]


def test_assignment_problems_name_roles_and_kinds_in_chinese() -> None:
    actors = [Actor("L", "领导", "leader"), Actor("P", "党员", "party-member"), Actor("L", "重复", "leader")]
    asg = [Assignment("ghost", "county-leader", "T"), Assignment("L", "county-leader", "nowhere"),
           Assignment("L", "mayor", "T"), Assignment("L", "county-leader", "V"), Assignment("P", "county-leader", "T"),
           Assignment("L", "department", "V", dt.date(2024, 5, 1), dt.date(2024, 4, 1)),
           Assignment("L", "county-leader", "T"), Assignment("L", "county-leader", "T")]
    assert _zh(_county(BASE_UNITS, actors, asg), EXAMPLE) == [
        "责任主体编号“L”重复",
        "责任主体“ghost”不存在",
        "单位“nowhere”不存在",
        "“mayor”不是 example 的角色（可用：县级领导包乡镇、县直部门包村、乡镇干部包村、村干部包组、党员联户）",
        "角色“县级领导包乡镇”包保乡镇（街道）一级；“V”是村（社区）",
        "“P”是党员；角色“县级领导包乡镇”应由县领导担任",
        "结束日期 2024-04-01 早于开始日期 2024-05-01",
        "“L”是县领导；角色“县直部门包村”应由县直部门担任",
        "重复的包保关系：“L”以“county-leader”包保“T”",
    ]


def test_cycles_are_found() -> None:
    units = [*BASE_UNITS, Unit("A", "甲", "group", "B"), Unit("B", "乙", "group", "A")]
    msgs = [m for *_, m in _problems(_county(units))]
    assert "unit 'A' is on a cycle of parents, not under the root" in msgs
    assert "unit 'B' is on a cycle of parents, not under the root" in msgs


def test_no_root() -> None:
    msgs = [m for *_, m in _problems(_county([Unit("A", "甲", "town", "B"), Unit("B", "乙", "town", "A")]))]
    assert "no root unit (every unit has a parent)" in msgs


def test_assignment_problems_against_a_mechanism() -> None:
    actors = [Actor("L", "领导", "leader"), Actor("P", "党员", "party-member"), Actor("L", "重复", "leader")]
    asg = [
        Assignment("L", "county-leader", "T"),                                  # fine
        Assignment("ghost", "county-leader", "T"),                              # dangling actor
        Assignment("L", "county-leader", "nowhere"),                            # dangling unit
        Assignment("L", "mayor", "T"),                                          # role unknown to the mechanism
        Assignment("L", "county-leader", "V"),                                  # wrong level for the role
        Assignment("P", "county-leader", "T"),                                  # wrong kind of actor
        Assignment("L", "department", "V", dt.date(2024, 5, 1), dt.date(2024, 4, 1)),  # ends before it starts
        Assignment("L", "mayor", "T", mechanism="another"),                     # another mechanism's edge: not checked
        Assignment("L", "county-leader", "T"),                                  # duplicate
    ]
    got = _problems(_county(BASE_UNITS, actors, asg), EXAMPLE)
    assert got == [
        ("actors", 3, "id", "duplicate actor id 'L'"),
        ("assignments", 2, "actor", "actor 'ghost' does not exist"),
        ("assignments", 3, "unit", "unit 'nowhere' does not exist"),
        ("assignments", 4, "role", "role 'mayor' is not a role of example "
         "(county-leader, department, township-cadre, village-cadre, party-member)"),
        ("assignments", 5, "unit", "role 'county-leader' is held on town units; 'V' is a village"),
        ("assignments", 6, "actor", "'P' is a party-member; role 'county-leader' is held by leader"),
        ("assignments", 7, "end", "ends 2024-04-01 before it starts 2024-05-01"),
        ("assignments", 7, "actor", "'L' is a leader; role 'department' is held by department"),
        ("assignments", 9, None, "duplicate assignment of 'L' to 'T' as 'county-leader'"),
    ]
    assert not any(row == 8 for _, row, _, _ in got)


def test_problems_name_the_file_and_spreadsheet_row(tmp_path: Path) -> None:
    d = tmp_path / "c"
    d.mkdir()
    (d / "units.csv").write_text("id,name,level,parent\nC,县,county,\nT,镇,town,C\nV,村,village,T\nV,村二,village,T\n",
                                 encoding="utf-8")
    (d / "actors.csv").write_text("id,name,kind\nA,甲,leader\n", encoding="utf-8")
    (d / "assignments.csv").write_text("actor,role,unit\n\nA,county-leader,T\nB,county-leader,T\n", encoding="utf-8")
    got = [(Path(p.file).name, p.row, p.field, p.message) for p in validate_county(load_county(d), EXAMPLE)]
    assert got == [("units.csv", 5, "id", "单位编号“V”重复"),
                   ("assignments.csv", 4, "actor", "责任主体“B”不存在")]  # the blank line 2 still counts


def test_record_tables_are_checked() -> None:
    demo = demo_county()
    bad_visit = attrs.evolve(demo.visits[0], actor="ghost", days=-1)
    bad_problem = attrs.evolve(demo.problems[0], deadline=dt.date(2000, 1, 1), category="bribery")
    county = attrs.evolve(demo, visits=(bad_visit, *demo.visits[1:]), problems=(bad_problem, *demo.problems[1:]))
    got = {(p.file, p.row, p.field) for p in validate_county(county, EXAMPLE)}
    assert {(f.rsplit("/", 1)[-1], r, fld) for f, r, fld in got} == {
        ("visits.csv", 2, "actor"), ("visits.csv", 2, "days"),
        ("problems.csv", 2, "deadline")}


def test_graph_holds_units_actors_and_responsibility_edges() -> None:
    s = demo_county().structure
    g = s.graph
    assert g.number_of_nodes() == len(s.units) + len(s.actors)
    contains = [e for e in g.edges(data=True) if e[2]["type"] == "contains"]
    assert len(contains) == len(s.units) - 1
    assert nx.is_arborescence(g.edge_subgraph((u, v) for u, v, _ in contains))
    assert g.edges[("actor", "L1"), ("unit", "T1")]["role"] == "county-leader"
    assert g.nodes[("unit", "T1V1")]["tags"] == ("model-village",)
    # every household reaches the root through the tree
    hh = ("unit", "T1V1G1H01")
    assert ("unit", "C") in nx.ancestors(g, hh)


def test_a_count_on_a_unit_with_units_under_it_must_agree_with_them(tmp_path: Path) -> None:
    units = (Unit("C", "县", "county"), Unit("T", "镇", "town", "C"),
             Unit("V1", "一村", "village", "T", households=30),  # its groups: 12 + 18 = 30, agrees
             Unit("V1G1", "一组", "group", "V1", households=12), Unit("V1G2", "二组", "group", "V1", households=18),
             Unit("V2", "二村", "village", "T", households=5),  # two household rows under it, not 5
             Unit("V2G1", "一组", "group", "V2"),
             Unit("V2G1H1", "户", "household", "V2G1"), Unit("V2G1H2", "户", "household", "V2G1"),
             Unit("V3", "三村", "village", "T", households=7))  # no units under it: the count is its households
    problems = [p.text("en") for p in validate_county(County(OrgStructure(units)))]
    assert problems == ["units, row 6, field 'households': 'V2' counts 5 households but the units under it add up to 2; a unit "
                        "with units under it takes its households from them (leave the count empty, or make it agree)"]
