"""Who takes over: propose moves that close every gap the remaining actors can close, evenly or with fewest handovers."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable

import attrs
import numpy as np

from ..county.org import OrgStructure
from ..county.records import County
from ..coverage.arrays import CompactCounty
from ..coverage.engine import CoverageModel
from ..errors import UsageError
from ..model.labels import _
from ..model.mechanism import Mechanism
from .problem import build_role, eligible_actors, homes, leaver_of_unit, without
from .result import TIER_NAMES, Move, ReassignResult, RoleOutcome, Uncovered
from .solver import Objective, handovers, largest, repair, solve

KEEP_WITHIN = ("village", "town")


def random_leavers(actor_ids: Iterable[str], share: float, seed: int) -> list[str]:
    """``round(share × N)`` of the actors, chosen by seed."""
    ids = sorted(actor_ids)
    if not 0.0 <= share <= 1.0:
        raise UsageError(_("--share must be between 0 and 1, got {value}").format(value=share))
    k = round(share * len(ids))
    pick = np.random.default_rng(seed).choice(len(ids), size=k, replace=False) if k else np.zeros(0, np.int64)
    return [ids[i] for i in sorted(pick.tolist())]


def mechanism_actors(structure: OrgStructure, mechanism: Mechanism) -> list[str]:
    """Actors holding any role of the mechanism (the population ``--share`` draws from).

    Households holding a self-held role (their own front door, 门前三包: an actor whose kind is the
    household level's key) do not rotate and are left out.
    """
    roles = set(mechanism.role_keys)
    household = structure.levels[-1].key if structure.levels else "household"
    kinds = {a.id: a.kind for a in structure.actors}
    return sorted({a.actor for a in structure.assignments
                   if a.role in roles and a.mechanism in (None, mechanism.key) and kinds.get(a.actor) != household})


def propose(data: County | OrgStructure | CompactCounty, mechanism: Mechanism, leaving: Iterable[str], *,
            on: dt.date | None = None, objective: Objective = "balance", keep_within: str | None = None,
            time_limit: float = 20.0, use_milp: bool = True, actor_kinds: np.ndarray | None = None,
            kind_names: tuple[str, ...] = (), actor_homes: np.ndarray | None = None) -> ReassignResult:
    """Moves that cover again what ``leaving`` held (and any earlier gap) wherever the remaining capacity allows.

    From a county or structure, candidates are the remaining actors of a kind the role allows
    and homes come from ``Actor.unit``; from compact arrays, pass ``actor_kinds`` (index into
    ``kind_names`` per actor) and ``actor_homes`` (unit index, -1 unknown), or candidates are
    the role's remaining holders.
    """
    if objective not in ("balance", "fewest-moves"):
        raise UsageError(_("objective must be balance or fewest-moves, got {value}").format(value=repr(objective)))
    if keep_within not in (None, *KEEP_WITHIN):
        raise UsageError(_("keep-within must be village or town, got {value}").format(value=repr(keep_within)))
    if isinstance(data, County):
        data = data.structure
    if isinstance(data, OrgStructure):
        compact = CompactCounty.from_structure(data, mechanism, on)
        kind_names = tuple(sorted({a.kind for a in data.actors}))
        kix = {k: i for i, k in enumerate(kind_names)}
        actor_kinds = np.array([kix[a.kind] for a in data.actors], np.int64)
        uix = {u.id: i for i, u in enumerate(data.units)}
        actor_homes = np.array([uix.get(a.unit, -1) if a.unit else -1 for a in data.actors], np.int64)
    else:
        compact = data.on(on)
    aindex = {a: i for i, a in enumerate(compact.actor_ids)} if not isinstance(data, CompactCounty) else None
    leave = np.zeros(compact.n_actors, bool)
    names = tuple(dict.fromkeys(leaving))
    unknown = []
    for a in names:
        i = aindex.get(a) if aindex is not None else _numbered(compact, a)
        if i is None:
            unknown.append(a)
        else:
            leave[i] = True
    if unknown:
        raise UsageError(_("unknown actor(s) leaving: {ids}").format(
            ids=", ".join(unknown[:10]) + (" …" if len(unknown) > 10 else "")))
    home = homes(compact, actor_homes)
    model = CoverageModel.build(without(compact, leave), mechanism)
    rules_roles = {c.role for c in mechanism.coverage_rules}
    outcomes: list[RoleOutcome] = []
    moves: list[Move] = []
    uncovered: list[Uncovered] = []
    uid, aid = compact.unit_ids, compact.actor_ids
    started = time.perf_counter()
    problems = []
    for r, ra in enumerate(model.roles):
        if ra.key in rules_roles:
            ok = eligible_actors(compact, ra, actor_kinds, kind_names)
            problems.append((ra, build_role(model, r, leaving=leave, eligible=ok, home=home,
                                            from_actor=leaver_of_unit(compact, mechanism, leave, ra.key),
                                            keep_within=keep_within)))
    pending = sum(len(p.pair_bundle) for _, p in problems)
    for ra, p in problems:
        # the time left is shared by the roles still to solve, in proportion to their pairs
        left = max(0.1, time_limit - (time.perf_counter() - started))
        share = left * len(p.pair_bundle) / max(pending, 1)
        pending -= len(p.pair_bundle)
        sol = solve(p, objective, time_limit=share, use_milp=use_milp)
        p, y = repair(p, sol.y, sol.uncovered)
        reach = np.bincount(p.pair_bundle, minlength=len(p.bundle_count)) > 0
        used = np.flatnonzero(y > 0)
        used = used[np.argsort(p.pair_bundle[used], kind="stable")]
        ptr = np.searchsorted(p.pair_bundle[used], np.arange(len(p.bundle_count) + 1))
        for b, slots in enumerate(p.bundle_holders):
            idx = used[ptr[b]:ptr[b + 1]]
            given = [(int(p.cand[p.pair_cand[i]]), int(p.pair_tier[i])) for i in idx for _ in range(int(y[i]))]
            taken_from = p.bundle_from[b]
            for s, unit in enumerate(slots.tolist()):
                if s < len(given):
                    taker, tier = given[s]
                    fr = int(taken_from[s])
                    moves.append(Move(uid[unit], ra.key, aid[fr] if fr >= 0 else None, aid[taker], int(p.bundle_w[b]),
                                      bool(p.bundle_partial[b]), TIER_NAMES[tier]))
                else:
                    uncovered.append(Uncovered(uid[unit], ra.key, int(p.bundle_w[b]),
                                               "no-capacity" if reach[b] else "no-eligible-actor"))
        before = largest(p, np.zeros(len(y), np.int64))
        after = largest(p, y)
        bound = sol.bound
        covered = float((p.bundle_w[p.pair_bundle] * y).sum()) if len(y) else 0.0
        if objective == "balance" and len(p.cand):
            avg = float(np.ceil((p.load0.sum() + covered) / len(p.cand) - 1e-9))
            bound = max(bound if bound is not None else 0.0, avg, float(np.ceil(max(p.floor, p.load0.max()) - 1e-9)))
        if objective == "balance" and bound is not None:
            bound = min(bound, after)
        outcomes.append(RoleOutcome(ra.key, p.n_slots, int(y.sum()), int(p.n_slots - y.sum()), handovers(y), before,
                                    after, bound, sol.method, sol.status, round(sol.seconds, 3), p.pruned, objective))
    return ReassignResult(mechanism.key, on, objective, keep_within, names, tuple(outcomes), moves, uncovered)


def _numbered(county: CompactCounty, actor: str) -> int | None:
    try:
        ids = county.actor_ids
        if isinstance(ids, tuple | list):
            return ids.index(actor)
        k = int(actor.lstrip("A"))
        return k if 0 <= k < len(ids) and ids[k] == actor else None
    except ValueError:
        return None


def staff_optimized(structure: OrgStructure, mechanism: Mechanism, *, seed: int = 0,
                    time_limit: float = 20.0) -> OrgStructure:
    """The policy's actors (same number and kinds), their units chosen by the solver: every rule's units covered,
    loads as even as capacity and the town allow. Roles no coverage rule names keep the policy's assignments."""
    from ..county.staffing import staff

    staffed = staff(structure, mechanism, seed=seed)
    new_ids = {a.id for a in staffed.actors} - {a.id for a in structure.actors}
    ruled = {c.role for c in mechanism.coverage_rules}
    base = tuple(a for a in staffed.assignments if not (a.actor in new_ids and a.role in ruled))
    # only the generated actors take the roles: existing actors of the same kinds keep what they hold
    others = tuple(attrs.evolve(a, kind=f"\0{a.kind}") if a.id not in new_ids else a for a in staffed.actors)
    bare = attrs.evolve(staffed, actors=others, assignments=base)
    result = propose(bare, mechanism, (), objective="balance", keep_within=None, time_limit=time_limit)
    applied = result.apply(bare)
    kinds = {a.id: a for a in staffed.actors}
    return attrs.evolve(applied, actors=tuple(kinds[a.id] for a in applied.actors))


__all__ = ["KEEP_WITHIN", "mechanism_actors", "propose", "random_leavers", "staff_optimized"]
