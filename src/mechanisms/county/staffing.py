"""Staffing a county with a mechanism's assignment policy, for simulation and comparison.

A county's own 包保 tables come first; where it has none for a mechanism, the mechanism's
:class:`~mechanisms.model.mechanism.AssignmentPolicy` says how that mechanism would staff it:
how many actors of each role per unit, or one per so many households, how many units one
actor holds, and on what share of the in-scope units. Generated actors are plainly
synthetic (``党员0001``) and every edge carries the mechanism's key, so several mechanisms'
staffing can sit in one county side by side. The result depends only on the county, the
mechanism and the seed.
"""

from __future__ import annotations

import math
from collections import defaultdict

import attrs
import numpy as np

from ..errors import UsageError
from ..model.labels import Label, _
from ..model.mechanism import Mechanism, Role, StaffingRule
from .org import Actor, Assignment, OrgStructure, Unit
from .records import County


@attrs.frozen
class _Slot:
    unit: Unit
    households: int | None  # None: the whole unit


def has_assignments_for(structure: OrgStructure, mechanism: Mechanism) -> bool:
    """Whether the county carries its own assignments for this mechanism (its key, or untagged with its roles)."""
    roles = set(mechanism.role_keys)
    return any(a.mechanism == mechanism.key or (a.mechanism is None and a.role in roles) for a in structure.assignments)


def _units_in_scope(structure: OrgStructure, role: Role) -> list[Unit]:
    return [u for u in structure.units if u.level == role.level and role.scope.matches(u.tags)]


def _count_only_leaves(structure: OrgStructure, role: Role) -> list[Unit]:
    """For a household-level role in a county without household rows: the lowest units, which carry counts."""
    above = [lv.key for lv in structure.levels[:-1]]
    leaves = [u for u in structure.units if u.id not in structure.children and u.level in above and (u.households or 0) > 0]
    return [u for u in leaves if role.scope.is_everything or role.scope.matches(u.tags)]


def _round_robin(units: list[Unit], per_unit: float) -> list[Unit]:
    """``round(len(units) × per_unit)`` posts over the units, a pass over all units at a time.

    A fractional ``per_unit`` (92 departments on 67 villages: 1.37) gives the last pass to evenly spaced
    units, so every unit has ``⌊per_unit⌋`` or one more. Any window of at most ``len(units)``
    consecutive posts holds distinct units, which keeps a pooled actor's units distinct.
    """
    if not units or per_unit <= 0:
        return []
    total = math.floor(len(units) * per_unit + 0.5)
    full, extra = divmod(total, len(units))
    spaced = {i * len(units) // extra for i in range(extra)} if extra else set()
    return [u for _ in range(full) for u in units] + [u for i, u in enumerate(units) if i in spaced]


def _pooled(posts: list[_Slot], units_per_actor: float, n_units: int) -> list[list[_Slot]]:
    """The posts dealt to ``⌈posts / units_per_actor⌉`` actors in consecutive runs whose sizes differ by at most one.

    With a whole ``units_per_actor`` no actor holds more than that many; a fraction (59 villages
    on 35 departments: 1.69) gives exactly the published number of actors on the reference county.
    Consecutive posts keep an actor's units in one town where they can; a run never exceeds the
    number of units, so its units are distinct.
    """
    n = max(1, math.ceil(len(posts) / units_per_actor - 1e-9), math.ceil(len(posts) / max(n_units, 1)))
    size, bigger = divmod(len(posts), n)
    out, at = [], 0
    for i in range(n):
        step = size + (1 if i < bigger else 0)
        out.append(posts[at:at + step])
        at += step
    return [run for run in out if run]


def _slots(structure: OrgStructure, role: Role, rule: StaffingRule, rng: np.random.Generator) -> list[list[_Slot]]:
    """Units (or parts of units) to staff, as one list per actor-to-be, before pooling by ``units_per_actor``."""
    units = _units_in_scope(structure, role)
    household_level = structure.levels[-1].key
    partial = False
    if not units and role.level == household_level:
        units, partial = _count_only_leaves(structure, role), True
    if rule.share is not None and units:
        k = round(rule.share * len(units))
        chosen = set(rng.choice(len(units), size=k, replace=False).tolist()) if k else set()
        units = [u for i, u in enumerate(units) if i in chosen]
    per_actor: list[list[_Slot]] = []
    if role.level == household_level and rule.households_per_actor:
        n = rule.households_per_actor
        if partial:
            for u in units:
                hh = structure.household_count(u.id)
                for start in range(0, hh, n):
                    per_actor.append([_Slot(u, min(n, hh - start))])
        else:
            # Households are dealt out N at a time within their village (two levels up): party members and
            # village cadres belong to a village, not to one group.
            by_village: dict[str | None, list[Unit]] = defaultdict(list)
            for u in units:
                group = structure.unit_by_id.get(u.parent) if u.parent else None
                by_village[group.parent if group is not None else u.parent].append(u)
            for hhs in by_village.values():
                for start in range(0, len(hhs), n):
                    per_actor.append([_Slot(u, None) for u in hhs[start:start + n]])
        return per_actor
    if rule.households_per_actor:
        for u in units:
            need = max(1, math.ceil(structure.household_count(u.id) / rule.households_per_actor))
            per_actor.extend([_Slot(u, None)] for _ in range(need))
    else:
        for u in _round_robin(units, rule.per_unit):
            per_actor.append([_Slot(u, None)])
    if rule.units_per_actor and rule.units_per_actor != 1 and per_actor:
        per_actor = _pooled([s[0] for s in per_actor], rule.units_per_actor, len(units))
    return per_actor


def staff(structure: OrgStructure, mechanism: Mechanism, *, seed: int = 0) -> OrgStructure:
    """A copy of ``structure`` with actors and assignments added by ``mechanism``'s policy."""
    if mechanism.policy is None or not mechanism.policy.rules:
        raise UsageError(_("{key}: the mechanism has no assignment policy to staff a county with").format(
            key=mechanism.key))
    rng = np.random.default_rng(seed)
    roles = {r.key: r for r in mechanism.roles}
    taken = set(structure.actor_by_id)
    actors: list[Actor] = []
    edges: list[Assignment] = []
    numbered: dict[str, int] = defaultdict(int)  # per role, across rules: two rules may staff one role
    for rule in mechanism.policy.rules:
        role = roles[rule.role]
        prefix = rule.name or Label(role.label.zh, role.label.en)
        for slots in _slots(structure, role, rule, rng):
            numbered[role.key] += 1
            i = numbered[role.key]
            actor_id = f"{mechanism.key}/{role.key}/{i:05d}"
            if actor_id in taken:
                raise UsageError(_("{key}: generated actor id {id} is already used in the county").format(
                    key=mechanism.key, id=repr(actor_id)))
            home = slots[0].unit.parent
            actors.append(Actor(actor_id, f"{prefix.zh}{i:05d}", rule.actor_kind, ("synthetic",), home))
            for slot in slots:
                edges.append(Assignment(actor_id, role.key, slot.unit.id, households=slot.households,
                                        mechanism=mechanism.key))
    return attrs.evolve(structure, actors=structure.actors + tuple(actors),
                        assignments=structure.assignments + tuple(edges))


def staffed(county: County, mechanism: Mechanism, *, seed: int = 0) -> tuple[County, bool]:
    """The county as it would run under ``mechanism``: its own assignments if it has any, else the policy's.

    Returns the county and whether the policy was used.
    """
    if has_assignments_for(county.structure, mechanism):
        return county, False
    return attrs.evolve(county, structure=staff(county.structure, mechanism, seed=seed)), True
