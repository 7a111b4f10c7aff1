"""Is this a sound county, and does it fit this mechanism? Every problem at once, each located.

Structure checks (one root, a tree, levels in order, unique ids, no dangling references,
valid dates, non-negative household counts, and no count on a unit that contradicts the units
under it) need only the county. Mechanism checks
(assignment roles known, on the role's level, held by an allowed kind of actor) need the
mechanism too. Problems name file, row and field through the county's :class:`Origin`.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ..errors import DataProblem
from ..model.mechanism import Mechanism
from .messages import below_en, below_zh, kind_zh, level_zh, levels_zh, problem, role_zh
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

    def add(table: str, index: int | None, field: str | None, kind: str, **values: Any) -> None:
        """A problem of ``kind`` (:data:`~mechanisms.county.messages.MESSAGES`) in both languages."""
        if index is None:
            out.append(problem(kind, county.origin.files.get(table, table), None, field, **values))
        else:
            file, row = where(table, index)
            out.append(problem(kind, file, row, field, **values))

    level_keys = [lv.key for lv in s.levels]
    for key in _dupes(level_keys):
        add("levels", None, "key", "level-twice", k=key)
    level_index = s.level_index

    # ---- units
    dup_units = _dupes([u.id for u in s.units])
    seen: set[str] = set()
    for i, u in enumerate(s.units):
        if u.id in dup_units and u.id in seen:
            add("units", i, "id", "unit-duplicate", v=u.id)
        seen.add(u.id)
        if u.level not in level_index:
            add("units", i, "level", "unknown-level", v=u.level, known=" > ".join(level_keys),
                known_zh=levels_zh(s.levels))
        if u.households is not None and u.households < 0:
            add("units", i, "households", "unit-negative", v=u.households)
        if u.parent is None:
            continue
        if u.parent == u.id:
            add("units", i, "parent", "unit-own-parent", v=u.id)
            continue
        parent = s.unit_by_id.get(u.parent)
        if parent is None:
            add("units", i, "parent", "unit-dangling", v=u.parent)
        elif u.level in level_index and parent.level in level_index \
                and level_index[u.level] != level_index[parent.level] + 1:
            above = level_index[parent.level]
            add("units", i, "level", "unit-level-order", u=u.id, lv=u.level, plv=parent.level, p=parent.id,
                exp=below_en(level_keys, above), lv_zh=level_zh(s.levels, u.level),
                plv_zh=level_zh(s.levels, parent.level), exp_zh=below_zh(s.levels, above))
    roots = [i for i, u in enumerate(s.units) if u.parent is None]
    if not s.units:
        add("units", None, None, "no-units")
    elif not roots:
        add("units", None, "parent", "no-root")
    elif len(roots) > 1:
        for i in roots[1:]:
            add("units", i, "parent", "unit-second-root", v=s.units[i].id, f=s.units[roots[0]].id)
    if roots:
        root = s.units[roots[0]]
        if root.level in level_index and level_index[root.level] != 0:
            add("units", roots[0], "level", "unit-root-level", v=root.id, lv=root.level, top=level_keys[0],
                lv_zh=level_zh(s.levels, root.level), top_zh=level_zh(s.levels, level_keys[0]))
        # units not reachable from the root sit on a cycle (dangling parents are reported above)
        reachable = {root.id, *(d.id for d in s.descendants(root.id))}
        # a duplicate id can close a loop under the root (T1 → V1 → a second T1): the walk above stops at it
        for i, u in enumerate(s.units):  # only a duplicate id can: each id has one parent otherwise
            if u.id in dup_units and u.parent is not None and u.parent in reachable and u.id in _ancestry(s, u.parent):
                add("units", i, "parent", "unit-loop", v=u.id)
        for i, u in enumerate(s.units):
            if u.id not in reachable and u.parent is not None and u.parent in s.unit_by_id \
                    and u.parent != u.id and i not in roots:
                add("units", i, "parent", "unit-cycle", v=u.id)

    # a count on a unit with units under it is not used (they give its households): it must not contradict them
    counted = [i for i, u in enumerate(s.units) if u.households is not None and u.households >= 0 and u.id in s.children]
    if counted:
        counts = s.household_counts  # what the engines count: household rows, else the counts of childless units
        for i in counted:
            u = s.units[i]
            if u.id in counts and counts[u.id] != u.households:
                add("units", i, "households", "unit-count", u=u.id, c=u.households, s=counts[u.id])

    # ---- actors
    dup_actors = _dupes([a.id for a in s.actors])
    seen = set()
    for i, a in enumerate(s.actors):
        if a.id in dup_actors and a.id in seen:
            add("actors", i, "id", "actor-duplicate", v=a.id)
        seen.add(a.id)
        if a.unit is not None and a.unit not in s.unit_by_id:
            add("actors", i, "unit", "unit-missing", v=a.unit)

    # ---- assignments
    roles = {r.key: r for r in mechanism.roles} if mechanism else {}
    household_level = level_keys[-1] if level_keys else None
    for i, asg in enumerate(s.assignments):
        if asg.actor not in s.actor_by_id:
            add("assignments", i, "actor", "actor-missing", v=asg.actor)
        if asg.unit not in s.unit_by_id:
            add("assignments", i, "unit", "unit-missing", v=asg.unit)
        if asg.households is not None and asg.households < 0:
            add("assignments", i, "households", "assignment-negative", v=asg.households)
        if asg.start and asg.end and asg.end < asg.start:
            add("assignments", i, "end", "assignment-backwards", e=asg.end, s=asg.start)
        if mechanism is None or (asg.mechanism is not None and asg.mechanism != mechanism.key):
            continue
        role = roles.get(asg.role)
        if role is None:
            add("assignments", i, "role", "assignment-role", v=asg.role, m=mechanism.key, known=", ".join(roles) or "none",
                known_zh="、".join(r.label.zh or r.key for r in mechanism.roles) or "无")
            continue
        unit = s.unit_by_id.get(asg.unit)
        # A household-level role may sit on a count-only leaf (a group known by its household count).
        count_only = unit is not None and role.level == household_level and asg.unit not in s.children \
            and unit.households is not None
        if unit is not None and unit.level != role.level and not count_only:
            add("assignments", i, "unit", "assignment-level", r=role.key, rl=role.level, u=unit.id, ul=unit.level,
                r_zh=role_zh(mechanism, role.key), rl_zh=level_zh(s.levels, role.level),
                ul_zh=level_zh(s.levels, unit.level))
        actor = s.actor_by_id.get(asg.actor)
        if actor is not None and role.actor_kinds and actor.kind not in role.actor_kinds:
            add("assignments", i, "actor", "assignment-kind", a=actor.id, k=actor.kind, r=role.key,
                allowed=", ".join(role.actor_kinds), k_zh=kind_zh(actor.kind), r_zh=role_zh(mechanism, role.key),
                allowed_zh="、".join(kind_zh(k) for k in role.actor_kinds))
    dup_asg = _dupes([f"{a.actor}\0{a.role}\0{a.unit}\0{a.start}\0{a.end}\0{a.mechanism}" for a in s.assignments])
    seen = set()
    for i, dup in enumerate(s.assignments):
        k = f"{dup.actor}\0{dup.role}\0{dup.unit}\0{dup.start}\0{dup.end}\0{dup.mechanism}"
        if k in dup_asg and k in seen:
            add("assignments", i, None, "assignment-duplicate", a=dup.actor, u=dup.unit, r=dup.role)
        seen.add(k)

    # ---- records
    for i, o in enumerate(county.observations):
        if o.unit not in s.unit_by_id:
            add("observations", i, "unit", "unit-missing", v=o.unit)
    for i, v in enumerate(county.visits):
        if v.actor not in s.actor_by_id:
            add("visits", i, "actor", "actor-missing", v=v.actor)
        if v.unit not in s.unit_by_id:
            add("visits", i, "unit", "unit-missing", v=v.unit)
        if v.days < 0:
            add("visits", i, "days", "visit-days", v=v.days)
    dup_prob = _dupes([p.id for p in county.problems])
    seen = set()
    for i, p in enumerate(county.problems):
        if p.id in dup_prob and p.id in seen:
            add("problems", i, "id", "problem-duplicate", v=p.id)
        seen.add(p.id)
        if p.unit not in s.unit_by_id:
            add("problems", i, "unit", "unit-missing", v=p.unit)
        if p.assigned_to is not None and p.assigned_to not in s.actor_by_id:
            add("problems", i, "assigned_to", "actor-missing", v=p.assigned_to)
        if p.deadline is not None and p.deadline < p.found:
            add("problems", i, "deadline", "problem-deadline", a=p.deadline, f=p.found)
        if p.closed is not None and p.closed < p.found:
            add("problems", i, "closed", "problem-closed", a=p.closed, f=p.found)
    for i, e in enumerate(county.points):
        if e.household not in s.unit_by_id:
            add("points", i, "household", "unit-missing", v=e.household)
    task_keys: set[str] = set()
    owner = ""  # the mechanism whose campaign names the tasks (set whenever task_keys is)
    if mechanism is not None and mechanism.campaign is not None:
        task_keys = {t.key for t in mechanism.campaign.tasks} | {m.key for m in mechanism.campaign.milestones}
        owner = mechanism.key
    for i, ev in enumerate(county.events):
        if ev.unit not in s.unit_by_id:
            add("events", i, "unit", "unit-missing", v=ev.unit)
        if task_keys and ev.task is not None and ev.task not in task_keys:
            add("events", i, "task", "event-task", v=ev.task, m=owner)
    return out
