"""The supervision loop (督责/问责): problem found → assigned → rectification deadline → closed or overdue → accountability.

The rules, as of a status day ``on``:

- Problems found after ``on`` are not yet known; a close-out (销号) dated after ``on`` has not happened yet.
- The rectification deadline is the recorded one, else found + the mechanism's
  ``rectification_days`` (the source's rule), else none.
- A problem is *closed* if closed on or before its deadline, *closed late* by (closed − deadline)
  days otherwise; still open it is *open* up to and on its deadline and *overdue* by
  (on − deadline) days from the next day.
- The accountability category is the recorded one. Where none is recorded and the
  mechanism has the category, one is *suggested*: 慢作为 (acting slowly) for a late close-out,
  不作为 (not acting) for a problem still open past its deadline — a suggestion for the
  supervisor, never written back to the records.
- Closure rate = closed / found. On-time rate = closed on time / problems that had to be
  settled by ``on`` (closed, or past their deadline); with none such it is not given.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Literal

import attrs

from ..county.records import County, ProblemRecord
from ..model.mechanism import Mechanism

ProblemState = Literal["open", "overdue", "closed", "closed-late"]
SUGGEST = {"closed-late": "慢作为", "overdue": "不作为"}


@attrs.frozen
class ProblemStatus:
    record: ProblemRecord
    deadline: dt.date | None
    deadline_source: Literal["recorded", "rule"] | None
    state: ProblemState
    days_late: int = 0
    suggested: str | None = None
    """A category key suggested where none is recorded (see the module's rules)."""

    @property
    def closed(self) -> dt.date | None:
        return self.record.closed if self.state in ("closed", "closed-late") else None


@attrs.frozen
class ClosureRate:
    group: str
    found: int
    closed: int
    closed_on_time: int
    closed_late: int
    open: int
    overdue: int

    @property
    def closure_rate(self) -> float | None:
        return self.closed / self.found if self.found else None

    @property
    def on_time_rate(self) -> float | None:
        due = self.closed + self.overdue
        return self.closed_on_time / due if due else None


def problem_status(p: ProblemRecord, on: dt.date, rectification_days: int | None = None,
                   categories: dict[str, str] | None = None) -> ProblemStatus:
    """One problem's place in the loop on ``on``; ``categories`` maps a category's Chinese label to its key."""
    if p.deadline is not None:
        deadline, source = p.deadline, "recorded"
    elif rectification_days is not None:
        deadline, source = p.found + dt.timedelta(days=rectification_days), "rule"
    else:
        deadline, source = None, None
    closed = p.closed if p.closed is not None and p.closed <= on else None
    state: ProblemState
    if closed is not None:
        late = (closed - deadline).days if deadline else 0
        state, days = ("closed-late", late) if late > 0 else ("closed", 0)
    elif deadline is not None and on > deadline:
        state, days = "overdue", (on - deadline).days
    else:
        state, days = "open", 0
    suggested = None
    if p.category is None and categories and state in SUGGEST:
        suggested = categories.get(SUGGEST[state])
    return ProblemStatus(p, deadline, source, state, days, suggested)  # type: ignore[arg-type]


def supervise(county: County, on: dt.date, mechanism: Mechanism | None = None) -> list[ProblemStatus]:
    """Every problem known on ``on``, with its state, in the order found."""
    sup = mechanism.scoring.supervision if mechanism and mechanism.scoring else None
    days = sup.rectification_days if sup else None
    cats = {c.label.zh: c.key for c in sup.categories} if sup else {}
    known = [p for p in county.problems if p.found <= on]
    return [problem_status(p, on, days, cats) for p in sorted(known, key=lambda p: (p.found, p.id))]


def closure_rates(statuses: Iterable[ProblemStatus], group_of: dict[str, str] | None = None) -> list[ClosureRate]:
    """Closure figures per group (``group_of`` maps a problem id to its group), then ``all``."""
    rows: dict[str, list[ProblemStatus]] = {}
    statuses = list(statuses)
    for s in statuses:
        rows.setdefault(group_of.get(s.record.id, "—") if group_of is not None else "all", []).append(s)
    out = [_rate(g, ss) for g, ss in sorted(rows.items())]
    if group_of is not None:
        out.append(_rate("all", statuses))
    return out


def _rate(group: str, ss: Sequence[ProblemStatus]) -> ClosureRate:
    def n(state: str) -> int:
        return sum(1 for s in ss if s.state == state)

    return ClosureRate(group, len(ss), n("closed") + n("closed-late"), n("closed"), n("closed-late"), n("open"), n("overdue"))


def group_by_level(county: County, statuses: Iterable[ProblemStatus], level: str) -> dict[str, str]:
    """Problem id → the problem's unit or its ancestor at ``level`` (the unit itself when above ``level``)."""
    s = county.structure
    out: dict[str, str] = {}
    for st in statuses:
        uid = st.record.unit
        if uid not in s.unit_by_id:
            out[st.record.id] = uid
            continue
        chain = [s.unit_by_id[uid], *s.ancestors(uid)]
        out[st.record.id] = next((u.id for u in chain if u.level == level), uid)
    return out


def categories_count(statuses: Iterable[ProblemStatus]) -> dict[str, tuple[int, int]]:
    """Category key → (recorded, suggested) counts."""
    out: dict[str, list[int]] = {}
    for s in statuses:
        if s.record.category is not None:
            out.setdefault(s.record.category, [0, 0])[0] += 1
        elif s.suggested is not None:
            out.setdefault(s.suggested, [0, 0])[1] += 1
    return {k: (v[0], v[1]) for k, v in sorted(out.items())}


__all__ = ["ClosureRate", "ProblemStatus", "categories_count", "closure_rates", "group_by_level", "problem_status",
           "supervise"]
