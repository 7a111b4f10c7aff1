"""The definition side of a campaign: phases, actions, tasks, milestones and reporting cadence.

Running a campaign (status on a date, overdue tasks) lives elsewhere; this module only
says what the source document says.
"""

from __future__ import annotations

import datetime as dt

import attrs

from .indicators import Comparison
from .labels import Label
from .schedule import Schedule


@attrs.frozen
class Phase:
    """A stretch of the campaign (动员, 实施, 巩固); ``end`` ``None`` means open-ended (常态化)."""

    key: str
    label: Label
    start: dt.date
    end: dt.date | None = None


@attrs.frozen
class Target:
    """What a task must achieve: ``value`` in ``unit`` (optionally of ``indicator``)."""

    value: float
    unit: str = ""
    comparison: Comparison = ">="
    indicator: str | None = None
    label: Label | None = None


@attrs.frozen
class RelativeDeadline:
    """A deadline counted from an event: ``days`` after ``after`` (e.g. identified within 15 days of the clue).

    ``after`` and ``event`` name event kinds in the records a county keeps, so chained
    rules (clue → identified in 15 days → entered in 10 more) can be checked.
    """

    event: str
    after: str
    days: int
    label: Label | None = None


@attrs.frozen
class Task:
    """One thing to do, with who owns it, by when, and what counts as done."""

    key: str
    label: Label
    owner_role: str | None = None
    lead: Label | None = None
    """The lead body named by the source (牵头单位) where it is not a role of the mechanism."""
    deadline: dt.date | None = None
    due: Schedule | None = None
    """For recurring tasks: when each occurrence is due."""
    within: tuple[RelativeDeadline, ...] = ()
    targets: tuple[Target, ...] = ()
    cascade_level: str | None = None
    """Cascade the task to every unit of this level (each unit then owes it)."""
    quote: str = ""


@attrs.frozen
class Action:
    """A named group of tasks (Xunyi's ten actions, Changling's five strengthenings)."""

    key: str
    label: Label
    tasks: tuple[Task, ...] = ()
    lead: Label | None = None
    outcome: Label | None = None


@attrs.frozen
class Milestone:
    """A dated check on an indicator (Xunyi: expenditure ≥ 30 % by 30 April)."""

    key: str
    label: Label
    date: dt.date
    target: Target


@attrs.frozen
class ReportingEvent:
    """A recurring report or review: 月通报, 季调度, 半年点评, 年终总结."""

    key: str
    label: Label
    schedule: Schedule
    owner_role: str | None = None


@attrs.frozen
class Campaign:
    key: str
    label: Label
    start: dt.date
    end: dt.date | None = None
    phases: tuple[Phase, ...] = ()
    actions: tuple[Action, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    reporting: tuple[ReportingEvent, ...] = ()

    @property
    def tasks(self) -> tuple[Task, ...]:
        return tuple(t for a in self.actions for t in a.tasks)
