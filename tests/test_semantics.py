"""What an analyst expects: a county read as of today, no "no gaps" under an incomplete chain, gaps named, and
``compare``/``report`` taking DATA, ``--on``, ``--set`` and the scenario options like the other commands.

The county most tests use is the demo with two changes that make the dates matter: TC13, who took over T1V1's
township cadre post from TC01 on 2024-07-01, is gone (TC01's assignment still ends on 2024-06-30, so T1V1's 27
households have no township cadre from July on), and the demo's five rule gaps are filled (D5 takes T3V4,
PM014 the four households of T2V3G3), so whatever the chain misses is not a rule gap.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import attrs
import pytest
from click.testing import CliRunner, Result

from mechanisms import demo_county
from mechanisms.cli import main
from mechanisms.cli.compare_cmds import compare_cmd, report_cmd
from mechanisms.cli.sim_cmds import simulate, sweep_cmd
from mechanisms.county.org import Assignment
from mechanisms.county.records import County
from mechanisms.io.county_io import write_county

T1V1_HOUSEHOLDS = 27
FILLED = [Assignment("D5", "department", "T3V4", mechanism="example"),
          *(Assignment("PM014", "party-member", f"T2V3G3H0{i}", mechanism="example") for i in (6, 7, 8, 9))]

NO_POLICY = """\
key: no-policy
name: {zh: 无配置政策的机制, en: A mechanism without a policy}
county: {zh: 某县（虚构）, en: Some County (fictional)}
year: 2024
summary: {zh: 县领导包乡镇，部门包村，党员联户。, en: 'Leaders for towns, departments for villages, members for households.'}
roles:
- {key: county-leader, label: {zh: 县级领导包乡镇, en: county leader for a town}, level: town, actor_kinds: [leader]}
- {key: department, label: {zh: 县直部门包村, en: department for a village}, level: village, actor_kinds: [department]}
- {key: party-member, label: {zh: 党员联户, en: party member for households}, level: household,
   actor_kinds: [party-member]}
coverage_rules:
- {key: towns-led, label: {zh: 乡镇全覆盖, en: every town has a leader}, role: county-leader, level: town}
- {key: villages-contracted, label: {zh: 包村全覆盖, en: every village has a department}, role: department,
   level: village}
- {key: households-reached, label: {zh: 联户到户, en: every household has a member}, role: party-member,
   level: household}
"""


def run(*args: str) -> Result:
    return CliRunner(env={"COLUMNS": "250"}).invoke(main, list(args))


def ok(*args: str) -> Result:
    r = run(*args)
    assert r.exit_code == 0, r.output
    return r


def as_json(*args: str) -> Any:
    return json.loads(ok(*args, "--format", "json").stdout)


def _left_in_june(untagged: bool = False) -> County:
    county = demo_county()
    s = county.structure
    kept = tuple(a for a in s.assignments if a.actor != "TC13") + tuple(FILLED)
    if untagged:
        kept = tuple(attrs.evolve(a, mechanism=None) for a in kept)
    return attrs.evolve(county, structure=attrs.evolve(s, assignments=kept))


@pytest.fixture(scope="module")
def left(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo with TC13 gone and the rule gaps filled, written as a CSV folder."""
    return str(write_county(_left_in_june(), tmp_path_factory.mktemp("left") / "county"))


@pytest.fixture(scope="module")
def untagged(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The same county with no assignment tagged for a mechanism: any mechanism with these roles counts them."""
    return str(write_county(_left_in_june(untagged=True), tmp_path_factory.mktemp("untagged") / "county"))


@pytest.fixture(scope="module")
def no_policy(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("mech") / "no-policy.yaml"
    path.write_text(NO_POLICY, encoding="utf-8")
    return str(path)


# ------------------------------------------------------------------ as of today


def test_the_demo_has_the_handover_the_tests_rely_on() -> None:
    dated = {(a.actor, a.unit): (a.start, a.end) for a in demo_county().structure.assignments
             if a.start is not None or a.end is not None}
    assert {k: tuple(str(d) if d else None for d in v) for k, v in dated.items()} == {
        ("TC01", "T1V1"): (None, "2024-06-30"), ("TC13", "T1V1"): ("2024-07-01", None)}


def test_a_cadre_who_left_on_30_june_does_not_cover_in_december(left: str) -> None:
    december = as_json("coverage", left, "--mechanism", "example", "--on", "2024-12-01")
    today = as_json("coverage", left, "--mechanism", "example")
    every = as_json("coverage", left, "--mechanism", "example", "--all-dates")
    june = as_json("coverage", left, "--mechanism", "example", "--on", "2024-06-01")
    cadre = {name: doc["roles"]["township-cadre"]["households_covered"]
             for name, doc in (("december", december), ("today", today), ("every", every), ("june", june))}
    assert cadre == {"december": 288 - T1V1_HOUSEHOLDS, "today": 261, "every": 288, "june": 288}
    assert [d["chain_complete_households"] for d in (december, today, every, june)] == [261, 261, 288, 288]
    assert december["on"] == "2024-12-01" and june["on"] == "2024-06-01" and every["on"] is None
    assert today["on"] is not None and today["on"] > "2024-12-01"  # as of the day it runs
    assert every["redundancy"]["township-cadre"]["mean"] == 1.0  # TC13 is gone: nobody doubles on T1V1


def test_on_and_all_dates_exclude_each_other(left: str) -> None:
    r = run("coverage", left, "--mechanism", "example", "--on", "2024-06-01", "--all-dates", "--lang", "en")
    assert r.exit_code == 2 and "give --on DAY or --all-dates, not both" in r.stderr
    r = run("coverage", left, "--mechanism", "example", "--on", "2024-06-01", "--all-dates")
    assert r.exit_code == 2 and "--on 与 --all-dates 只能给一个" in r.stderr


def test_the_heading_says_which_day(left: str) -> None:
    out = ok("coverage", left, "--mechanism", "example", "--on", "2024-12-01").stdout
    assert out.splitlines()[0].endswith("，2024-12-01 当日")
    out = ok("coverage", left, "--mechanism", "example", "--all-dates", "--lang", "en").stdout
    assert out.splitlines()[0].endswith(", every assignment ever held")


def test_reassign_and_simulate_read_the_same_day(left: str) -> None:
    r = ok("reassign", left, "--mechanism", "example", "--leaving", "TC02", "--on", "2024-12-01", "--greedy",
           "--format", "json")
    assert json.loads(r.stdout)["on"] == "2024-12-01"
    sims = {day: json.loads(ok("simulate", left, "--mechanism", "example", "--runs", "1", "--days", "30",
                               "--turnover", "0", "--workers", "1", "--format", "json", "--on", day).stdout)
            for day in ("2024-06-01", "2024-12-01")}
    cadre = {day: next(s["mean"] for s in doc["summary"] if (s["metric"], s["role"], s["period"]) ==
                       ("coverage", "township-cadre", "all")) for day, doc in sims.items()}
    # no turnover: T1V1's 27 households have their cadre in June, none in December
    assert cadre == {"2024-06-01": 1.0, "2024-12-01": pytest.approx(261 / 288)}
    assert [sims[d]["on"] for d in sims] == ["2024-06-01", "2024-12-01"]
    assert sims["2024-06-01"]["posts"] == sims["2024-12-01"]["posts"] + 1  # TC01's post


# ------------------------------------------------------------------ never a false "no gaps"


def test_no_false_no_gaps_under_an_incomplete_chain(left: str) -> None:
    out = ok("coverage", left, "--mechanism", "example", "--on", "2024-12-01").stdout
    assert "无覆盖缺口" not in out
    assert "按覆盖要求未发现缺口，但全链条覆盖只有 90.6%" in out
    assert "注：角色 乡镇干部包村、村干部包组 没有覆盖要求，其单位未检查缺口。" in out
    en = ok("coverage", left, "--mechanism", "example", "--on", "2024-12-01", "--lang", "en").stdout
    assert "No gaps" not in en and "the whole chain reaches only 90.6%" in en
    assert "no coverage rule names the role(s) township cadre for a village, village cadre for a group" in en
    doc = as_json("coverage", left, "--mechanism", "example", "--on", "2024-12-01")
    assert doc["gaps"] == [] and doc["unchecked_roles"] == ["township-cadre", "village-cadre"]
    rows = list(csv.reader(io.StringIO(ok("coverage", left, "--mechanism", "example", "--on", "2024-12-01",
                                          "--format", "csv", "--keys").stdout)))
    assert ["unchecked_role", "township-cadre", "", "gaps_checked", "False"] in rows
    assert ["county", "", "", "on", "2024-12-01"] in rows


def test_a_complete_chain_still_names_the_roles_no_rule_checks(left: str) -> None:
    out = ok("coverage", left, "--mechanism", "example", "--on", "2024-06-01").stdout
    assert "无覆盖缺口" not in out and "按覆盖要求未发现缺口。" in out
    assert "乡镇干部包村、村干部包组 没有覆盖要求" in out


def test_no_gaps_where_every_role_has_a_rule_and_the_chain_is_complete(untagged: str, no_policy: str) -> None:
    out = ok("coverage", untagged, "--mechanism-file", no_policy, "--on", "2024-12-01").stdout
    assert "无覆盖缺口。" in out and "没有覆盖要求" not in out
    doc = as_json("coverage", untagged, "--mechanism-file", no_policy, "--on", "2024-12-01")
    assert doc["chain_complete_households"] == doc["households"] == 288 and doc["unchecked_roles"] == []


# ------------------------------------------------------------------ gaps named, with their households


def test_gaps_carry_names_and_households_in_every_format() -> None:
    doc = as_json("coverage", "demo", "--mechanism", "example")
    assert doc["gaps"] == [
        {"unit": "T3V4", "name": "示例丙街道示例4村", "role": "department", "rule": "villages-contracted",
         "households": 26},
        *({"unit": f"T2V3G3H0{i}", "name": "示**", "role": "party-member", "rule": "households-reached",
           "households": 1} for i in (6, 7, 8, 9))]
    shown = as_json("coverage", "demo", "--mechanism", "example", "--show-personal")
    assert [g["name"] for g in shown["gaps"]][1:] == [f"示例户T2V3G3-0{i}" for i in (6, 7, 8, 9)]
    rows = list(csv.reader(io.StringIO(ok("coverage", "demo", "--mechanism", "example", "--format", "csv",
                                          "--keys").stdout)))
    gaps = [r for r in rows if r[0] == "gap"]
    assert gaps[:4] == [["gap", "department", "T3V4", "villages-contracted", "26"],
                        ["gap", "department", "T3V4", "name", "示例丙街道示例4村"],
                        ["gap", "party-member", "T2V3G3H06", "households-reached", "1"],
                        ["gap", "party-member", "T2V3G3H06", "name", "示**"]]
    table = ok("coverage", "demo", "--mechanism", "example").stdout
    line = next(ln for ln in table.splitlines() if "T3V4" in ln)
    assert [c.strip() for c in line.strip("│ ").split("│")] == ["T3V4", "示例丙街道示例4村", "县直部门包村",
                                                                  "部门包村全覆盖", "26"]
    assert "示例户T2V3G3-06" not in table and "单位名称" in table


def test_gap_names_from_a_folder_equal_those_from_the_demo(tmp_path: Path) -> None:
    """A folder is read into columns (no object per unit): its gaps are named all the same."""
    folder = str(write_county(demo_county(), tmp_path / "demo"))
    assert as_json("coverage", folder, "--mechanism", "example")["gaps"] == \
        as_json("coverage", "demo", "--mechanism", "example")["gaps"]


# ------------------------------------------------------------------ compare and report take DATA


def _example(doc: dict[str, Any]) -> dict[str, Any]:
    return next(m for m in doc["mechanisms"] if m["key"] == "example")


def test_compare_takes_data_and_the_day() -> None:
    today = _example(as_json("compare", "demo", "--mechanism", "example"))
    june = _example(as_json("compare", "demo", "--mechanism", "example", "--on", "2024-06-01"))
    every = _example(as_json("compare", "demo", "--mechanism", "example", "--all-dates"))
    # TC01 until 30 June, TC13 from 1 July: one of them a day, both over every date
    assert [(d["actors"], d["assignments"], d["on"]) for d in (june, every)] == [(79, 346, "2024-06-01"),
                                                                                  (80, 347, None)]
    assert (today["actors"], today["assignments"]) == (79, 346)
    old = _example(as_json("compare", "example", "--county", "demo"))  # the old spelling still runs
    assert old == today


def test_compare_coverage_equals_the_coverage_command_on_the_same_day(left: str) -> None:
    mine = _example(as_json("compare", left, "--mechanism", "example", "--on", "2024-12-01"))
    alone = as_json("coverage", left, "--mechanism", "example", "--on", "2024-12-01")
    assert mine["chain_complete_households"] == alone["chain_complete_households"] == 261
    assert mine["coverage"] == {role: v["share"] for role, v in alone["roles"].items()}


def test_compare_sets_assumptions_per_mechanism() -> None:
    base = _example(as_json("compare", "demo", "--mechanism", "example"))["reward_budget"]
    named = _example(as_json("compare", "demo", "--mechanism", "example", "--set", "example:model-threshold=50"))
    bare = _example(as_json("compare", "demo", "--mechanism", "example", "--set", "model-threshold=50"))
    score = as_json("score", "demo", "--mechanism", "example", "--set", "model-threshold=50", "--period", "2024")
    assert (base, named["reward_budget"], bare["reward_budget"]) == (0.0, 220000.0, 220000.0)
    assert named["reward_budget"] == sum(sum(t["budget"].values()) for t in score["tiers"])
    r = run("compare", "demo", "--mechanism", "example", "--set", "nope:model-threshold=1", "--lang", "en")
    assert r.exit_code == 2 and "'nope' is not among the mechanisms compared (example)" in r.stderr
    r = run("compare", "demo", "--mechanism", "example", "--set", "no-such=1", "--lang", "en")
    assert r.exit_code == 2 and "no mechanism compared has the assumption 'no-such'" in r.stderr


def test_compare_takes_the_scenario_options_of_simulate() -> None:
    opts = ("--runs", "3", "--seed", "2", "--deadline", "5", "--compliance", "0.5", "--days", "120",
            "--workers", "1")
    mine = _example(as_json("compare", "demo", "--mechanism", "example", "--simulate", *opts))["simulated"]
    alone = as_json("simulate", "demo", "--mechanism", "example", *opts)
    year = {s["metric"]: s for s in alone["summary"] if s["period"] == "all" and s["role"] == ""}
    assert mine["deadline_days"] == alone["deadline"] == 5 and alone["days"] == 120
    assert mine["found_within_deadline"] == year["found_within_deadline"]["mean"]
    assert mine["delay_mean"] == year["delay_mean"]["mean"]
    r = run("compare", "demo", "--mechanism", "example", "--deadline", "5", "--lang", "en")
    assert r.exit_code == 2 and "--deadline set the Monte Carlo scenario: add --simulate" in r.stderr
    r = run("compare", "demo", "--mechanism", "example", "--simulate", "--turnover", "nobody=0.5", "--lang", "en")
    assert r.exit_code == 2 and "scenario names unknown role(s) nobody" in r.stderr


def test_report_takes_data_and_the_day(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    ok("report", "demo", "--mechanism", "example", "--on", "2024-06-01", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert "按 2024-06-01 当日在岗的包保关系" in html
    ok("report", "demo", "--mechanism", "example", "--all-dates", "-o", str(out), "--force", "--lang", "en")
    assert "every assignment ever held counted" in out.read_text(encoding="utf-8")


def test_data_first_and_a_key_where_data_should_be() -> None:
    r = run("compare", "example", "--lang", "en")
    assert r.exit_code == 2 and "DATA comes first: `mechanisms compare DATA --mechanism example`" in r.stderr
    r = run("compare", "--lang", "en")
    assert r.exit_code == 2 and "give DATA" in r.stderr


def test_workers_default_to_one_per_core_everywhere() -> None:
    for command in (compare_cmd, report_cmd, simulate, sweep_cmd):
        workers = next(p for p in command.params if p.name == "workers")
        assert workers.default is None, command.name  # None: one process per core
        assert "default: one per core" in (workers.help or ""), command.name


# ------------------------------------------------------------------ a mechanism without a policy


def test_a_mechanism_without_a_policy_is_compared_and_marked(no_policy: str, tmp_path: Path) -> None:
    doc = as_json("compare", "demo", "--mechanism", "no-policy", "--mechanism", "example", "--mechanism-file", no_policy)
    mine = next(m for m in doc["mechanisms"] if m["key"] == "no-policy")
    # the demo's assignments are all tagged example: none is this mechanism's, so nothing is covered — no error
    assert (mine["staffing"], mine["staffed_by_policy"], mine["assignments"], mine["chain_share"]) == \
        ("own-no-policy", False, 0, 0.0)
    assert _example(doc)["staffing"] == "own"
    table = ok("compare", "demo", "--mechanism", "no-policy", "--mechanism-file", no_policy).stdout
    assert "县里现有（该机制没有配置政策）" in table
    assert "注：无配置政策的机制 没有配置政策，按县里现有的包保关系比较" in table
    out = tmp_path / "r.html"
    r = ok("report", "demo", "--mechanism", "no-policy", "--mechanism-file", no_policy, "-o", str(out), "--lang", "en")
    assert "A mechanism without a policy state(s) no staffing policy" in r.stderr
    assert "the county's own as they are (the mechanism has no staffing policy)" in out.read_text(encoding="utf-8")
    sim = ok("compare", "demo", "--mechanism", "no-policy", "--mechanism-file", no_policy, "--simulate", "--runs", "2",
             "--workers", "1", "--format", "json")
    assert json.loads(sim.stdout)["mechanisms"][0]["simulated"]["runs"] == 2


def test_a_mechanism_without_a_policy_uses_the_county_s_own_assignments(untagged: str, no_policy: str) -> None:
    mine = as_json("compare", untagged, "--mechanism-file", no_policy, "--mechanism", "no-policy",
                   "--on", "2024-12-01")["mechanisms"][0]
    assert (mine["staffing"], mine["chain_share"], mine["gaps"]) == ("own", 1.0, 0)
    r = run("coverage", "demo", "--mechanism-file", no_policy, "--format", "json")
    assert r.exit_code == 0 and "该机制也没有配置政策，按县里现有的包保关系计算" in r.stderr
    assert json.loads(r.stdout)["chain_complete_households"] == 0


def test_the_report_names_the_gaps_and_the_roles_no_rule_checks(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    ok("report", "demo", "--mechanism", "example", "-o", str(out), "--lang", "en")
    html = out.read_text(encoding="utf-8")
    assert "Gaps (the 10 leaving most households unreached, each mechanism)" in html
    assert '{"name": "示例丙街道示例4村", "id": "T3V4"}, {"zh": "县直部门包村", "en": "department for a village"}, 26]' in html
    assert '{"name": "示**", "id": "T2V3G3H06"}' in html and "示例户T2V3G3-06" not in html  # a household: a person
    assert ("no coverage rule names township cadre for a village, village cadre for a group; their units are not "
            "checked for gaps.") in html
