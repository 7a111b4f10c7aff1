"""The county itself: its levels, units, the actors who carry responsibility, and who is assigned where.

These are plain frozen records. Checking that they form a sound county is the job of
:mod:`mechanisms.county.validation`, so that a loader can build a broken county and report
every problem in it at once instead of failing on the first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING

import attrs

from ..model.levels import DEFAULT_LEVELS, Level

if TYPE_CHECKING:
    from networkx import DiGraph
else:
    DiGraph = object  # networkx is imported only when a graph is asked for; the name must still resolve


@attrs.frozen
class Unit:
    """A node of the hierarchy: the county, a town, a village, a group or a household.

    ``households`` lets a unit stand for households that have no rows of their own (a
    village known only by its household count). It is ignored for units that have
    household children, and a household unit counts as one.
    """

    id: str
    name: str
    level: str
    parent: str | None = None
    tags: tuple[str, ...] = ()
    households: int | None = None


@attrs.frozen
class Actor:
    """Whoever carries responsibility: a person (leader, cadre, party member) or a body (department, enterprise, team)."""

    id: str
    name: str
    kind: str
    tags: tuple[str, ...] = ()
    unit: str | None = None
    """Where the actor belongs (their department's town, a party member's village); optional."""


@attrs.frozen
class Assignment:
    """A responsibility edge (包保/包联): ``actor`` answers for ``unit`` under ``role``.

    ``start``/``end`` are inclusive; either may be open. Coverage "as of a date" uses them.
    """

    actor: str
    role: str
    unit: str
    start: dt.date | None = None
    end: dt.date | None = None
    households: int | None = None
    """Where a unit stands for households without rows of their own: how many of them this
    edge covers (a party member 联系 15 of a group's 40 households). ``None`` means all.
    Partial edges on one unit are taken as disjoint, so their counts add up (capped at the unit's)."""
    mechanism: str | None = None
    """The mechanism this edge belongs to, so one county file can carry several mechanisms'
    assignments; ``None`` means it applies under any mechanism that has the role."""

    def active_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@attrs.frozen
class OrgStructure:
    """Units, actors and assignments of one county.

    Lookups and the graph are computed once on first use; the structure itself never
    changes (use ``attrs.evolve`` to derive a new one).
    """

    units: tuple[Unit, ...] = ()
    actors: tuple[Actor, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    levels: tuple[Level, ...] = DEFAULT_LEVELS

    @cached_property
    def unit_by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units}

    @cached_property
    def actor_by_id(self) -> dict[str, Actor]:
        return {a.id: a for a in self.actors}

    @cached_property
    def level_index(self) -> dict[str, int]:
        return {lv.key: i for i, lv in enumerate(self.levels)}

    @cached_property
    def children(self) -> dict[str, tuple[str, ...]]:
        kids: dict[str, list[str]] = {}
        for u in self.units:
            if u.parent is not None:
                kids.setdefault(u.parent, []).append(u.id)
        return {k: tuple(v) for k, v in kids.items()}

    @cached_property
    def roots(self) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.parent is None)

    def ancestors(self, unit_id: str) -> Iterator[Unit]:
        """The unit's parent, grandparent, … up to the root (stops on a cycle)."""
        seen = {unit_id}
        parent = self.unit_by_id[unit_id].parent
        while parent is not None and parent in self.unit_by_id and parent not in seen:
            seen.add(parent)
            unit = self.unit_by_id[parent]
            yield unit
            parent = unit.parent

    def descendants(self, unit_id: str) -> Iterator[Unit]:
        """Every unit under ``unit_id``, each once: a duplicate id can close a loop under the root (never walked twice)."""
        seen = {unit_id}
        stack = [k for k in self.children.get(unit_id, ()) if k not in seen]
        while stack:
            uid = stack.pop()
            if uid in seen:
                continue
            seen.add(uid)
            yield self.unit_by_id[uid]
            stack.extend(k for k in self.children.get(uid, ()) if k not in seen)

    def units_at(self, level: str) -> tuple[Unit, ...]:
        return tuple(u for u in self.units if u.level == level)

    def household_count(self, unit_id: str) -> int:
        """Households in or under a unit: household rows where present, else ``households`` counts."""
        return self.household_counts[unit_id]

    @cached_property
    def household_counts(self) -> dict[str, int]:
        hh_level = self.levels[-1].key if self.levels else "household"
        counts: dict[str, int] = {}
        order = sorted(self.units, key=lambda u: -self.level_index.get(u.level, 0))
        for u in order:
            kids = self.children.get(u.id, ())
            if u.level == hh_level:
                counts[u.id] = 1
            elif kids:
                counts[u.id] = sum(counts.get(k, 0) for k in kids)
            else:
                counts[u.id] = u.households or 0
        return counts

    def active_assignments(self, on: dt.date | None) -> tuple[Assignment, ...]:
        if on is None:
            return self.assignments
        return tuple(a for a in self.assignments if a.active_on(on))

    @cached_property
    def graph(self) -> DiGraph:
        """Units, actors and responsibility edges as one directed graph, for users' own analysis.

        Nodes are ``("unit", id)`` and ``("actor", id)`` tuples so unit and actor ids may
        coincide; each carries its record's fields as attributes plus ``type``. Edges run
        parent → child (``type="contains"``) and actor → unit (``type="responsible"``, with
        ``role``, ``start``, ``end``). Several roles of one actor on one unit are kept as
        the edge's ``roles`` tuple.
        """
        import networkx as nx  # only users who ask for the graph pay for importing networkx

        g = nx.DiGraph(name=self.roots[0].name if self.roots else None)
        for u in self.units:
            g.add_node(("unit", u.id), type="unit", **attrs.asdict(u))
        for a in self.actors:
            g.add_node(("actor", a.id), type="actor", **attrs.asdict(a))
        for u in self.units:
            if u.parent is not None and u.parent in self.unit_by_id:
                g.add_edge(("unit", u.parent), ("unit", u.id), type="contains")
        for asg in self.assignments:
            src, dst = ("actor", asg.actor), ("unit", asg.unit)
            if g.has_edge(src, dst):
                g.edges[src, dst]["roles"] += (asg.role,)
            else:
                g.add_edge(src, dst, type="responsible", role=asg.role, roles=(asg.role,),
                           start=asg.start, end=asg.end)
        return g
