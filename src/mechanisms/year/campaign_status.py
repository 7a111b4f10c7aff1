"""A campaign on a given day: phase, tasks due/done/overdue, milestones, reporting calendar, relative deadlines.

What counts, so every status can be checked by hand:

- A task occurrence is *due* on its deadline (or each date its ``due`` schedule falls on,
  within the campaign). On that day it is still on time; it is *overdue* from the next day,
  by (day − due) days. A ``done`` event naming the task settles it: on time if dated on or
  before the due date, else *done late* by (done − due) days.
- Completion records of a recurring task settle its occurrences oldest first (a report filed
  late for May settles May, not June), per owing unit.
- A task with ``cascade_level`` is owed separately by every unit of that level; its ``done``
  events must name the unit. Other tasks are owed once, and a ``done`` event on any unit settles them.
- Only events dated on or before the status day are seen: the status is what was known then.
- A task with no ``done`` record anywhere in the county's events is *untracked*: the county
  keeps no ledger for it, so its past occurrences show ``no-records`` — never ``overdue``
  on no evidence. The same holds when no county data is given at all.
- A milestone on an indicator is checked at the county root, on the period (of the finest
  kind the indicator is observed in) that holds the milestone date; before that date it is
  *pending*. A milestone without an indicator is met by a ``done`` event naming it by its date.
- A relative deadline (identified within 15 days of the clue) starts at the first ``after``
  event of each case (``subject``, else unit) and is met by the first ``event`` of that case
  on or before start + days. A chained rule (entered within 10 days of identification)
  starts from the actual identification, so a late step does not shift the blame onto the next.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from ..county.records import DONE, County, Event
from ..model.campaign import Campaign, Milestone, Phase, RelativeDeadline, Task
from ..model.labels import Label
from ..model.mechanism import Mechanism
from ..model.periods import Period, schedule_dates
from .indicator_values import IndicatorValues, compare

OccurrenceState = Literal["done", "done-late", "overdue", "due", "pending", "no-records"]
MilestoneState = Literal["met", "missed", "pending", "no-data"]
CaseState = Literal["on-time", "late", "overdue", "open"]
PhaseState = Literal["before", "in-phase", "between", "after"]


@attrs.frozen
class Occurrence:
    """One time a task is owed: by ``unit`` (``None``: owed once, campaign-wide) on ``due``.

    ``days_late``: for ``done-late`` the days from due to done; for ``overdue`` the days
    from due to the status day; otherwise 0.
    """

    task: str
    unit: str | None
    due: dt.date
    state: OccurrenceState
    done: dt.date | None = None
    days_late: int = 0
    owners: tuple[str, ...] = ()


@attrs.frozen
class TaskStatus:
    task: Task
    action: str
    occurrences: tuple[Occurrence, ...]
    """Every occurrence due on or before the day, plus the next one not yet due (per unit). For an
    untracked task, one schedule stands for every unit (``unit`` is ``None``)."""
    units: int = 1
    """How many units owe the task (1 unless cascaded)."""
    tracked: bool = True
    """Whether the county keeps completion records for this task (see the module's rules)."""
    due_so_far: int = 0
    """Occurrences fallen due on or before the day, over all owing units."""

    def count(self, state: OccurrenceState) -> int:
        return sum(1 for o in self.occurrences if o.state == state)

    @property
    def max_days_late(self) -> int:
        return max((o.days_late for o in self.occurrences if o.state == "overdue"), default=0)

    @property
    def next_due(self) -> dt.date | None:
        return min((o.due for o in self.occurrences if o.state in ("pending", "due")), default=None)


@attrs.frozen
class MilestoneStatus:
    milestone: Milestone
    state: MilestoneState
    value: float | None = None
    period: str | None = None
    complete: bool = True
    """False when the value rolls up over units some of which did not report."""
    done: dt.date | None = None


@attrs.frozen
class ReportingDate:
    key: str
    date: dt.date
    label: Label
    owner_role: str | None = None


@attrs.frozen
class DeadlineCase:
    """One case under a relative deadline: started by ``after`` on ``start``, due ``due``."""

    task: str
    rule: RelativeDeadline
    case: str
    unit: str
    start: dt.date
    due: dt.date
    state: CaseState
    done: dt.date | None = None
    days_late: int = 0


@attrs.frozen
class CampaignStatus:
    campaign: Campaign
    on: dt.date
    phase: Phase | None
    phase_state: PhaseState
    tasks: tuple[TaskStatus, ...]
    milestones: tuple[MilestoneStatus, ...]
    reporting: tuple[ReportingDate, ...]
    reporting_period: Period
    deadlines: tuple[DeadlineCase, ...]
    has_records: bool

    @property
    def overdue(self) -> tuple[Occurrence, ...]:
        return tuple(o for t in self.tasks for o in t.occurrences if o.state == "overdue")


# ------------------------------------------------------------------ phases and calendar

def current_phase(campaign: Campaign, on: dt.date) -> tuple[Phase | None, PhaseState]:
    """The phase holding ``on`` (the first if phases overlap), and where ``on`` sits in the campaign."""
    for p in campaign.phases:
        if p.start <= on and (p.end is None or on <= p.end):
            return p, "in-phase"
    if on < campaign.start:
        return None, "before"
    if campaign.end is not None and on > campaign.end:
        return None, "after"
    ends = [p.end for p in campaign.phases if p.end is not None]
    if campaign.phases and ends and len(ends) == len(campaign.phases) and on > max(ends):
        return None, "after"
    return None, "between"


def reporting_calendar(campaign: Campaign, period: Period | str) -> tuple[ReportingDate, ...]:
    """Reports and reviews that fall in ``period`` (and within the campaign), by date."""
    p = Period.parse(period)
    start = max(p.start, campaign.start)
    end = min(p.end, campaign.end) if campaign.end else p.end
    out = [ReportingDate(r.key, d, r.label, r.owner_role)
           for r in campaign.reporting for d in schedule_dates(r.schedule, start, end)]
    return tuple(sorted(out, key=lambda r: (r.date, r.key)))


def due_dates(task: Task, campaign: Campaign, on: dt.date | None = None) -> list[dt.date]:
    """Every date a task falls due: its deadline, or its schedule within the campaign (up to the deadline).

    An open-ended campaign (常态化) is followed to a year past ``on`` (or its start), enough to
    find the next date due.
    """
    if task.due is not None:
        horizon = max(on or campaign.start, campaign.start) + dt.timedelta(days=366)
        end = campaign.end or horizon
        if task.deadline is not None:
            end = min(end, task.deadline)
        return schedule_dates(task.due, campaign.start, end)
    return [task.deadline] if task.deadline is not None else []


# ------------------------------------------------------------------ tasks

def _settle(task: str, unit: str | None, dues: Sequence[dt.date], done: Sequence[dt.date], on: dt.date,
            known: bool, owners: tuple[str, ...]) -> list[Occurrence]:
    """Match completion dates to due dates oldest first; keep occurrences due by ``on`` plus the next one."""
    out: list[Occurrence] = []
    pool = sorted(done)
    next_kept = False
    for due in dues:
        if due > on and next_kept:
            break
        if pool:
            d = pool.pop(0)
            state: OccurrenceState = "done" if d <= due else "done-late"
            out.append(Occurrence(task, unit, due, state, d, max(0, (d - due).days), owners))
        elif due > on:
            out.append(Occurrence(task, unit, due, "pending", owners=owners))
        elif due == on:
            out.append(Occurrence(task, unit, due, "due", owners=owners))
        elif not known:
            out.append(Occurrence(task, unit, due, "no-records", owners=owners))
        else:
            out.append(Occurrence(task, unit, due, "overdue", days_late=(on - due).days, owners=owners))
        if due > on:
            next_kept = True
    return out


def _owner_index(county: County, role: str | None, on: dt.date) -> dict[str, set[str]]:
    """Unit → actors holding ``role`` on it on ``on`` (built once per task, not once per owing unit)."""
    index: dict[str, set[str]] = defaultdict(set)
    if role is not None:
        for a in county.structure.assignments:
            if a.role == role and a.active_on(on):
                index[a.unit].add(a.actor)
    return index


def _owners(county: County, index: dict[str, set[str]], unit: str) -> tuple[str, ...]:
    """Actors holding the task's owner role on the unit or any unit above it."""
    if not index:
        return ()
    chain = [unit, *(a.id for a in county.structure.ancestors(unit))]
    return tuple(sorted({actor for u in chain for actor in index.get(u, ())}))


def task_status(task: Task, action: str, campaign: Campaign, on: dt.date, county: County | None) -> TaskStatus:
    """One task on ``on``: its occurrences per owing unit, settled against the county's ``done`` events."""
    dues = due_dates(task, campaign, on)
    fallen = sum(1 for d in dues if d <= on)
    recorded = [e for e in (county.events if county else ()) if e.event == DONE and e.task == task.key]
    events = [e for e in recorded if e.date <= on]
    known = bool(recorded)
    if task.cascade_level is not None and county is not None:
        units = county.structure.units_at(task.cascade_level)
        if not known:  # one schedule stands for every unit: nothing tells them apart
            occ = _settle(task.key, None, dues, [], on, False, ())
            return TaskStatus(task, action, tuple(occ), len(units), False, fallen * len(units))
        by_unit: dict[str, list[dt.date]] = defaultdict(list)
        for e in events:
            by_unit[e.unit].append(e.date)
        index = _owner_index(county, task.owner_role, on)
        occ = [o for u in units
               for o in _settle(task.key, u.id, dues, by_unit.get(u.id, []), on, known, _owners(county, index, u.id))]
        return TaskStatus(task, action, tuple(occ), len(units), known, fallen * len(units))
    occ = _settle(task.key, None, dues, [e.date for e in events], on, known, ())
    return TaskStatus(task, action, tuple(occ), 1, known, fallen)


# ------------------------------------------------------------------ milestones

def milestone_status(ms: Milestone, on: dt.date, county: County | None, values: IndicatorValues | None) -> MilestoneStatus:
    """A milestone on ``on``: pending before its date, then met/missed on the county total (see the module's rules)."""
    key = ms.target.indicator
    if key is None:
        if county is None:
            return MilestoneStatus(ms, "pending" if on < ms.date else "no-data")
        done = min((e.date for e in county.events if e.event == DONE and e.task == ms.key and e.date <= on), default=None)
        if done is not None and done <= ms.date:
            return MilestoneStatus(ms, "met", done=done)
        return MilestoneStatus(ms, "pending" if on < ms.date else "missed", done=done)
    if values is None or county is None:
        return MilestoneStatus(ms, "pending" if on < ms.date else "no-data")
    root = county.structure.roots[0].id if county.structure.roots else None
    period = values.period_on(key, ms.date)
    if root is None or period is None:
        return MilestoneStatus(ms, "pending" if on < ms.date else "no-data")
    if on < ms.date:
        # not yet due: show the latest value known on the day, for information
        now = values.period_on(key, on)
        v = values.value(key, root, now) if now is not None else None
        return MilestoneStatus(ms, "pending", v.value if v else None, str(now) if now else None,
                               v.complete if v else True)
    v = values.value(key, root, period)
    if v.value is None:
        return MilestoneStatus(ms, "no-data", None, str(period), False)
    state: MilestoneState = "met" if compare(v.value, ms.target.comparison, ms.target.value) else "missed"
    return MilestoneStatus(ms, state, v.value, str(period), v.complete)


# ------------------------------------------------------------------ relative deadlines

def deadline_cases(task: Task, rule: RelativeDeadline, events: Iterable[Event], on: dt.date) -> list[DeadlineCase]:
    """Check one relative deadline against the event records of every case, as of ``on``."""
    starts: dict[str, Event] = {}
    ends: dict[str, Event] = {}
    for e in sorted(events, key=lambda e: e.date):
        if e.date > on:
            continue
        case = e.subject or e.unit
        if e.event == rule.after and case not in starts:
            starts[case] = e
        elif e.event == rule.event and case not in ends:
            ends[case] = e
    out: list[DeadlineCase] = []
    for case, ev in starts.items():
        due = ev.date + dt.timedelta(days=rule.days)
        end = ends.get(case)
        if end is not None and end.date >= ev.date:
            late = (end.date - due).days
            out.append(DeadlineCase(task.key, rule, case, ev.unit, ev.date, due,
                                    "on-time" if late <= 0 else "late", end.date, max(0, late)))
        elif on > due:
            out.append(DeadlineCase(task.key, rule, case, ev.unit, ev.date, due, "overdue", None, (on - due).days))
        else:
            out.append(DeadlineCase(task.key, rule, case, ev.unit, ev.date, due, "open"))
    return sorted(out, key=lambda c: (c.start, c.case))


# ------------------------------------------------------------------ all together

def campaign_status(campaign: Campaign, on: dt.date, county: County | None = None, mechanism: Mechanism | None = None,
                    reporting_period: Period | str | None = None) -> CampaignStatus:
    """The campaign as it stands on ``on``; without ``county`` only dates are known, not what was done."""
    phase, state = current_phase(campaign, on)
    tasks = tuple(task_status(t, a.key, campaign, on, county) for a in campaign.actions for t in a.tasks)
    values = IndicatorValues(mechanism, county) if mechanism is not None and county is not None else None
    milestones = tuple(milestone_status(ms, on, county, values) for ms in campaign.milestones)
    period = Period.parse(reporting_period) if reporting_period is not None else Period.containing(on, "month")
    cases: list[DeadlineCase] = []
    if county is not None:
        for a in campaign.actions:
            for t in a.tasks:
                for rule in t.within:
                    cases.extend(deadline_cases(t, rule, county.events, on))
    return CampaignStatus(campaign, on, phase, state, tasks, milestones, reporting_calendar(campaign, period), period,
                          tuple(cases), county is not None)


__all__ = [
    "CampaignStatus",
    "DeadlineCase",
    "MilestoneStatus",
    "Occurrence",
    "ReportingDate",
    "TaskStatus",
    "campaign_status",
    "current_phase",
    "deadline_cases",
    "due_dates",
    "milestone_status",
    "reporting_calendar",
    "task_status",
]
