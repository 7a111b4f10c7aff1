"""Is this a sound county, and does it fit this mechanism? Every problem at once, each located.

Structure checks (one root, a tree, levels in order, unique ids, no dangling references,
valid dates, non-negative household counts, and no count on a unit that contradicts the units
under it) need only the county. Mechanism checks
(assignment roles known, on the role's level, held by an allowed kind of actor) need the
mechanism too. Problems name file, row and field through the county's :class:`Origin`.
"""

from __future__ import annotations

from collections import Counter

from ..errors import DataProblem
from ..model.mechanism import Mechanism
from .org import OrgStructure
from .records import County


def _dupes(ids: list[str]) -> set[str]:
    return {k for k, n in Counter(ids).items() if n > 1}


def _ancestry(s: OrgStructure, unit_id: str) -> set[str]:
    """The ids above ``unit_id`` (by the first unit of each id), ``unit_id`` included; bounded by a seen set."""
    out = {unit_id}
    parent = s.unit_by_id[unit_id].parent if unit_id in s.unit_by_id else None
    while parent is not None and parent not in out and parent in s.unit_by_id:
        out.add(parent)
        parent = s.unit_by_id[parent].parent
    return out


def validate_county(county: County, mechanism: Mechanism | None = None) -> list[DataProblem]:
    """All problems in ``county`` (and against ``mechanism`` when given), in table order."""
    s = county.structure
    where = county.origin.locate
    out: list[DataProblem] = []

    def add(table: str, index: int | None, field: str | None, message: str) -> None:
        if index is None:
            out.append(DataProblem(county.origin.files.get(table, table), None, field, message))
        else:
            file, row = where(table, index)
            out.append(DataProblem(file, row, field, message))

    level_keys = [lv.key for lv in s.levels]
    for key in _dupes(level_keys):
        add("levels", None, "key", f"level {key!r} declared twice")
    level_index = s.level_index

    # ---- units
    dup_units = _dupes([u.id for u in s.units])
    seen: set[str] = set()
    for i, u in enumerate(s.units):
        if u.id in dup_units and u.id in seen:
            add("units", i, "id", f"duplicate unit id {u.id!r}")
        seen.add(u.id)
        if u.level not in level_index:
            add("units", i, "level", f"unknown level {u.level!r} (levels: {' > '.join(level_keys)})")
        if u.households is not None and u.households < 0:
            add("units", i, "households", f"household count must not be negative, got {u.households}")
        if u.parent is None:
            continue
        if u.parent == u.id:
            add("units", i, "parent", f"unit {u.id!r} is its own parent")
            continue
        parent = s.unit_by_id.get(u.parent)
        if parent is None:
            add("units", i, "parent", f"parent {u.parent!r} is not a unit")
        elif u.level in level_index and parent.level in level_index \
                and level_index[u.level] != level_index[parent.level] + 1:
            below = level_index[parent.level] + 1
            expected = f"a {level_keys[below]}" if below < len(level_keys) else "nothing (it is the lowest level)"
            add("units", i, "level", f"{u.id!r} is a {u.level} under {parent.level} {parent.id!r}; expected {expected}")
    roots = [i for i, u in enumerate(s.units) if u.parent is None]
    if not s.units:
        add("units", None, None, "no units")
    elif not roots:
        add("units", None, "parent", "no root unit (every unit has a parent)")
    elif len(roots) > 1:
        for i in roots[1:]:
            add("units", i, "parent", f"second root {s.units[i].id!r}: only one unit may have no parent "
                f"(the first is {s.units[roots[0]].id!r})")
    if roots:
        root = s.units[roots[0]]
        if root.level in level_index and level_index[root.level] != 0:
            add("units", roots[0], "level", f"root {root.id!r} is a {root.level}; expected {level_keys[0]}")
        # units not reachable from the root sit on a cycle (dangling parents are reported above)
        reachable = {root.id, *(d.id for d in s.descendants(root.id))}
        # a duplicate id can close a loop under the root (T1 → V1 → a second T1): the walk above stops at it
        for i, u in enumerate(s.units):  # only a duplicate id can: each id has one parent otherwise
            if u.id in dup_units and u.parent is not None and u.parent in reachable and u.id in _ancestry(s, u.parent):
                file, row = where("units", i)
                out.append(DataProblem(file, row, "parent", f"单位“{u.id}”的上级链绕回了它自己（编号重复形成环）",
                                       f"unit {u.id!r} closes a loop of parents under the root (a duplicate id)"))
        for i, u in enumerate(s.units):
            if u.id not in reachable and u.parent is not None and u.parent in s.unit_by_id \
                    and u.parent != u.id and i not in roots:
                add("units", i, "parent", f"unit {u.id!r} is on a cycle of parents, not under the root")

    # a count on a unit with units under it is not used (they give its households): it must not contradict them
    counted = [i for i, u in enumerate(s.units) if u.households is not None and u.households >= 0 and u.id in s.children]
    if counted:
        counts = s.household_counts  # what the engines count: household rows, else the counts of childless units
        for i in counted:
            u = s.units[i]
            if u.id in counts and counts[u.id] != u.households:
                add("units", i, "households", f"{u.id!r} counts {u.households} households but the units under it add up "
                    f"to {counts[u.id]}; a unit with units under it takes its households from them (leave the count "
                    "empty, or make it agree)")

    # ---- actors
    dup_actors = _dupes([a.id for a in s.actors])
    seen = set()
    for i, a in enumerate(s.actors):
        if a.id in dup_actors and a.id in seen:
            add("actors", i, "id", f"duplicate actor id {a.id!r}")
        seen.add(a.id)
        if a.unit is not None and a.unit not in s.unit_by_id:
            add("actors", i, "unit", f"unit {a.unit!r} does not exist")

    # ---- assignments
    roles = {r.key: r for r in mechanism.roles} if mechanism else {}
    household_level = level_keys[-1] if level_keys else None
    for i, asg in enumerate(s.assignments):
        if asg.actor not in s.actor_by_id:
            add("assignments", i, "actor", f"actor {asg.actor!r} does not exist")
        if asg.unit not in s.unit_by_id:
            add("assignments", i, "unit", f"unit {asg.unit!r} does not exist")
        if asg.households is not None and asg.households < 0:
            add("assignments", i, "households", f"household count must not be negative, got {asg.households}")
        if asg.start and asg.end and asg.end < asg.start:
            add("assignments", i, "end", f"ends {asg.end} before it starts {asg.start}")
        if mechanism is None or (asg.mechanism is not None and asg.mechanism != mechanism.key):
            continue
        role = roles.get(asg.role)
        if role is None:
            add("assignments", i, "role", f"role {asg.role!r} is not a role of {mechanism.key} "
                f"({', '.join(roles) or 'none'})")
            continue
        unit = s.unit_by_id.get(asg.unit)
        # A household-level role may sit on a count-only leaf (a group known by its household count).
        count_only = unit is not None and role.level == household_level and asg.unit not in s.children \
            and unit.households is not None
        if unit is not None and unit.level != role.level and not count_only:
            add("assignments", i, "unit", f"role {role.key!r} is held on {role.level} units; {unit.id!r} is a {unit.level}")
        actor = s.actor_by_id.get(asg.actor)
        if actor is not None and role.actor_kinds and actor.kind not in role.actor_kinds:
            add("assignments", i, "actor", f"{actor.id!r} is a {actor.kind}; role {role.key!r} is held by "
                f"{', '.join(role.actor_kinds)}")
    dup_asg = _dupes([f"{a.actor}\0{a.role}\0{a.unit}\0{a.start}\0{a.end}\0{a.mechanism}" for a in s.assignments])
    seen = set()
    for i, dup in enumerate(s.assignments):
        k = f"{dup.actor}\0{dup.role}\0{dup.unit}\0{dup.start}\0{dup.end}\0{dup.mechanism}"
        if k in dup_asg and k in seen:
            add("assignments", i, None, f"duplicate assignment of {dup.actor!r} to {dup.unit!r} as {dup.role!r}")
        seen.add(k)

    # ---- records
    for i, o in enumerate(county.observations):
        if o.unit not in s.unit_by_id:
            add("observations", i, "unit", f"unit {o.unit!r} does not exist")
    for i, v in enumerate(county.visits):
        if v.actor not in s.actor_by_id:
            add("visits", i, "actor", f"actor {v.actor!r} does not exist")
        if v.unit not in s.unit_by_id:
            add("visits", i, "unit", f"unit {v.unit!r} does not exist")
        if v.days < 0:
            add("visits", i, "days", f"days must not be negative, got {v.days}")
    dup_prob = _dupes([p.id for p in county.problems])
    seen = set()
    for i, p in enumerate(county.problems):
        if p.id in dup_prob and p.id in seen:
            add("problems", i, "id", f"duplicate problem id {p.id!r}")
        seen.add(p.id)
        if p.unit not in s.unit_by_id:
            add("problems", i, "unit", f"unit {p.unit!r} does not exist")
        if p.assigned_to is not None and p.assigned_to not in s.actor_by_id:
            add("problems", i, "assigned_to", f"actor {p.assigned_to!r} does not exist")
        if p.deadline is not None and p.deadline < p.found:
            add("problems", i, "deadline", f"deadline {p.deadline} is before the problem was found {p.found}")
        if p.closed is not None and p.closed < p.found:
            add("problems", i, "closed", f"closed {p.closed} before it was found {p.found}")
    for i, e in enumerate(county.points):
        if e.household not in s.unit_by_id:
            add("points", i, "household", f"unit {e.household!r} does not exist")
    task_keys: set[str] = set()
    owner = ""  # the mechanism whose campaign names the tasks (set whenever task_keys is)
    if mechanism is not None and mechanism.campaign is not None:
        task_keys = {t.key for t in mechanism.campaign.tasks} | {m.key for m in mechanism.campaign.milestones}
        owner = mechanism.key
    for i, ev in enumerate(county.events):
        if ev.unit not in s.unit_by_id:
            add("events", i, "unit", f"unit {ev.unit!r} does not exist")
        if task_keys and ev.task is not None and ev.task not in task_keys:
            add("events", i, "task", f"task {ev.task!r} is not a task or milestone of {owner}'s campaign")
    return out
