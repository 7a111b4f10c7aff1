"""Campaign status worked by hand: phases, due/overdue by the day, recurring and cascaded tasks, milestones,
the reporting calendar, and Xunyi's 15 + 10-day rule."""

from __future__ import annotations

import datetime as dt

import pytest

from mechanisms import Actor, Assignment, County, Label, Mechanism, Observation, OrgStructure, Unit
from mechanisms.county.records import Event
from mechanisms.model.campaign import Action, Campaign, Milestone, Phase, RelativeDeadline, ReportingEvent, Target, Task
from mechanisms.model.indicators import IndicatorDef
from mechanisms.model.schedule import Schedule
from mechanisms.year.campaign_status import OccurrenceState, campaign_status, current_phase, reporting_calendar, task_status

D = dt.date
L = Label("x", "x")

PLAN = Task("plan", L, deadline=D(2024, 4, 30))
VILLAGE_PLAN = Task("village-plan", L, owner_role="cadre", deadline=D(2024, 3, 31), cascade_level="village")
REPORT = Task("report", L, due=Schedule("month", day=25))
RISK = Task("risk", L, within=(RelativeDeadline("identified", "clue", 15), RelativeDeadline("entered", "identified", 10)))
CAMPAIGN = Campaign(
    "c", L, D(2024, 3, 1), D(2024, 12, 31),
    phases=(Phase("mobilise", L, D(2024, 3, 1), D(2024, 4, 3)), Phase("implement", L, D(2024, 4, 4), D(2024, 10, 31)),
            Phase("consolidate", L, D(2024, 11, 1), D(2024, 12, 31))),
    actions=(Action("a", L, (PLAN, VILLAGE_PLAN, REPORT, RISK)),),
    milestones=(Milestone("spend-30", L, D(2024, 4, 30), Target(30.0, "%", ">=", "spend-rate")),
                Milestone("spend-50", L, D(2024, 6, 30), Target(50.0, "%", ">=", "spend-rate")),
                Milestone("spend-75", L, D(2024, 9, 30), Target(75.0, "%", ">=", "spend-rate")),
                Milestone("accepted", L, D(2024, 11, 30), Target(60.0, "houses"))),
    reporting=(ReportingEvent("bulletin", L, Schedule("month")),
               ReportingEvent("dispatch", L, Schedule("month", months=(5, 8, 11))),
               ReportingEvent("half-year", L, Schedule("month", months=(6,))),
               ReportingEvent("year-end", L, Schedule("year"))),
)
MECH = Mechanism("t", L, L, campaign=CAMPAIGN, indicators=(
    IndicatorDef("spent", L), IndicatorDef("budget", L),
    IndicatorDef("spend-rate", L, "%", numerator="spent", denominator="budget", factor=100.0)))
UNITS = (Unit("C", "县", "county"), Unit("T", "镇", "town", "C"),
         *(Unit(f"V{i}", f"{i}村", "village", "T", households=10) for i in (1, 2, 3)))


def county(*events: Event) -> County:
    s = OrgStructure(UNITS, (Actor("A3", "干部3", "cadre"),), (Assignment("A3", "cadre", "V3"),))
    obs = (Observation("C", "spent", "2024-04", 290.0), Observation("C", "budget", "2024-04", 1000.0),
           Observation("C", "spent", "2024-06", 520.0), Observation("C", "budget", "2024-06", 1000.0))
    return County(s, obs, events=events)


def done(task: str, day: dt.date, unit: str = "C") -> Event:
    return Event(unit, "done", day, task=task)


def occ(task: Task, on: dt.date, c: County | None) -> list[tuple[str | None, dt.date, OccurrenceState, dt.date | None, int]]:
    st = task_status(task, "a", CAMPAIGN, on, c)
    return [(o.unit, o.due, o.state, o.done, o.days_late) for o in st.occurrences]


def test_a_task_is_overdue_exactly_one_day_after_its_deadline_and_not_on_it() -> None:
    c = county(done("plan", D(2024, 6, 15)))  # done in the end, which is not known before 15 June
    assert occ(PLAN, D(2024, 4, 29), c) == [(None, D(2024, 4, 30), "pending", None, 0)]
    assert occ(PLAN, D(2024, 4, 30), c) == [(None, D(2024, 4, 30), "due", None, 0)]
    assert occ(PLAN, D(2024, 5, 1), c) == [(None, D(2024, 4, 30), "overdue", None, 1)]
    assert occ(PLAN, D(2024, 5, 31), c) == [(None, D(2024, 4, 30), "overdue", None, 31)]
    assert occ(PLAN, D(2024, 6, 15), c) == [(None, D(2024, 4, 30), "done-late", D(2024, 6, 15), 46)]


def test_a_task_without_any_record_is_untracked_not_overdue() -> None:
    st = task_status(PLAN, "a", CAMPAIGN, D(2024, 5, 1), county(done("report", D(2024, 3, 20))))
    assert not st.tracked
    assert [(o.state, o.days_late) for o in st.occurrences] == [("no-records", 0)]
    assert occ(PLAN, D(2024, 4, 30), county()) == [(None, D(2024, 4, 30), "due", None, 0)]


def test_done_on_the_deadline_is_on_time_and_the_day_after_is_late() -> None:
    assert occ(PLAN, D(2024, 6, 1), county(done("plan", D(2024, 4, 30)))) == \
        [(None, D(2024, 4, 30), "done", D(2024, 4, 30), 0)]
    assert occ(PLAN, D(2024, 6, 1), county(done("plan", D(2024, 5, 1)))) == \
        [(None, D(2024, 4, 30), "done-late", D(2024, 5, 1), 1)]
    # the record of 2 May is not known yet on 1 May
    assert occ(PLAN, D(2024, 5, 1), county(done("plan", D(2024, 5, 2)))) == [(None, D(2024, 4, 30), "overdue", None, 1)]
    # without records nothing can be said to be overdue
    assert occ(PLAN, D(2024, 5, 1), None) == [(None, D(2024, 4, 30), "no-records", None, 0)]


def test_a_recurring_task_settles_oldest_first() -> None:
    c = county(done("report", D(2024, 3, 20)), done("report", D(2024, 4, 28)), done("report", D(2024, 6, 20)))
    assert occ(REPORT, D(2024, 6, 26), c) == [
        (None, D(2024, 3, 25), "done", D(2024, 3, 20), 0),
        (None, D(2024, 4, 25), "done-late", D(2024, 4, 28), 3),
        (None, D(2024, 5, 25), "done-late", D(2024, 6, 20), 26),  # June's report settles May first
        (None, D(2024, 6, 25), "overdue", None, 1),
        (None, D(2024, 7, 25), "pending", None, 0),  # the next one, for information
    ]
    st = task_status(REPORT, "a", CAMPAIGN, D(2024, 6, 26), c)
    assert (st.due_so_far, st.count("overdue"), st.max_days_late, st.next_due) == (4, 1, 1, D(2024, 7, 25))


def test_a_cascaded_task_is_owed_by_every_unit_of_its_level() -> None:
    c = county(done("village-plan", D(2024, 3, 30), "V1"), done("village-plan", D(2024, 4, 2), "V2"))
    st = task_status(VILLAGE_PLAN, "a", CAMPAIGN, D(2024, 4, 5), c)
    assert (st.units, st.tracked, st.due_so_far) == (3, True, 3)
    assert [(o.unit, o.state, o.days_late, o.owners) for o in st.occurrences] == [
        ("V1", "done", 0, ()), ("V2", "done-late", 2, ()), ("V3", "overdue", 5, ("A3",))]


@pytest.mark.parametrize(("on", "key", "phase_state"), [
    (D(2024, 2, 29), None, "before"), (D(2024, 3, 1), "mobilise", "in-phase"), (D(2024, 4, 3), "mobilise", "in-phase"),
    (D(2024, 4, 4), "implement", "in-phase"), (D(2024, 12, 31), "consolidate", "in-phase"), (D(2025, 1, 1), None, "after"),
])
def test_the_phase_on_a_day(on: dt.date, key: str | None, phase_state: str) -> None:
    phase, state = current_phase(CAMPAIGN, on)
    assert (phase.key if phase else None, state) == (key, phase_state)


def test_milestones_on_the_county_total() -> None:
    c = county()
    before = {m.milestone.key: m for m in campaign_status(CAMPAIGN, D(2024, 4, 29), c, MECH).milestones}
    assert before["spend-30"].state == "pending"
    assert before["spend-30"].value == pytest.approx(29.0)  # what is known so far
    st = {m.milestone.key: m for m in campaign_status(CAMPAIGN, D(2024, 7, 1), c, MECH).milestones}
    assert (st["spend-30"].state, st["spend-30"].period) == ("missed", "2024-04")
    assert st["spend-30"].value == pytest.approx(29.0)
    assert st["spend-50"].state == "met" and st["spend-50"].value == pytest.approx(52.0)
    assert st["spend-75"].state == "pending"
    late = {m.milestone.key: m for m in campaign_status(CAMPAIGN, D(2024, 12, 31), c, MECH).milestones}
    assert (late["spend-75"].state, late["spend-75"].period) == ("no-data", "2024-09")  # no September figures
    assert late["accepted"].state == "missed"  # no indicator: needs a done record by 30 November
    ok = campaign_status(CAMPAIGN, D(2024, 12, 31), county(done("accepted", D(2024, 11, 30))), MECH)
    assert ok.milestones[-1].state == "met"


def test_the_reporting_calendar() -> None:
    q2 = [(r.key, r.date) for r in reporting_calendar(CAMPAIGN, "2024Q2")]
    assert q2 == [("bulletin", D(2024, 4, 30)), ("bulletin", D(2024, 5, 31)), ("dispatch", D(2024, 5, 31)),
                  ("bulletin", D(2024, 6, 30)), ("half-year", D(2024, 6, 30))]
    assert [(r.key, r.date) for r in reporting_calendar(CAMPAIGN, "2024-12")] == \
        [("bulletin", D(2024, 12, 31)), ("year-end", D(2024, 12, 31))]
    assert reporting_calendar(CAMPAIGN, "2024-02") == ()  # before the campaign


def risk(case: str, *steps: tuple[str, dt.date]) -> list[Event]:
    return [Event("V1", kind, day, subject=case) for kind, day in steps]


def test_the_fifteen_plus_ten_day_rule() -> None:
    events = [
        *risk("A", ("clue", D(2024, 5, 1)), ("identified", D(2024, 5, 16)), ("entered", D(2024, 5, 26))),
        *risk("B", ("clue", D(2024, 5, 1)), ("identified", D(2024, 5, 17)), ("entered", D(2024, 5, 27))),
        *risk("C", ("clue", D(2024, 5, 1)), ("identified", D(2024, 5, 10)), ("entered", D(2024, 5, 21))),
        *risk("D", ("clue", D(2024, 5, 1))),
        *risk("E", ("clue", D(2024, 6, 1)), ("identified", D(2024, 6, 5))),
    ]
    c = county(*events)

    def cases(on: dt.date) -> dict[tuple[str, str], tuple[str, int]]:
        st = campaign_status(CAMPAIGN, on, c, MECH)
        return {(d.case, d.rule.event): (d.state, d.days_late) for d in st.deadlines}

    on = cases(D(2024, 6, 15))
    assert on[("A", "identified")] == ("on-time", 0)  # day 15 is still on time
    assert on[("A", "entered")] == ("on-time", 0)  # 10 days after identification
    assert on[("B", "identified")] == ("late", 1)
    assert on[("B", "entered")] == ("on-time", 0)  # counted from the actual identification
    assert on[("C", "identified")] == ("on-time", 0)
    assert on[("C", "entered")] == ("late", 1)  # due 20 May
    assert on[("D", "identified")] == ("overdue", 30)  # due 16 May
    assert ("D", "entered") not in on  # its clock has not started
    assert on[("E", "entered")] == ("open", 0)  # due 15 June: still open on the day
    assert cases(D(2024, 6, 16))[("E", "entered")] == ("overdue", 1)
    early = cases(D(2024, 5, 16))
    assert early[("D", "identified")] == ("open", 0)
    assert cases(D(2024, 5, 17))[("D", "identified")] == ("overdue", 1)
    assert ("E", "identified") not in early  # not yet known


def test_events_are_checked_for_their_unit_and_round_trip(tmp_path: object) -> None:
    from pathlib import Path

    from mechanisms import load_county, validate_county, write_county

    c = county(Event("V1", "done", D(2024, 3, 30), task="village-plan"), Event("V9", "clue", D(2024, 5, 1), "R1"))
    problems = validate_county(c)
    assert [(p.file, p.row, p.field) for p in problems] == [("events", 2, "unit")]
    ok = county(Event("V1", "done", D(2024, 3, 30), task="village-plan", note="按时"), Event("V2", "clue", D(2024, 5, 1), "R1"))
    for name, chinese in (("csv", True), ("c.xlsx", False), ("c.json", False)):
        path = write_county(ok, Path(str(tmp_path)) / name, chinese_headers=chinese)
        assert load_county(path).events == ok.events
