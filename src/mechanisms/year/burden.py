"""Visit burden: the actor-days a month a mechanism's visit duties ask of the people who carry them.

The rule (stated wherever the figure is printed):

- A role's frequency becomes a monthly rate: a day is 365/12 a month, a week 52/12, a quarter
  1/3, a half-year 1/6, a year 1/12.
- A day-based duty ("two days a month in the contact village") asks that many days of each
  actor, whatever the units held.
- A visit-based duty asks one outing per contact unit per visit — one actor-day each — except
  that the households an actor holds in one village are seen in one outing (a party member's
  daily round of 15 households is one day, not fifteen). An actor is never asked for more days
  than a month has.
"""

from __future__ import annotations

from collections import defaultdict

import attrs

from ..county.org import OrgStructure
from ..model.mechanism import Mechanism

DAYS_A_MONTH = 365 / 12
PER_MONTH = {"day": DAYS_A_MONTH, "week": 52 / 12, "month": 1.0, "quarter": 1 / 3, "half": 1 / 6, "year": 1 / 12}


@attrs.frozen
class RoleBurden:
    role: str
    actors: int
    actor_days: float
    """Actor-days a month for all actors of the role."""


def visit_burden(structure: OrgStructure, mechanism: Mechanism) -> tuple[RoleBurden, ...]:
    """Actor-days a month per role with a visit frequency, from the mechanism's assignments in the county."""
    household = structure.levels[-1].key
    by_role_actor: dict[tuple[str, str], set[str]] = defaultdict(set)
    roles = {r.key: r for r in mechanism.roles if r.visits is not None}
    for a in structure.assignments:
        if a.role not in roles or (a.mechanism is not None and a.mechanism != mechanism.key):
            continue
        unit = structure.unit_by_id.get(a.unit)
        if unit is None:
            continue
        outing = a.unit
        if roles[a.role].level == household and unit.level == household:
            # a household's village: two levels up (household → group → village), or its parent if shallower
            parent = structure.unit_by_id.get(unit.parent) if unit.parent else None
            outing = (parent.parent if parent is not None and parent.parent else unit.parent) or a.unit
        by_role_actor[(a.role, a.actor)].add(outing)
    out = []
    for key, role in roles.items():
        freq = role.visits
        assert freq is not None
        rate = freq.times * PER_MONTH[freq.per]
        actors = [outings for (r, _), outings in by_role_actor.items() if r == key]
        if freq.unit == "day":
            days = sum(min(rate, DAYS_A_MONTH) for _ in actors)
        else:
            days = sum(min(rate * len(outings), DAYS_A_MONTH) for outings in actors)
        out.append(RoleBurden(key, len(actors), days))
    return tuple(out)
