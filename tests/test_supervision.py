"""The supervision loop worked by hand: deadlines, close-outs on and after them, overdue, categories, closure rates."""

from __future__ import annotations

import datetime as dt

from mechanisms import County, Label, Mechanism, OrgStructure, Unit
from mechanisms.county.records import ProblemRecord
from mechanisms.model.scoring import AccountabilityCategory, Scoring, Supervision
from mechanisms.year.supervision import categories_count, closure_rates, group_by_level, problem_status, supervise

D = dt.date
L = Label("x", "x")
MECH = Mechanism("t", L, L, scoring=Scoring(supervision=Supervision(L, rectification_days=15, categories=(
    AccountabilityCategory("inaction", Label("不作为", "not acting")),
    AccountabilityCategory("slow", Label("慢作为", "acting slowly")),
    AccountabilityCategory("false", Label("假作为", "acting falsely")),
))))
UNITS = (Unit("C", "县", "county"), Unit("T1", "甲镇", "town", "C"), Unit("T2", "乙镇", "town", "C"),
         Unit("V1", "一村", "village", "T1"), Unit("V2", "二村", "village", "T2"))
PROBLEMS = (
    ProblemRecord("P1", "V1", D(2024, 5, 1), deadline=D(2024, 5, 16), closed=D(2024, 5, 16)),  # on the deadline
    ProblemRecord("P2", "V1", D(2024, 5, 1), deadline=D(2024, 5, 16), closed=D(2024, 5, 17)),  # one day late
    ProblemRecord("P3", "V2", D(2024, 5, 1)),  # no deadline recorded: 15 days by the rule, still open
    ProblemRecord("P4", "V2", D(2024, 5, 1), deadline=D(2024, 6, 30)),  # open, not yet due
    ProblemRecord("P5", "V2", D(2024, 5, 2), deadline=D(2024, 5, 10), closed=D(2024, 5, 30), category="false"),
    ProblemRecord("P6", "T2", D(2024, 6, 1), deadline=D(2024, 6, 5)),  # found after the status day below
)
COUNTY = County(OrgStructure(UNITS), problems=PROBLEMS)


def test_each_problem_on_a_day() -> None:
    st = {s.record.id: s for s in supervise(COUNTY, D(2024, 5, 17), MECH)}
    assert "P6" not in st  # not found yet
    assert (st["P1"].state, st["P1"].days_late) == ("closed", 0)
    assert (st["P2"].state, st["P2"].days_late, st["P2"].suggested) == ("closed-late", 1, "slow")
    assert (st["P3"].deadline, st["P3"].deadline_source) == (D(2024, 5, 16), "rule")
    assert (st["P3"].state, st["P3"].days_late, st["P3"].suggested) == ("overdue", 1, "inaction")
    assert (st["P4"].state, st["P4"].days_late, st["P4"].suggested) == ("open", 0, None)
    assert (st["P5"].state, st["P5"].days_late, st["P5"].suggested) == ("overdue", 7, None)  # closed only on 30 May
    assert st["P5"].closed is None


def test_overdue_from_the_day_after_the_deadline() -> None:
    p = ProblemRecord("P", "V1", D(2024, 5, 1), deadline=D(2024, 5, 16))
    assert problem_status(p, D(2024, 5, 16)).state == "open"
    assert (problem_status(p, D(2024, 5, 17)).state, problem_status(p, D(2024, 5, 17)).days_late) == ("overdue", 1)
    no_rule = problem_status(ProblemRecord("Q", "V1", D(2024, 5, 1)), D(2025, 1, 1))
    assert (no_rule.deadline, no_rule.state) == (None, "open")  # no deadline anywhere: never overdue


def test_closure_rates_by_town_and_overall() -> None:
    st = supervise(COUNTY, D(2024, 6, 10), MECH)
    rates = {r.group: r for r in closure_rates(st, group_by_level(COUNTY, st, "town"))}
    t1, t2, everything = rates["T1"], rates["T2"], rates["all"]
    assert (t1.found, t1.closed, t1.closed_on_time, t1.closed_late, t1.open, t1.overdue) == (2, 2, 1, 1, 0, 0)
    assert (t1.closure_rate, t1.on_time_rate) == (1.0, 0.5)
    # T2: P3 overdue, P4 open (due 30 June), P5 closed late, P6 (on the town itself) overdue
    assert (t2.found, t2.closed, t2.closed_on_time, t2.closed_late, t2.open, t2.overdue) == (4, 1, 0, 1, 1, 2)
    assert t2.closure_rate == 0.25
    assert t2.on_time_rate == 0.0  # 0 closed on time of 3 that had to be settled
    assert (everything.found, everything.closed) == (6, 3)
    assert everything.on_time_rate == 1 / 5
    assert categories_count(st) == {"false": (1, 0), "inaction": (0, 2), "slow": (0, 1)}


def test_without_a_mechanism_only_recorded_deadlines_count() -> None:
    st = {s.record.id: s for s in supervise(COUNTY, D(2024, 6, 10))}
    assert (st["P3"].deadline, st["P3"].state, st["P3"].suggested) == (None, "open", None)
    assert closure_rates(st.values())[0].group == "all"
