"""Do the people assigned actually go? Each role's required visit frequency checked against the visits table.

The rules, for a period P:

- Every assignment of a role with a visit frequency that applies to the mechanism (its
  ``mechanism`` is empty or this one) and is active on some day of P is checked. Visit-based
  duties are checked per (actor, unit): each contact unit must be visited. Day-based duties
  (``unit="day"``: "two days a month in the contact village") are a claim on the actor's
  time, so they are checked once per actor and role, over all the units they hold.
- The window is P, widened to the frequency's own period when that is longer (1 visit a
  quarter is checked over the quarter holding P), cut to the days the assignment is active
  (for a day-based duty: from the earliest start to the latest end of the actor's assignments).
- Required = ``times`` × the number of the frequency's periods that *begin* in the window
  (a month's worth is owed for each month begun while assigned; weekly duties count the
  Mondays). A check that owes nothing is listed but left out of the shares.
- Done = the actor's visits in the window to the unit or to any unit under it (visiting a
  village of one's contact town counts for the town) whose role is empty or this role.
  Day-based duties count days on site: the ``days`` of each date, a date counted once
  (three households seen on one day are one day).
- Compliant when done ≥ required; the share compliant is per role and overall.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence

import attrs

from ..county.org import Assignment, OrgStructure
from ..county.records import County, Visit
from ..model.mechanism import Mechanism, Role
from ..model.periods import Period, finer, periods_between


@attrs.frozen
class VisitCheck:
    actor: str
    role: str
    units: tuple[str, ...]
    """The contact unit (one for visit-based duties; all the actor's units for day-based ones)."""
    start: dt.date
    end: dt.date
    required: int
    done: float
    counted: str
    """``visit`` or ``day``: what ``required`` and ``done`` count."""
    visits: int
    """Visit records counted."""

    @property
    def unit(self) -> str:
        return self.units[0]

    @property
    def owed(self) -> bool:
        return self.required > 0

    @property
    def compliant(self) -> bool | None:
        return self.done >= self.required if self.owed else None


@attrs.frozen
class RoleCompliance:
    role: str
    checked: int
    compliant: int

    @property
    def share(self) -> float | None:
        return self.compliant / self.checked if self.checked else None


def window(period: Period, role: Role) -> Period:
    """The period a role's visits are checked over for ``period`` (see the module's rules)."""
    assert role.visits is not None
    if finer(period.kind, role.visits.per):
        return period.parent(role.visits.per)
    return period


def check_visits(mechanism: Mechanism, county: County, period: Period | str) -> list[VisitCheck]:
    """The checks for ``period``: per (actor, unit) for visit duties, per actor for day duties; in assignment order."""
    p = Period.parse(period)
    s = county.structure
    by_actor: dict[str, list[Visit]] = defaultdict(list)
    for v in county.visits:
        by_actor[v.actor].append(v)
    roles = {r.key: r for r in mechanism.roles if r.visits is not None}
    groups: dict[tuple[str, str, str], list[Assignment]] = {}
    for a in s.assignments:
        role = roles.get(a.role)
        if role is None or (a.mechanism is not None and a.mechanism != mechanism.key):
            continue
        if not window(p, role).overlaps(a.start, a.end):
            continue
        key = (a.actor, a.role, "" if role.visits.unit == "day" else a.unit)  # type: ignore[union-attr]
        groups.setdefault(key, []).append(a)
    out: list[VisitCheck] = []
    for (actor, role_key, _), asgs in groups.items():
        role = roles[role_key]
        freq = role.visits
        assert freq is not None
        w = window(p, role)
        starts = [a.start for a in asgs]
        ends = [a.end for a in asgs]
        start = w.start if None in starts else max(w.start, min(x for x in starts if x is not None))
        end = w.end if None in ends else min(w.end, max(x for x in ends if x is not None))
        begun = sum(1 for q in periods_between(start, end, freq.per) if start <= q.start <= end)
        units = tuple(dict.fromkeys(a.unit for a in asgs))
        visits = [v for v in by_actor.get(actor, ()) if start <= v.date <= end and (v.role is None or v.role == role_key)
                  and any(_under(s, v.unit, u) for u in units)]
        if freq.unit == "day":
            per_day: dict[dt.date, float] = {}
            for v in visits:
                per_day[v.date] = max(per_day.get(v.date, 0.0), v.days)
            done = float(sum(per_day.values()))
        else:
            done = float(len(visits))
        out.append(VisitCheck(actor, role_key, units, start, end, freq.times * begun, done, freq.unit, len(visits)))
    return out


def _under(structure: OrgStructure, unit: str, top: str) -> bool:
    if unit == top:
        return True
    if unit not in structure.unit_by_id:
        return False
    return any(u.id == top for u in structure.ancestors(unit))


def compliance_by_role(checks: Sequence[VisitCheck], mechanism: Mechanism) -> list[RoleCompliance]:
    """Share compliant per role (roles in the mechanism's order) and ``all``; checks owing nothing are left out."""
    out = []
    for r in mechanism.roles:
        cs = [c for c in checks if c.role == r.key and c.owed]
        if any(c.role == r.key for c in checks):
            out.append(RoleCompliance(r.key, len(cs), sum(1 for c in cs if c.compliant)))
    owed = [c for c in checks if c.owed]
    out.append(RoleCompliance("all", len(owed), sum(1 for c in owed if c.compliant)))
    return out


__all__ = ["RoleCompliance", "VisitCheck", "check_visits", "compliance_by_role", "window"]
