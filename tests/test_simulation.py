"""The simulation model: agrees with the static coverage engine, with analytic delays and turnover; scenarios."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import attrs
import numpy as np
import pytest

from mechanisms import (
    AssignmentPolicy,
    DataError,
    Label,
    Mechanism,
    OrgStructure,
    Role,
    StaffingRule,
    Unit,
    UsageError,
    demo_county,
)
from mechanisms.county.generate import generate_structure
from mechanisms.county.staffing import staff
from mechanisms.coverage import coverage_report
from mechanisms.model.campaign import Action, Campaign, RelativeDeadline, Task
from mechanisms.model.schedule import Frequency
from mechanisms.model.shape import CountyShape
from mechanisms.plugins.builtin import builtin_mechanisms
from mechanisms.simulation import PerRole, Scenario, load_scenario, prepare, scenario_from_dict, simulate

EXAMPLE = builtin_mechanisms()[0]
STILL = Scenario(turnover=0, compliance=1)


def _county(households: int, *, rows: bool | None = None, seed: int = 1) -> OrgStructure:
    shape = CountyShape(Label("测", "test"), towns=4, villages=24, households=households, groups_per_village=3)
    return staff(generate_structure(shape, seed=seed, household_rows=rows), EXAMPLE, seed=seed)


def _value(table, metric: str, role: str = "", period: str = "all") -> float:  # type: ignore[no-untyped-def]
    hit = table.where(metric=metric, role=role, period=period)
    assert len(hit) == 1, (metric, role, period, len(hit))
    return float(hit["value"][0])


# ---- agreement with the static coverage engine


@pytest.mark.parametrize("rows", [True, False])
def test_no_turnover_and_full_compliance_give_the_static_coverage(rows: bool) -> None:
    county = _county(3000, rows=rows)
    report = coverage_report(county, EXAMPLE)
    table = simulate(county, EXAMPLE, STILL, seed=5)
    for rc in report.roles:
        assert _value(table, "coverage", rc.role) == pytest.approx(rc.share, abs=1e-12)
        for month in ("2024-01", "2024-07", "2024-12"):
            assert _value(table, "coverage", rc.role, month) == pytest.approx(rc.share, abs=1e-12)
    assert _value(table, "chain_complete") == pytest.approx(report.chain_share, abs=1e-12)
    assert _value(table, "vacancy", "party-member") == 0.0


def test_gaps_in_a_real_county_stay_gaps() -> None:
    demo = demo_county()
    report = coverage_report(demo, EXAMPLE)
    table = simulate(demo, EXAMPLE, STILL, seed=1)
    shares = {r.role: r.share for r in report.roles}
    assert min(s for s in shares.values() if s is not None) < 1.0  # the demo county has gaps
    for role, share in shares.items():
        assert _value(table, "coverage", role) == pytest.approx(share, abs=1e-12)
    assert _value(table, "chain_complete") == pytest.approx(report.chain_share, abs=1e-12)


# ---- analytic checks on a one-role mechanism: each group visited by its one visitor


def _one_role(interval_days: int) -> Mechanism:
    role = Role("visitor", Label("走访人", "visitor"), "group", ("cadre",), visits=Frequency(1, "day"))
    return Mechanism("one", Label("一", "one"), Label("县", "county"), roles=(role,),
                     policy=AssignmentPolicy((StaffingRule("visitor", "cadre"),)))


def _groups(n_groups: int, households: int) -> OrgStructure:
    units = [Unit("C", "县", "county"), Unit("T", "镇", "town", "C"), Unit("V", "村", "village", "T")]
    units += [Unit(f"G{i}", f"组{i}", "group", "V", households=households) for i in range(n_groups)]
    return OrgStructure(units=tuple(units))


def _early_delay(table, days: int, keep: int) -> float:  # type: ignore[no-untyped-def]
    """Mean detection delay over events of the first ``keep`` months (later ones may be cut off by the horizon)."""
    periods = [p for p in dict.fromkeys(table["period"].tolist()) if p != "all"][:keep]
    n = np.array([_value(table, "events", period=p) for p in periods])
    mean = np.array([_value(table, "delay_mean", period=p) for p in periods])
    return float((n * mean).sum() / n.sum())


@pytest.mark.parametrize(("interval", "compliance"), [(10, 1.0), (7, 0.5), (30, 0.8)])
def test_detection_delay_matches_the_fixed_interval_expectation(interval: int, compliance: float) -> None:
    mech = _one_role(interval)
    county = staff(_groups(400, 50), mech)
    days = 730
    scenario = Scenario(days=days, turnover=0, compliance=compliance, visit_interval=interval, event_rate=1.0)
    table = simulate(county, mech, scenario, seed=11)
    # arrival uniform over days, found at the first visit on or after it: U{0..T-1} + T × (misses before a hit)
    expected = (interval - 1) / 2 + interval * (1 - compliance) / compliance
    observed = _early_delay(table, days, keep=20)
    assert observed == pytest.approx(expected, rel=0.03, abs=0.05)
    if compliance == 1.0:
        # share found within a deadline N < T: (N + 1) / T; the p90 of U{0..T-1}
        deadline = 4
        t = simulate(county, mech, attrs.evolve(scenario, deadline=deadline), seed=12)
        assert _value(t, "found_within_deadline") == pytest.approx((deadline + 1) / interval, abs=0.01)
        assert _value(t, "delay_p90") == pytest.approx(0.9 * (interval - 1), abs=0.5)


def test_vacancy_follows_exponential_departures_without_successors() -> None:
    mech = _one_role(10)
    county = staff(_groups(3000, 1), mech)
    rate = 1.0
    table = simulate(county, mech, Scenario(turnover=rate, replacement_days="never", reassign="none"), seed=3)
    d = np.arange(365)
    expected = float((1 - np.exp(-rate * (d + 1) / 365)).mean())  # vacant from the day of leaving
    assert _value(table, "vacancy", "visitor") == pytest.approx(expected, abs=0.015)
    # nobody stands in, so coverage is what is left
    assert _value(table, "coverage", "visitor") == pytest.approx(1 - expected, abs=0.015)


def test_steady_state_vacancy_with_successors() -> None:
    mech = _one_role(10)
    county = staff(_groups(3000, 1), mech)
    rate, delay = 2.0, 60
    table = simulate(county, mech, Scenario(days=1460, turnover=rate, replacement_days=delay, reassign="none"), seed=4)
    # a renewal process: filled for 365/rate days on average, then vacant for `delay`
    steady = delay / (365 / rate + delay)
    assert _value(table, "vacancy", "visitor", "2027-06") == pytest.approx(steady, abs=0.03)


def test_stand_ins_keep_coverage_and_carry_the_load() -> None:
    county = _county(4000, rows=False)
    base = Scenario(turnover=1.0, replacement_days="never", compliance=1)
    out = {policy: simulate(county, EXAMPLE, attrs.evolve(base, reassign=policy), seed=9)
           for policy in ("none", "remaining", "least-loaded-in-town")}
    cov = {p: _value(t, "coverage", "party-member") for p, t in out.items()}
    # the same departures under every policy (the draws do not depend on it): stand-ins can only help
    assert _value(out["none"], "vacancy", "party-member") == _value(out["remaining"], "vacancy", "party-member")
    assert cov["none"] < cov["remaining"] <= cov["least-loaded-in-town"]
    assert cov["least-loaded-in-town"] > 0.99
    load = {p: _value(t, "load_max", "party-member") for p, t in out.items()}
    assert load["none"] <= 15 < load["remaining"]
    # a town-level role's stand-in comes from another town (the same town has no other county leader)
    assert _value(out["least-loaded-in-town"], "coverage", "county-leader") > _value(out["none"], "coverage",
                                                                                      "county-leader")


def test_found_share_and_delay_worsen_with_missed_visits() -> None:
    county = _county(3000, rows=False)
    good = simulate(county, EXAMPLE, Scenario(compliance=1.0, deadline=3), seed=2)
    bad = simulate(county, EXAMPLE, Scenario(compliance=0.3, deadline=3), seed=2)
    assert _value(bad, "delay_mean") > _value(good, "delay_mean")
    assert _value(bad, "found_within_deadline") < _value(good, "found_within_deadline")
    assert _value(bad, "visits", "party-member") < _value(good, "visits", "party-member")


def test_tidy_table_shape() -> None:
    table = simulate(_county(600), EXAMPLE, Scenario(), seed=1, run=7)
    assert table.names == ("run", "period", "metric", "role", "value")
    assert set(table["run"].tolist()) == {7}
    periods = list(dict.fromkeys(table["period"].tolist()))
    assert periods == [f"2024-{m:02d}" for m in range(1, 13)] + ["all"]
    assert set(table.where(metric="coverage")["role"].tolist()) == set(EXAMPLE.role_keys)
    # the department role states no visit frequency: no visits row
    assert "department" not in set(table.where(metric="visits")["role"].tolist())
    assert not np.isnan(table["value"]).any()
    q = simulate(_county(600), EXAMPLE, Scenario(period="quarter", days=200, start="2024-03-01"), seed=1)
    assert list(dict.fromkeys(q["period"].tolist())) == ["2024Q1", "2024Q2", "2024Q3", "all"]


def test_same_seed_same_table_and_prepared_county_is_reusable() -> None:
    county = _county(800)
    sim = prepare(county, EXAMPLE)
    a = simulate(county, EXAMPLE, Scenario(), seed=3)
    assert a.equals(simulate(sim, EXAMPLE, Scenario(), seed=3))
    assert not a.equals(simulate(sim, EXAMPLE, Scenario(), seed=4))
    with pytest.raises(UsageError, match="prepared county is for"):
        simulate(sim, _one_role(3), Scenario())


# ---- scenarios


def test_scenario_converters_and_per_role_values() -> None:
    s = Scenario(turnover={"party-member": 0.3, "*": 0.05}, replacement_days={"county-leader": "never"},
                 start="2025-02-01", deadline="15")
    assert s.start == dt.date(2025, 2, 1) and s.deadline == 15
    assert s.role_value("turnover", "party-member") == 0.3 and s.role_value("turnover", "other") == 0.05
    assert s.role_value("replacement_days", "county-leader") == math.inf
    assert s.role_value("replacement_days", "party-member") == 60.0  # the field default fills unnamed roles
    assert s.role_value("compliance", "x") == 0.9 and s.role_value("visit_interval", "x") is None
    t = s.with_param("turnover.party-member", "0.5").with_param("compliance", "0.7").with_param("turnover.*", 0.2)
    assert t.turnover == PerRole(0.2, (("party-member", 0.5),)) and t.compliance == PerRole(0.7)
    assert scenario_from_dict(s.to_dict()) == s
    for bad in ({"compliance": 1.5}, {"days": 0}, {"reassign": "random"}, {"turnover": -1}, {"period": "decade"}):
        with pytest.raises(DataError):
            scenario_from_dict(bad)
    with pytest.raises(UsageError, match="unknown scenario parameter"):
        s.with_param("turnovr", 1)
    with pytest.raises(UsageError, match="unknown role"):
        simulate(_county(300), EXAMPLE, Scenario(turnover={"party-membr": 0.2}))


def test_scenario_files(tmp_path: Path) -> None:
    toml = tmp_path / "s.toml"
    toml.write_text('days = 180\nreassign = "none"\n[turnover]\n"*" = 0.2\nparty-member = 0.4\n', encoding="utf-8")
    s = load_scenario(toml)
    assert (s.days, s.reassign, s.role_value("turnover", "party-member"), s.role_value("turnover", "x")) == \
        (180, "none", 0.4, 0.2)
    yaml = tmp_path / "s.yaml"
    yaml.write_text("scenario:\n  compliance: 0.5\n  event_rate: 2\n", encoding="utf-8")
    assert load_scenario(yaml) == Scenario(compliance=0.5, event_rate=2.0)
    bad = tmp_path / "bad.toml"
    bad.write_text("complience = 0.5\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad\.toml.*extra fields"):
        load_scenario(bad)


def test_a_scenario_file_reports_every_problem_at_once(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text('days = 0\nreassign = "random"\ncompliance = "lots"\nfoo = 1\n[turnover]\n"*" = -1\n', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_scenario(bad)
    lines = [str(p) for p in caught.value.problems]
    assert lines == [
        f"{bad}, field 'scenario.compliance': value: expected a number, got 'lots'",
        f"{bad}, field 'scenario': extra fields found (foo)",
        f"{bad}, field 'scenario.days': days must be at least 1, got 0",
        f"{bad}, field 'scenario.reassign': reassign must be one of remaining, least-loaded-in-town, nearest, optimal, "
        "none, got 'random'",
        f"{bad}, field 'scenario.turnover': turnover[*] = -1.0 is out of range",
    ]


def test_deadline_comes_from_the_mechanism_where_it_states_one() -> None:
    task = Task("identify", Label("识别", "identify"),
                within=(RelativeDeadline("identified", "clue", 15), RelativeDeadline("entered", "identified", 10)))
    campaign = Campaign("c", Label("行动", "campaign"), dt.date(2024, 3, 1),
                        actions=(Action("a", Label("一", "one"), tasks=(task,)),))
    mech = _one_role(10)
    stated = Mechanism(**{**{f: getattr(mech, f) for f in ("key", "name", "county", "roles", "policy")},
                          "campaign": campaign})
    assert Scenario().deadline_for(stated) == 15
    assert Scenario().deadline_for(mech) == 30
    assert Scenario(deadline=5).deadline_for(stated) == 5
    county = staff(_groups(50, 10), stated)
    fast = simulate(county, stated, Scenario(visit_interval=20, event_rate=5, turnover=0, compliance=1), seed=1)
    # visits every 20 days, 15 days allowed: (15 + 1) / 20 of events are found in time
    assert _value(fast, "found_within_deadline") == pytest.approx(16 / 20, abs=0.03)
