"""The coverage engine on a county small enough to work out by hand, and the ``coverage`` command on the demo."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from mechanisms.cli import main
from mechanisms.county.org import Actor, Assignment, OrgStructure, Unit
from mechanisms.county.records import County
from mechanisms.coverage import CompactCounty, Edges, build_model, coverage_report, exact_role, gini, monte_carlo
from mechanisms.errors import DataError
from mechanisms.io.demo import demo_county
from mechanisms.model.labels import L
from mechanisms.model.mechanism import CoverageRule, Mechanism, Role, Scope
from mechanisms.plugins.manager import load_catalog

# ---------------------------------------------------------------- the hand-worked county
#
# C ─ T1 ─ V1 (model) ─ G1 ─ H1 H2 H3
#   │    │            └ G2  (no household rows: 4 households)
#   │    └ V2 ─ G3 ─ H4 H5
#   └ T2 ─ V3  (no groups, no rows: 5 households)
#
# 14 households: G1 3, G2 4, G3 2, V3 5.

UNITS = (
    Unit("C", "C", "county"),
    Unit("T1", "T1", "town", "C"),
    Unit("V1", "V1", "village", "T1", ("model",)),
    Unit("G1", "G1", "group", "V1"),
    Unit("H1", "H1", "household", "G1"),
    Unit("H2", "H2", "household", "G1"),
    Unit("H3", "H3", "household", "G1"),
    Unit("G2", "G2", "group", "V1", households=4),
    Unit("V2", "V2", "village", "T1"),
    Unit("G3", "G3", "group", "V2"),
    Unit("H4", "H4", "household", "G3"),
    Unit("H5", "H5", "household", "G3"),
    Unit("T2", "T2", "town", "C"),
    Unit("V3", "V3", "village", "T2", households=5),
)
KINDS = {"L": "leader", "D": "department", "C": "cadre", "P": "party-member", "X": "helper"}
ACTORS = tuple(Actor(a, a, KINDS[a[0]]) for a in ("L1", "L2", "D1", "D2", "D9", "C1", "C2", "P1", "P2", "P3", "P4", "X1"))
ASSIGNMENTS = (
    Assignment("L1", "leader", "T1"),
    Assignment("L1", "leader", "T2"),
    Assignment("L2", "leader", "T1", end=dt.date(2024, 6, 30)),
    Assignment("D1", "dept", "V1", mechanism="hand"),
    Assignment("D1", "dept", "V3"),                 # V3 stands for its 5 households: all of them
    Assignment("D2", "dept", "G1"),                 # wrong level: does not count
    Assignment("D9", "dept", "V2", mechanism="other"),  # another mechanism's edge: does not count
    Assignment("C1", "cadre", "G1"),
    Assignment("C2", "cadre", "G1"),
    Assignment("C1", "cadre", "G3"),
    Assignment("P1", "pm", "H1"),
    Assignment("P1", "pm", "H2"),
    Assignment("P1", "pm", "H4"),
    Assignment("P2", "pm", "G2", households=3),     # 3 of G2's 4 households
    Assignment("P3", "pm", "V3", households=2),     # V3's households 0-1
    Assignment("P4", "pm", "V3", households=2),     # V3's households 2-3; the 5th has nobody
    Assignment("X1", "helper", "V1"),
)
HAND = Mechanism(
    key="hand", name=L("手算", "hand"), county=L("手算县", "hand county"),
    roles=(
        Role("leader", L("县领导", "leader"), "town", ("leader",), capacity=1),
        Role("dept", L("部门", "department"), "village", ("department",), capacity=2),
        Role("cadre", L("干部", "cadre"), "group", ("cadre",), min_per_unit=2),
        Role("pm", L("党员", "party member"), "household", ("party-member",), capacity_households=3),
        Role("helper", L("示范村帮扶", "model-village helper"), "village", ("helper",), scope=Scope(tags_any=("model",))),
    ),
    coverage_rules=(
        CoverageRule("towns", L("乡镇", "towns"), "leader", "town"),
        CoverageRule("villages", L("村", "villages"), "dept", "village"),
        CoverageRule("groups", L("组", "groups"), "cadre", "group", min_actors=2),
        CoverageRule("households", L("户", "households"), "pm", "household"),
    ),
)
HAND_COUNTY = County(OrgStructure(UNITS, ACTORS, ASSIGNMENTS))


@pytest.fixture(scope="module")
def hand() -> dict[str, Any]:
    return coverage_report(HAND_COUNTY, HAND).to_json()


def test_hand_roles(hand: dict[str, Any]) -> None:
    assert hand["households"] == 14
    r = hand["roles"]
    # leader: T1 (L1, L2) and T2 (L1) — everyone reached
    assert r["leader"] == {"units_in_scope": 2, "units_satisfied": 2, "households_in_scope": 14,
                           "households_covered": 14, "share": 1.0}
    # dept: V1 and V3 by D1; V2 (2 households) by nobody (D2 is on a group, D9 belongs to another mechanism)
    assert r["dept"] == {"units_in_scope": 3, "units_satisfied": 2, "households_in_scope": 14,
                         "households_covered": 12, "share": 12 / 14}
    # cadre (two per group): G1 has two, G3 one, G2 none; V3's 5 households have no group at all
    assert r["cadre"] == {"units_in_scope": 3, "units_satisfied": 1, "households_in_scope": 14,
                          "households_covered": 5, "share": 5 / 14}
    # pm: each household is a unit; H1 H2 H4, 3 of G2's 4, 4 of V3's 5
    assert r["pm"] == {"units_in_scope": 14, "units_satisfied": 10, "households_in_scope": 14,
                       "households_covered": 10, "share": 10 / 14}
    # helper: only the model village V1 (7 households) is in scope
    assert r["helper"] == {"units_in_scope": 1, "units_satisfied": 1, "households_in_scope": 7,
                           "households_covered": 7, "share": 1.0}


def test_hand_chain_and_gaps(hand: dict[str, Any]) -> None:
    # only H1 and H2 have leader, dept, cadre, pm and (model village) helper
    assert hand["chain_complete_households"] == 2
    assert [{k: g[k] for k in ("unit", "role", "rule")} for g in hand["gaps"]] == [
        {"unit": "V2", "role": "dept", "rule": "villages"},
        {"unit": "G2", "role": "cadre", "rule": "groups"},
        {"unit": "G3", "role": "cadre", "rule": "groups"},
        {"unit": "H3", "role": "pm", "rule": "households"},
        {"unit": "G2", "role": "pm", "rule": "households"},
        {"unit": "H5", "role": "pm", "rule": "households"},
        {"unit": "V3", "role": "pm", "rule": "households"},
    ]
    report = coverage_report(HAND_COUNTY, HAND)
    assert [g.households for g in report.gaps] == [2, 4, 2, 1, 1, 1, 1]
    levels = {lv.level: (lv.units_complete, lv.units, lv.households_complete, lv.households) for lv in report.levels}
    assert levels == {"county": (1, 1, 14, 14), "town": (2, 2, 14, 14), "village": (2, 3, 12, 14),
                      "group": (1, 3, 3, 9), "household": (2, 14, 2, 14)}
    assert [r.off_level for r in report.roles] == [0, 1, 0, 0, 0]


def test_hand_load(hand: dict[str, Any]) -> None:
    load = hand["load"]
    # L1 holds T1+T2 (14 households, 2 towns > capacity 1), L2 holds T1 (9)
    assert load["leader"] == {"mean": 11.5, "median": 11.5, "max": 14, "gini": pytest.approx(5 / 46), "over_capacity": 1}
    assert load["dept"] == {"mean": 12.0, "median": 12.0, "max": 12, "gini": 0.0, "over_capacity": 0}
    # C1: G1 + G3 = 5 households, C2: G1 = 3
    assert load["cadre"] == {"mean": 4.0, "median": 4.0, "max": 5, "gini": pytest.approx(0.125), "over_capacity": 0}
    # P1 3, P2 3, P3 2, P4 2: Gini of (2, 2, 3, 3) = 2·27/(4·10) − 5/4 = 0.1
    assert load["pm"] == {"mean": 2.5, "median": 2.5, "max": 3, "gini": pytest.approx(0.1), "over_capacity": 0}
    assert load["helper"]["max"] == 7


def test_hand_redundancy_and_single_points(hand: dict[str, Any]) -> None:
    red = hand["redundancy"]
    assert red["leader"] == {"mean": pytest.approx(23 / 14), "min": 1, "max": 2}  # T1's 9 × 2 + T2's 5 × 1
    assert red["dept"] == {"mean": pytest.approx(12 / 14), "min": 0, "max": 1}
    assert red["cadre"] == {"mean": pytest.approx(8 / 14), "min": 0, "max": 2}  # G1 3 × 2 + G3 2 × 1
    assert red["pm"] == {"mean": pytest.approx(10 / 14), "min": 0, "max": 1}
    spof = {(s["role"], s["actor"]): (s["units"], s["households"]) for s in hand["single_points_of_failure"]}
    assert spof == {("leader", "L1"): (1, 5), ("dept", "D1"): (2, 12), ("cadre", "C1"): (1, 2),
                    ("pm", "P1"): (3, 3), ("pm", "P2"): (3, 3), ("pm", "P3"): (2, 2), ("pm", "P4"): (2, 2),
                    ("helper", "X1"): (1, 7)}
    assert hand["single_points_of_failure"][0] == {"actor": "D1", "role": "dept", "units": 2, "households": 12}


def test_hand_as_of_a_date() -> None:
    before = coverage_report(HAND_COUNTY, HAND, on=dt.date(2024, 6, 30)).to_json()
    after = coverage_report(HAND_COUNTY, HAND, on=dt.date(2024, 7, 1)).to_json()
    assert before["redundancy"]["leader"]["max"] == 2
    assert after["redundancy"]["leader"] == {"mean": 1.0, "min": 1, "max": 1}
    spof = {(s["role"], s["actor"]): s["households"] for s in after["single_points_of_failure"]}
    assert spof[("leader", "L1")] == 14
    assert after["load"]["leader"]["mean"] == 14.0


def test_hand_robustness_exact() -> None:
    model = build_model(HAND_COUNTY, HAND)
    # leader, f = 0.5: one of two leaders leaves; T1 keeps one for sure, T2 loses L1 half the time
    assert exact_role(model, 0, 0.5) == pytest.approx((9 + 5 * 0.5) / 14)
    # pm, f = 0.5: two of four leave; each covered household has one party member
    assert exact_role(model, 3, 0.5) == pytest.approx(10 * 0.5 / 14)
    assert exact_role(model, 3, 0.5, "independent") == pytest.approx(10 * 0.5 / 14)
    assert exact_role(model, 0, 0.0) == 1.0
    report = coverage_report(HAND_COUNTY, HAND, robustness=(0.0, 0.5))
    points = {(p["f"], p["role"]): p["expected_share"] for p in report.to_json()["robustness"]}
    assert points[(0.0, "all")] == pytest.approx(2 / 14)
    assert points[(0.5, "leader")] == pytest.approx(11.5 / 14)


def test_count_only_county_from_arrays_matches_structure() -> None:
    compact = CompactCounty.from_structure(HAND_COUNTY.structure, HAND)
    direct = CompactCounty.from_arrays(
        levels=compact.levels, parent=compact.parent, level=compact.level, households=compact.households,
        tags=compact.tags, unit_ids=compact.unit_ids, actor_ids=compact.actor_ids,
        edges={k: Edges.make(e.actor, e.unit, e.households) for k, e in compact.edges.items()})
    names = [u.name for u in HAND_COUNTY.structure.units]  # arrays carry no names: given, as the CLI gives them
    assert coverage_report(direct, HAND, unit_names=names).to_json() == coverage_report(HAND_COUNTY, HAND).to_json()


def test_broken_structure_is_a_data_error() -> None:
    bad = OrgStructure((*UNITS, Unit("H9", "H9", "household", "G404")), ACTORS, ASSIGNMENTS)
    with pytest.raises(DataError, match="G404"):
        coverage_report(bad, HAND)


def test_mechanism_without_assignments_is_all_gaps() -> None:
    import attrs

    other = attrs.evolve(HAND, key="nobody")
    county = County(attrs.evolve(HAND_COUNTY.structure,
                                 assignments=tuple(attrs.evolve(a, mechanism="hand") for a in ASSIGNMENTS)))
    j = coverage_report(county, other).to_json()
    assert all(r["households_covered"] == 0 for r in j["roles"].values())
    assert j["chain_complete_households"] == 0
    assert len(j["gaps"]) == 2 + 3 + 3 + 7  # towns, villages, groups, households (H1-H5, G2, V3)


def test_gini() -> None:
    assert gini([]) == 0.0
    assert gini([5]) == 0.0
    assert gini([1, 1, 1]) == 0.0
    assert gini([0, 0, 0, 4]) == pytest.approx(0.75)


# ---------------------------------------------------------------- the demo county and the CLI

@pytest.fixture(scope="module")
def example() -> Mechanism:
    return load_catalog().get("example")


def test_demo_monte_carlo_agrees_with_exact(example: Mechanism) -> None:
    model = build_model(demo_county(), example)
    for f in (0.1, 0.3):
        for role in ("department", "party-member", "all"):
            report = coverage_report(model, example, robustness=(f,), runs=300, seed=7)
            point = next(p for p in report.robustness if p.role == role)
            assert point.stderr is not None and point.monte_carlo is not None and point.expected_share is not None
            assert abs(point.monte_carlo - point.expected_share) <= 4 * point.stderr + 1e-12
    again = monte_carlo(model, 0.2, "all", 50, seed=3)
    assert again == monte_carlo(model, 0.2, "all", 50, seed=3)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


def test_cli_demo_json(example: Mechanism) -> None:
    code, out = _run("coverage", "demo", "--mechanism", "example", "--format", "json")
    assert code == 0, out
    doc = json.loads(out[out.index("{"):])
    assert set(doc) == {"on", "households", "roles", "chain_complete_households", "gaps", "unchecked_roles", "load",
                        "redundancy", "single_points_of_failure", "robustness"}
    assert doc["households"] == 288
    assert set(doc["roles"]) == {"county-leader", "department", "township-cadre", "village-cadre", "party-member"}
    for r in doc["roles"].values():
        assert set(r) == {"units_in_scope", "units_satisfied", "households_in_scope", "households_covered", "share"}
    for x in doc["load"].values():
        assert set(x) == {"mean", "median", "max", "gini", "over_capacity"}
    assert doc["roles"]["department"]["units_satisfied"] == 11
    assert doc["roles"]["party-member"]["households_covered"] == 284
    gaps = {(g["unit"], g["role"], g["rule"]) for g in doc["gaps"]}
    assert ("T3V4", "department", "villages-contracted") in gaps
    pm_gaps = [g for g in doc["gaps"] if g["rule"] == "households-reached"]
    assert len(pm_gaps) == 4 and all(g["unit"].startswith("T2V3") for g in pm_gaps)
    assert len(gaps) == 5
    t3v4 = 26
    assert doc["chain_complete_households"] == 288 - t3v4 - 4
    assert doc["robustness"] == []


def _cadre_spof(day: str) -> set[str]:
    code, out = _run("coverage", "demo", "--mechanism", "example", "--format", "json", "--on", day)
    assert code == 0, out
    doc = json.loads(out[out.index("{"):])
    return {s["actor"] for s in doc["single_points_of_failure"] if s["role"] == "township-cadre"}


def test_cli_on_a_date_sees_the_handover() -> None:
    june, july = _cadre_spof("2024-06-30"), _cadre_spof("2024-07-01")
    assert "TC01" in june and "TC13" not in june
    assert "TC13" in july and "TC01" not in july
    _, out = _run("coverage", "demo", "--mechanism", "example", "--format", "json", "--all-dates")
    doc = json.loads(out[out.index("{"):])
    assert doc["redundancy"]["township-cadre"]["max"] == 2  # with every date both cadres count on T1V1


def test_cli_robustness_table_and_csv() -> None:
    code, out = _run("coverage", "demo", "--mechanism", "example", "--robustness", "0.1,0.2,0.3", "--lang", "en")
    assert code == 0, out
    assert "Robustness" in out and "T3V4" in out
    code, out = _run("coverage", "demo", "--mechanism", "example", "--format", "csv", "--robustness", "0.2",
                     "--runs", "20", "--keys")
    assert code == 0, out
    lines = out[out.index("section,"):].splitlines()
    assert lines[0] == "section,role,subject,metric,value"
    assert "gap,department,T3V4,villages-contracted,26" in lines
    assert any(line.startswith("robustness,all,0.2,monte_carlo,") for line in lines)


def test_cli_exit_codes(tmp_path: Path) -> None:
    assert _run("coverage", "demo", "--mechanism", "nosuch")[0] == 2
    assert _run("coverage", "demo", "--mechanism", "example", "--robustness", "0.1,abc")[0] == 2
    assert _run("coverage", "demo", "--mechanism", "example", "--robustness", "1.5")[0] == 2
    assert _run("coverage", "demo", "--mechanism", "example", "--on", "2024-13-01")[0] == 2
    assert _run("coverage", str(tmp_path / "missing"), "--mechanism", "example")[0] == 2
    (tmp_path / "units.csv").write_text("id,name,level,parent\nC,C,county,\nT1,T1,town,C\nV1,V1,village,T9\n",
                                        encoding="utf-8")
    (tmp_path / "actors.csv").write_text("id,name,kind\nL1,L1,leader\n", encoding="utf-8")
    (tmp_path / "assignments.csv").write_text("actor,role,unit\nL1,county-leader,T1\nL9,county-leader,T1\n",
                                              encoding="utf-8")
    code, out = _run("coverage", str(tmp_path), "--mechanism", "example")
    assert code == 1
    assert "T9" in out and "L9" in out


def test_json_text_is_byte_for_byte_the_json_of_to_json() -> None:
    """``coverage --format json`` writes :meth:`CoverageReport.json_text`, which hands the long lists (gaps, single
    points of failure) to the encoder by column: the same bytes as :mod:`json` writing :meth:`to_json`, a
    household's name masked (or not) the same way."""
    from mechanisms.io import strict_json

    units = [Unit("C", "县", "county"), Unit("T1", "镇", "town", "C")]
    units += [Unit(f"V{v}", f"村{v}", "village", "T1") for v in range(2)]
    units += [Unit(f"G{g}", f"组{g}", "group", f"V{g % 2}") for g in range(4)]
    units += [Unit(f"H{h}", f"张{h}家" if h % 3 else "李四\"<x>", "household", f"G{h % 4}") for h in range(120)]
    actors = [Actor("L", "领导", "leader"), *(Actor(f"P{i}", f"党员{i}", "party-member") for i in range(40))]
    assignments = [Assignment("L", "county-leader", "T1"),
                   *(Assignment(f"P{h % 40}", "party-member", f"H{h}") for h in range(80))]  # H80–H119: gaps
    example = load_catalog().get("example")
    report = coverage_report(County(OrgStructure(tuple(units), tuple(actors), tuple(assignments))), example,
                             unit_names=[u.name for u in units])
    assert len(report.gaps) > 40 and len(report.single_points_of_failure) >= 32  # the by-column path
    for show in (False, True):
        doc = report.to_json(show_personal=show)
        assert report.json_text(show_personal=show) == json.dumps(doc, ensure_ascii=False, indent=2)
        assert report.json_text(show_personal=show) == strict_json.dumps(doc, ensure_ascii=False, indent=2)
        names = [g["name"] for g in doc["gaps"]]
        assert ("张82家" in names) is show and ("李四\"<x>" in names) is show and "村0" in names


def test_records_are_written_as_the_dicts_they_stand_for() -> None:
    from mechanisms.io.strict_json import Records, dumps

    rec = Records(("a", "b"), ([1, 2, None], ["x", float("inf"), [3]]))
    assert rec.rows() == [{"a": 1, "b": "x"}, {"a": 2, "b": float("inf")}, {"a": None, "b": [3]}]
    for doc in ({"r": rec}, {"r": rec, 1: "a key that is not text: json's own path"}, [Records(("k",), ([],))]):
        plain = json.loads(json.dumps(doc, default=lambda o: o.rows()).replace("Infinity", '"inf"'))
        assert json.loads(dumps(doc, indent=2)) == plain
    with pytest.raises(ValueError, match="one column per key"):
        Records(("a", "b"), ([1],))
