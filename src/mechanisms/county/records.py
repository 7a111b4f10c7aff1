"""What a county records over time, and the county dataset that bundles it with the structure."""

from __future__ import annotations

import datetime as dt
from typing import Any

import attrs

from .org import OrgStructure


@attrs.frozen
class Observation:
    """The value of one indicator for one unit in one period; ``None`` is an explicit "not reported"."""

    unit: str
    indicator: str
    period: str
    value: float | None = None


@attrs.frozen
class Visit:
    """An actor's visit to a unit on a day; ``days`` counts days on site for day-based duties."""

    actor: str
    unit: str
    date: dt.date
    role: str | None = None
    days: float = 1.0
    note: str = ""


@attrs.frozen
class ProblemRecord:
    """One entry of the problem ledger (问题清单) and its way to close-out (销号)."""

    id: str
    unit: str
    found: dt.date
    description: str = ""
    assigned_to: str | None = None
    deadline: dt.date | None = None
    closed: dt.date | None = None
    category: str | None = None
    """Accountability category when the loop ended in 问责 (不作为 …), as the mechanism keys it."""


@attrs.frozen
class PointsEntry:
    """A line of a household's points ledger: earned (positive) or redeemed/deducted (negative)."""

    household: str
    date: dt.date
    points: int
    rule: str | None = None
    note: str = ""


DONE = "done"
"""The event kind that records a campaign task (or milestone) as done; ``task`` names which."""


@attrs.frozen
class Event:
    """A dated event a county records: a campaign task done, a risk clue found, identified, entered.

    ``subject`` ties the events of one case together (a risk case id) so deadlines counted
    from one event to the next can be checked; ``None`` means the unit is the case. A task
    is done when an event of kind ``done`` names it in ``task``.
    """

    unit: str
    event: str
    date: dt.date
    subject: str | None = None
    task: str | None = None
    note: str = ""


@attrs.frozen
class Origin:
    """Where each table's records came from, so problems found later name the file and row."""

    files: dict[str, str] = attrs.field(factory=dict)
    rows: dict[str, tuple[int, ...]] = attrs.field(factory=dict)
    extras: dict[str, Any] = attrs.field(factory=dict)
    """Per table, the columns the file had beyond the format's (联系电话, 备注 …): an Arrow table of text, row for row."""

    def locate(self, table: str, index: int) -> tuple[str, int | None]:
        rows = self.rows.get(table)
        file = self.files.get(table, table)
        if rows is None or index >= len(rows):
            return file, index + 1
        return file, rows[index]


@attrs.frozen
class County:
    """A county dataset: its structure plus whatever records it keeps."""

    structure: OrgStructure
    observations: tuple[Observation, ...] = ()
    visits: tuple[Visit, ...] = ()
    problems: tuple[ProblemRecord, ...] = ()
    points: tuple[PointsEntry, ...] = ()
    events: tuple[Event, ...] = ()
    origin: Origin = attrs.field(factory=Origin, eq=False, repr=False)
    """Provenance of the records; not part of the county's value (two loads of the same data are equal)."""
