"""A county as a handful of numpy arrays: the form every coverage engine works on.

Why arrays: a province has ten million households, and a coverage pass that touches a
Python object per household takes seconds where an array pass takes milliseconds. So a
county is turned once into

* ``parent`` (int32, -1 for the root) and ``level`` (int8, or wider past 127 levels: index into ``levels``) per unit;
* ``households`` (int64) per unit — the unit's *own* household weight: 1 for a household
  row, the ``households`` count for a childless unit above the household level (a group
  known only by its count), 0 for every unit that has children;
* ``tags``: one boolean mask per tag, for the scope selectors of roles and rules;
* per role key, an :class:`Edges` record of (actor index, unit index, households or -1 for
  "all", start day, end day).

:meth:`CompactCounty.from_structure` builds it from an :class:`~mechanisms.county.org.OrgStructure`;
:meth:`CompactCounty.from_arrays` builds it directly, so benchmarks and simulations can make
a ten-million-household province without a single ``Unit`` object.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any, overload

import attrs
import numpy as np

from ..county.org import OrgStructure
from ..errors import DataError, DataProblem
from ..model.labels import Label, _
from ..model.mechanism import Mechanism, Scope

if TYPE_CHECKING:
    from ..io.columns import ColumnarCounty

NO_DAY_LO = np.iinfo(np.int32).min
NO_DAY_HI = np.iinfo(np.int32).max
ALL = -1
"""``Edges.households`` value meaning the edge covers every household of its unit."""


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01, the integer form of assignment dates."""
    return (day - dt.date(1970, 1, 1)).days


class NumberedIds(Sequence[str]):
    """Ids ``prefix0 … prefix{n-1}`` made on demand, so a synthetic province needs no list of ten million strings."""

    def __init__(self, n: int, prefix: str) -> None:
        self._n = int(n)
        self._prefix = prefix

    def __len__(self) -> int:
        return self._n

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [f"{self._prefix}{k}" for k in range(*i.indices(self._n))]
        k = int(i)
        if k < 0:
            k += self._n
        if not 0 <= k < self._n:
            raise IndexError(i)
        return f"{self._prefix}{k}"

    def __iter__(self) -> Iterator[str]:
        return (f"{self._prefix}{k}" for k in range(self._n))


class ArrowIds(Sequence[str]):
    """Ids kept as the Arrow column they were read into; made Python strings, all at once, only when first asked for."""

    def __init__(self, column: Any) -> None:
        self._column = column
        self._list: list[str] | None = None

    def __len__(self) -> int:
        return len(self._column)

    def _items(self) -> list[str]:
        if self._list is None:
            self._list = self._column.to_pylist()
        return self._list

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        items = self._list  # read directly: a report names 800,000 actors one lookup at a time
        return (items if items is not None else self._items())[i]

    def __iter__(self) -> Iterator[str]:
        return iter(self._items())



def _filled(col: Any, fill: int) -> np.ndarray:
    """An int or date column as a fresh int64 array, nulls as ``fill`` (a column nobody filled, as most leave
    start, end and households, without converting ten million nulls)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if col.null_count == len(col):
        return np.full(len(col), fill, np.int64)
    if pa.types.is_date(col.type):
        col = col.cast(pa.int32())
    return np.array(pc.fill_null(col, fill).to_numpy(zero_copy_only=False), np.int64)


def level_dtype(n_levels: int) -> type[np.signedinteger]:
    """The narrowest signed integer that indexes ``n_levels`` levels: int8 up to 127, wider beyond (never overflows)."""
    if n_levels <= np.iinfo(np.int8).max:
        return np.int8
    return np.int16 if n_levels <= np.iinfo(np.int16).max else np.int32

@attrs.frozen(eq=False)
class Edges:
    """The assignments of one role as parallel arrays (one entry per assignment)."""

    actor: np.ndarray
    unit: np.ndarray
    households: np.ndarray
    """Households the edge covers where its unit stands for uncounted households; -1 means all."""
    start: np.ndarray | None = None
    end: np.ndarray | None = None
    """Inclusive day numbers (:func:`day_number`); ``None`` means the edges carry no dates."""

    @classmethod
    def make(cls, actor: Sequence[int] | np.ndarray, unit: Sequence[int] | np.ndarray,
             households: Sequence[int] | np.ndarray | None = None,
             start: Sequence[int] | np.ndarray | None = None, end: Sequence[int] | np.ndarray | None = None) -> Edges:
        a = np.asarray(actor, dtype=np.int32)
        u = np.asarray(unit, dtype=np.int32)
        h = np.full(len(a), ALL, dtype=np.int32) if households is None else np.asarray(households, dtype=np.int32)
        s = None if start is None else np.asarray(start, dtype=np.int32)
        e = None if end is None else np.asarray(end, dtype=np.int32)
        if not (len(a) == len(u) == len(h)) or (s is not None and len(s) != len(a)) or (e is not None and len(e) != len(a)):
            raise ValueError("edge arrays must have the same length")
        return cls(a, u, h, s, e)

    def __len__(self) -> int:
        return len(self.actor)

    def active_on(self, day: dt.date | None) -> Edges:
        """The edges in force on ``day`` (all of them when ``day`` is None)."""
        if day is None or (self.start is None and self.end is None):
            return self
        d = day_number(day)
        keep = np.ones(len(self.actor), dtype=bool)
        if self.start is not None:
            keep &= self.start <= d
        if self.end is not None:
            keep &= d <= self.end
        return Edges(self.actor[keep], self.unit[keep], self.households[keep], None, None)


@attrs.frozen(eq=False)
class CompactCounty:
    """Units, actors and assignments of one county as arrays (see the module docstring)."""

    levels: tuple[str, ...]
    parent: np.ndarray
    level: np.ndarray
    households: np.ndarray
    tags: Mapping[str, np.ndarray]
    unit_ids: Sequence[str]
    actor_ids: Sequence[str]
    edges: Mapping[str, Edges]
    mechanism_key: str | None = None
    """The mechanism whose assignments these edges are, when built from a structure for one."""

    # ---- construction

    @classmethod
    def from_arrays(cls, *, levels: Sequence[str], parent: np.ndarray | Sequence[int], level: np.ndarray | Sequence[int],
                    households: np.ndarray | Sequence[int] | None = None, tags: Mapping[str, np.ndarray] | None = None,
                    edges: Mapping[str, Edges] | None = None, unit_ids: Sequence[str] | None = None,
                    actor_ids: Sequence[str] | None = None, n_actors: int | None = None) -> CompactCounty:
        """A county straight from arrays; checks the tree in a few vectorised passes.

        ``households`` gives the count of childless units above the household level (others
        are normalised: household rows weigh 1, units with children 0). Ids default to
        ``U0, U1, …`` and ``A0, A1, …``.
        """
        par = np.asarray(parent, dtype=np.int32)
        lev = np.asarray(level, dtype=level_dtype(len(levels)))
        n = len(par)
        if len(lev) != n:
            raise ValueError("parent and level must have the same length")
        hh = np.zeros(n, dtype=np.int64) if households is None else np.asarray(households, dtype=np.int64).copy()
        edges = dict(edges or {})
        if n_actors is None:
            n_actors = len(actor_ids) if actor_ids is not None else \
                max((int(e.actor.max()) + 1 for e in edges.values() if len(e)), default=0)
        county = cls(levels=tuple(levels), parent=par, level=lev, households=hh,
                     tags={k: np.asarray(v, dtype=bool) for k, v in (tags or {}).items()},
                     unit_ids=unit_ids if unit_ids is not None else NumberedIds(n, "U"),
                     actor_ids=actor_ids if actor_ids is not None else NumberedIds(n_actors, "A"),
                     edges=edges)
        county._check()
        county._normalise_households()
        return county

    @classmethod
    def from_structure(cls, structure: OrgStructure, mechanism: Mechanism | str | None = None,
                       on: dt.date | None = None) -> CompactCounty:
        """Arrays of a (validated) structure, keeping the assignments that count under ``mechanism``.

        An assignment counts when its ``mechanism`` is None or equals the mechanism's key,
        and (with ``on``) when it is in force that day. Roles are kept by key whatever they
        are; the engine decides which roles it knows.
        """
        key = mechanism.key if isinstance(mechanism, Mechanism) else mechanism
        levels = tuple(lv.key for lv in structure.levels)
        lindex = {k: i for i, k in enumerate(levels)}
        uindex = {u.id: i for i, u in enumerate(structure.units)}
        n = len(structure.units)
        parent = np.fromiter((uindex.get(u.parent, -1) if u.parent is not None else -1 for u in structure.units),
                             dtype=np.int32, count=n)
        level = np.fromiter((lindex[u.level] for u in structure.units), dtype=level_dtype(len(levels)), count=n)
        hh = np.fromiter((u.households or 0 for u in structure.units), dtype=np.int64, count=n)
        tag_rows: dict[str, list[int]] = {}
        for i, u in enumerate(structure.units):
            for t in u.tags:
                tag_rows.setdefault(t, []).append(i)
        tags = {}
        for t, rows in tag_rows.items():
            mask = np.zeros(n, dtype=bool)
            mask[rows] = True
            tags[t] = mask
        aindex = {a.id: i for i, a in enumerate(structure.actors)}
        per_role: dict[str, list[tuple[int, int, int, int, int]]] = {}
        for asg in structure.assignments:
            if key is not None and asg.mechanism is not None and asg.mechanism != key:
                continue
            if on is not None and not asg.active_on(on):
                continue
            per_role.setdefault(asg.role, []).append(
                (aindex[asg.actor], uindex[asg.unit], ALL if asg.households is None else asg.households,
                 NO_DAY_LO if asg.start is None else day_number(asg.start),
                 NO_DAY_HI if asg.end is None else day_number(asg.end)))
        edges = {}
        for role, role_rows in per_role.items():
            arr = np.asarray(role_rows, dtype=np.int64).reshape(-1, 5)
            edges[role] = Edges.make(arr[:, 0], arr[:, 1], arr[:, 2], arr[:, 3], arr[:, 4])
        county = cls(levels=levels, parent=parent, level=level, households=hh, tags=tags,
                     unit_ids=tuple(u.id for u in structure.units), actor_ids=tuple(a.id for a in structure.actors),
                     edges=edges, mechanism_key=key)
        county._normalise_households()
        return county

    @classmethod
    def from_columns(cls, county: ColumnarCounty, mechanism: Mechanism | str | None = None,
                     on: dt.date | None = None) -> CompactCounty:
        """Arrays straight from a (checked) :class:`~mechanisms.io.columns.ColumnarCounty`, no object per unit.

        Keeps the assignments :meth:`from_structure` keeps (the mechanism's or untagged, in force ``on``).
        """
        import pyarrow as pa
        import pyarrow.compute as pc

        from ..io.colparse import encode, whole
        from ..io.column_checks import index_in, references

        key = mechanism.key if isinstance(mechanism, Mechanism) else mechanism
        levels = county.level_keys
        units = county["units"]
        ids = units.column("id")
        n = len(units)
        _, parent_row, _, refs = references(county)
        parent = parent_row.astype(np.int32)
        level = index_in(units.column("level"), pa.array(levels, type=pa.string())).astype(level_dtype(len(levels)))
        hh = _filled(units.column("households"), 0)
        tags: dict[str, np.ndarray] = {}
        lists = whole(units.column("tags"))
        flat = pc.list_flatten(lists)
        if len(flat):
            owner = np.asarray(pc.list_parent_indices(lists).to_numpy(zero_copy_only=False), np.int64)
            dictionary, codes = encode(flat)
            order = np.argsort(codes, kind="stable")
            bounds = np.searchsorted(codes[order], np.arange(len(dictionary) + 1))
            for j, tag in enumerate(dictionary.to_pylist()):
                m = np.zeros(n, dtype=bool)
                m[owner[order[bounds[j]:bounds[j + 1]]]] = True
                tags[tag] = m
        actors = county["actors"]
        aids = actors.column("id")
        t = county["assignments"]
        keep = np.ones(len(t), dtype=bool)
        if key is not None and len(t):
            mech = t.column("mechanism")
            keep &= np.asarray(pc.fill_null(pc.equal(mech, key), True).to_numpy(zero_copy_only=False), bool)
        start = _filled(t.column("start"), NO_DAY_LO)
        end = _filled(t.column("end"), NO_DAY_HI)
        if on is not None:
            d = day_number(on)
            keep &= (start <= d) & (d <= end)
        ai, ui = refs[("assignments", "actor")], refs[("assignments", "unit")]
        eh = _filled(t.column("households"), ALL)
        edges: dict[str, Edges] = {}
        if len(t):
            dictionary, codes = encode(t.column("role"))
            for j, role in enumerate(dictionary.to_pylist()):
                sel = keep & (codes == j) & (ai >= 0) & (ui >= 0)
                if sel.any():
                    edges[role] = Edges.make(ai[sel], ui[sel], eh[sel], start[sel], end[sel])
        compact = cls(levels=levels, parent=parent, level=level, households=hh, tags=tags, unit_ids=ArrowIds(ids),
                      actor_ids=ArrowIds(aids), edges=edges, mechanism_key=key)
        compact._normalise_households()
        return compact

    def on(self, day: dt.date | None) -> CompactCounty:
        """The same county with only the assignments in force on ``day``."""
        if day is None:
            return self
        return attrs.evolve(self, edges={k: e.active_on(day) for k, e in self.edges.items()})

    def _check(self) -> None:
        n = len(self.parent)
        problems: list[Label] = []
        roots = np.flatnonzero(self.parent < 0)
        if n and len(roots) != 1:
            problems.append(_("expected one root, found {n}").format(n=len(roots)))
        if n and ((self.level < 0).any() or (self.level >= len(self.levels)).any()):
            problems.append(_("level index out of range"))
        if n and (self.parent >= n).any():
            problems.append(_("parent index out of range"))
        if not problems and n:
            has = self.parent >= 0
            bad = np.flatnonzero(has)[self.level[self.parent[has]] != self.level[has] - 1]
            if len(bad):
                problems.append(_("{n} unit(s) not one level below their parent (first: {first})").format(
                    n=len(bad), first=self.unit_ids[int(bad[0])]))
            if len(roots) == 1 and self.level[roots[0]] != 0:
                problems.append(_("the root is not on the top level"))
        if (self.households < 0).any():
            problems.append(_("household counts must not be negative"))
        for t, m in self.tags.items():
            if len(m) != n:
                problems.append(_("tag mask {tag} has {entries} entries for {n} units").format(
                    tag=repr(t), entries=len(m), n=n))
        for role, e in self.edges.items():
            if len(e) and (e.unit.min() < 0 or e.unit.max() >= n or e.actor.min() < 0 or e.actor.max() >= len(self.actor_ids)):
                problems.append(_("edges of role {role} point outside the units or actors").format(role=repr(role)))
        if problems:
            raise DataError([DataProblem.of("arrays", None, None, p) for p in problems])

    def _normalise_households(self) -> None:
        hh = self.households
        hh[self.has_children] = 0
        hh[self.level == self.household_level] = 1

    # ---- derived, computed once

    @property
    def n_units(self) -> int:
        return len(self.parent)

    @property
    def n_actors(self) -> int:
        return len(self.actor_ids)

    @property
    def household_level(self) -> int:
        return len(self.levels) - 1

    @cached_property
    def has_children(self) -> np.ndarray:
        kids = np.bincount(self.parent[self.parent >= 0], minlength=self.n_units)
        return kids > 0

    @cached_property
    def by_level(self) -> tuple[np.ndarray, ...]:
        """Unit indices (int32) of each level, in unit order."""
        return tuple(np.flatnonzero(self.level == k).astype(np.int32) for k in range(len(self.levels)))

    @cached_property
    def household_holders(self) -> np.ndarray:
        """Units that hold a household-level role: household rows and childless units above them (int32, sorted)."""
        hh = self.household_level
        return np.flatnonzero((self.level == hh) | ((~self.has_children) & (self.level < hh))).astype(np.int32)

    def holder_position(self, level: int) -> np.ndarray:
        """Per unit, its index among the holders of a role on ``level`` (-1 if it cannot hold one)."""
        if level != self.household_level:
            return np.where(self.level == level, self.position, -1)
        return self._household_holder_position

    @cached_property
    def _household_holder_position(self) -> np.ndarray:
        pos = np.full(self.n_units, -1, np.int32)
        pos[self.household_holders] = np.arange(len(self.household_holders), dtype=np.int32)
        return pos

    def holder_households(self, level: int) -> np.ndarray:
        """Households of each holder of a role on ``level``."""
        if level == self.household_level:
            return self._household_holder_households
        out: np.ndarray = self.subtree_households[self.by_level[level]]
        return out

    @cached_property
    def _household_holder_households(self) -> np.ndarray:
        out: np.ndarray = self.subtree_households[self.household_holders]
        return out

    @cached_property
    def position(self) -> np.ndarray:
        """Each unit's index among the units of its level (so ``by_level[level[u]][position[u]] == u``)."""
        pos = np.empty(self.n_units, dtype=np.int32)
        for idx in self.by_level:
            pos[idx] = np.arange(len(idx), dtype=np.int32)
        return pos

    @cached_property
    def subtree_households(self) -> np.ndarray:
        """Households in or under each unit (int64)."""
        total = self.households.astype(np.int64).copy()
        for lev in range(len(self.levels) - 1, 0, -1):
            idx = self.by_level[lev]
            if len(idx):
                total += np.bincount(self.parent[idx], weights=total[idx], minlength=self.n_units).astype(np.int64)
        return total

    @cached_property
    def leaves(self) -> np.ndarray:
        """Units that carry households themselves: household rows and childless units with a count (int32)."""
        return np.flatnonzero((~self.has_children) & (self.households > 0)).astype(np.int32)

    @property
    def total_households(self) -> int:
        return int(self.households.sum())

    def ancestor_at(self, units: np.ndarray, target: int) -> np.ndarray:
        """Each unit's ancestor on level ``target`` (itself when on it; -1 when the unit is above it)."""
        cur = np.asarray(units, dtype=np.int64)
        lev = self.level[cur].astype(np.int32) if len(cur) else np.zeros(0, np.int32)
        top = int(lev.max()) if len(lev) else 0
        for step in range(top, target, -1):
            up = lev == step
            if up.any():
                cur = np.where(up, self.parent[cur], cur)
                lev = np.where(up, lev - 1, lev)
        return np.where(lev == target, cur, -1)

    def scope_mask(self, scope: Scope, units: np.ndarray | None = None) -> np.ndarray:
        """Which units (all, or those indexed) a scope selects, from the tag masks."""
        sel = slice(None) if units is None else units
        n = self.n_units if units is None else len(units)
        out = np.ones(n, dtype=bool)
        none = np.zeros(n, dtype=bool)
        if scope.tags_any:
            anym = np.zeros(n, dtype=bool)
            for t in scope.tags_any:
                if t in self.tags:
                    anym |= self.tags[t][sel]
            out &= anym
        for t in scope.tags_all:
            out &= self.tags[t][sel] if t in self.tags else none
        for t in scope.tags_none:
            if t in self.tags:
                out &= ~self.tags[t][sel]
        return out
