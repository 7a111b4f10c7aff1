"""The re-assignment problem of one role, built from the coverage engine's arrays.

After the leavers' edges are dropped, every gap a coverage rule of the role reports becomes
*slots* on the role's holders: ``need - n_full`` actors for a unit short of actors (one of them
partial where a count-only unit is partly covered). Slots that are interchangeable — one slot
on a holder nobody else holds, same village and town, same households — are pooled into a
*bundle*, so a million-household county has a few thousand bundles, not a hundred thousand
slots. Candidates are the remaining actors of an eligible kind; each (bundle, candidate) pair
carries a locality tier: 0 same village, 1 same town, 2 anywhere.
"""

from __future__ import annotations

import attrs
import numpy as np

from ..coverage.arrays import CompactCounty
from ..coverage.engine import CoverageModel, RoleArrays
from ..model.mechanism import Mechanism

TIERS = {"village": 0, "town": 1, None: 2}
FULL_PAIRS = 60_000
"""Up to this many (bundle, candidate) pairs every candidate within reach is offered; above it, a bundle is
offered its village, and the ``PRUNE_K`` least-loaded candidates of its town and of the county."""
PRUNE_K = 24


@attrs.frozen(eq=False)
class RoleProblem:
    """Bundles of slots, candidates and the pairs between them for one role."""

    role: int
    key: str
    bundle_count: np.ndarray
    """Slots in each bundle."""
    bundle_w: np.ndarray
    """Households each slot of the bundle covers."""
    bundle_partial: np.ndarray
    """Whether the bundle's slots are partial edges (``households`` on a count-only unit)."""
    bundle_holders: tuple[np.ndarray, ...]
    """Unit indices of the bundle's slots (one per slot)."""
    bundle_from: tuple[np.ndarray, ...]
    """The leaver who held each slot's unit (-1: a gap that was there before)."""
    cand: np.ndarray
    """Candidate actors (global indices)."""
    load0: np.ndarray
    units0: np.ndarray
    rem_h: np.ndarray
    """Households each candidate may still take (inf: no cap)."""
    rem_u: np.ndarray
    pair_bundle: np.ndarray
    pair_cand: np.ndarray
    """Index into ``cand``."""
    pair_tier: np.ndarray
    pruned: bool
    floor: float
    bundle_v: np.ndarray
    bundle_t: np.ndarray
    cand_v: np.ndarray
    cand_t: np.ndarray
    max_tier: int
    bundle_barred: tuple[np.ndarray, ...]
    """Per bundle, candidates (indices into ``cand``) who already hold its unit and may not take a slot of it."""
    """The largest load among the role's remaining actors who take nothing (a floor under any answer)."""

    @property
    def n_slots(self) -> int:
        return int(self.bundle_count.sum())


def _locality(county: CompactCounty, units: np.ndarray, level: int) -> tuple[np.ndarray, np.ndarray]:
    """Village and town of each unit, as seen from a role on ``level`` (the unit itself above those levels)."""
    village = max(county.household_level - 2, 1)
    units = np.asarray(units, np.int64)
    ok = units >= 0
    safe = np.where(ok, units, 0)
    v = np.where(ok, county.ancestor_at(safe, min(level, village)), -1)
    t = np.where(ok, county.ancestor_at(safe, min(level, 1)), -1)
    return v, t


def homes(county: CompactCounty, given: np.ndarray | None = None) -> np.ndarray:
    """Each actor's home unit: ``given`` where known (>= 0), else the lowest-numbered unit they hold."""
    home = np.full(county.n_actors, np.iinfo(np.int64).max, np.int64)
    for e in county.edges.values():
        if len(e):
            np.minimum.at(home, e.actor.astype(np.int64), e.unit.astype(np.int64))
    home[home == np.iinfo(np.int64).max] = -1
    if given is not None:
        home = np.where(given >= 0, given, home)
    return home


def _slots(model: CoverageModel, r: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Holder positions, slots needed and households of the last slot, for every gap of role ``r``'s rules."""
    county, ra = model.county, model.roles[r]
    need = np.zeros(ra.n_holders, np.int64)
    for rule in model.mechanism.coverage_rules:
        if rule.role != ra.key or rule.level not in county.levels:
            continue
        units, _ = model.gaps(rule)
        if not len(units):
            continue
        if ra.standing_in:
            hl = county.holder_position(ra.level)[units]
        else:
            anc = county.ancestor_at(units, ra.level)
            hl = np.where(anc >= 0, county.position[np.maximum(anc, 0)], -1)
        hl = hl[hl >= 0]
        np.maximum.at(need, hl, rule.min_actors)
    short = need - ra.n_full
    holders = np.flatnonzero((need > 0) & (short > 0))
    k = short[holders]
    w = ra.w[holders].astype(np.int64)
    part = ra.partial_hh[holders].astype(np.int64)
    # one partial slot covers what the partial runs leave; where more than one slot is short, all are full
    last = np.where((k == 1) & (part > 0) & (part < w), w - part, w)
    return holders, k, last


def build_role(model: CoverageModel, r: int, *, leaving: np.ndarray, eligible: np.ndarray, home: np.ndarray,
               from_actor: np.ndarray, keep_within: str | None) -> RoleProblem:
    """The problem of role ``r`` in ``model`` (the county without the leavers' edges)."""
    county, ra = model.county, model.roles[r]
    role = ra.role
    hpos, k, last = _slots(model, r)
    n_act = county.n_actors
    load = np.bincount(ra.pair_actor, weights=ra.pair_households, minlength=n_act)
    units = np.bincount(ra.pair_actor, minlength=n_act)
    cand = np.flatnonzero(eligible & ~leaving)
    cap_h = np.inf if role.capacity_households is None else float(role.capacity_households)
    cap_u = np.inf if role.capacity is None else float(role.capacity)
    others = np.setdiff1d(ra.actors, cand)
    floor = float(load[others].max()) if len(others) else 0.0
    hunits = ra.holders[hpos].astype(np.int64)
    hv, ht = _locality(county, hunits, ra.level)
    av, at = _locality(county, home[cand], ra.level)
    # bundles: single-slot holders nobody holds pool by (village, town, households, partial)
    nobody = ra.reach[hpos] == 0
    simple = (k == 1) & nobody
    partial = last < ra.w[hpos]
    key = np.where(simple, 0, 1 + np.arange(len(hpos)))
    rows = np.stack([key, hv, ht, last, partial.astype(np.int64)], axis=1) if len(hpos) else np.zeros((0, 5), np.int64)
    uniq, inv = np.unique(rows, axis=0, return_inverse=True) if len(hpos) else (rows, np.zeros(0, np.int64))
    inv = inv.ravel()
    order = np.argsort(inv, kind="stable")
    starts = np.searchsorted(inv[order], np.arange(len(uniq) + 1))
    holders_of = tuple(hunits[order[starts[b]:starts[b + 1]]] for b in range(len(uniq)))
    count = np.array([int(k[order[starts[b]:starts[b + 1]]].sum()) for b in range(len(uniq))], np.int64)
    b_holders = tuple(np.repeat(h, k[order[starts[b]:starts[b + 1]]]) for b, h in enumerate(holders_of))
    b_from = tuple(from_actor[h] for h in b_holders)
    bw = uniq[:, 3] if len(uniq) else np.zeros(0, np.int64)
    bv, bt = (uniq[:, 1], uniq[:, 2]) if len(uniq) else (np.zeros(0, np.int64), np.zeros(0, np.int64))
    max_tier = TIERS[keep_within]
    pb, pc, pt = _pairs(bv, bt, av, at, load[cand], max_tier)
    pruned = False
    if len(pb) > FULL_PAIRS:
        room = units[cand].astype(np.float64) if role.capacity is not None else load[cand]
        pb, pc, pt = _pruned_pairs(bv, bt, av, at, room, max_tier)
        pruned = True
    # slots on a holder somebody still holds exclude that somebody (bundles of such holders are single-holder)
    if len(pb) and len(ra.pair_actor):
        held = set(zip(ra.holders[ra.pair_holder].tolist(), ra.pair_actor.tolist(), strict=True))
        first = np.array([int(h[0]) if len(h) else -1 for h in holders_of], np.int64)
        multi = uniq[:, 0] > 0
        look = np.flatnonzero(multi[pb])
        bad = np.zeros(len(pb), bool)
        bad[look] = [(int(first[b]), int(cand[c])) in held for b, c in zip(pb[look].tolist(), pc[look].tolist(), strict=True)]
        pb, pc, pt = pb[~bad], pc[~bad], pt[~bad]
    return RoleProblem(r, ra.key, count, bw.astype(np.int64), uniq[:, 4].astype(bool) if len(uniq) else np.zeros(0, bool),
                       b_holders, b_from, cand, load[cand].astype(np.float64), units[cand].astype(np.float64),
                       cap_h - load[cand], cap_u - units[cand], pb, pc, pt, pruned, floor,
                       bv, bt, av, at, max_tier, _barred(ra, cand, holders_of, uniq[:, 0] > 0 if len(uniq) else
                                                         np.zeros(0, bool)))


def _barred(ra: RoleArrays, cand: np.ndarray, holders_of: tuple[np.ndarray, ...],
            single: np.ndarray) -> tuple[np.ndarray, ...]:
    empty = np.zeros(0, np.int64)
    if not single.any():
        return tuple(empty for _ in holders_of)
    pos = {int(u): i for i, u in enumerate(ra.holders.tolist())}
    local = {int(a): i for i, a in enumerate(cand.tolist())}
    out = []
    for b, h in enumerate(holders_of):
        if not single[b] or not len(h):
            out.append(empty)
            continue
        on = ra.pair_actor[ra.pair_holder == pos[int(h[0])]]
        out.append(np.array([local[int(a)] for a in on.tolist() if int(a) in local], np.int64))
    return tuple(out)


def _tier(bv: np.ndarray, bt: np.ndarray, av: np.ndarray, at: np.ndarray) -> np.ndarray:
    return np.where((bv[:, None] == av[None, :]) & (bv[:, None] >= 0), 0,
                    np.where((bt[:, None] == at[None, :]) & (bt[:, None] >= 0), 1, 2))


def _pairs(bv: np.ndarray, bt: np.ndarray, av: np.ndarray, at: np.ndarray, load: np.ndarray,
           max_tier: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every (bundle, candidate) within reach — unless there are too many, then an empty answer is never given."""
    if len(bv) * len(av) > 4 * FULL_PAIRS:
        return np.zeros(FULL_PAIRS + 1, np.int64), np.zeros(0, np.int64), np.zeros(0, np.int64)
    t = _tier(bv, bt, av, at)
    b, c = np.nonzero(t <= max_tier)
    return b.astype(np.int64), c.astype(np.int64), t[b, c].astype(np.int64)


def _pruned_pairs(bv: np.ndarray, bt: np.ndarray, av: np.ndarray, at: np.ndarray, load: np.ndarray,
                  max_tier: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per bundle: its village's candidates, the K with most room in its town, K of the county's roomiest."""
    by_load = np.argsort(load, kind="stable")
    village: dict[int, np.ndarray] = {}
    town: dict[int, np.ndarray] = {}
    vo, to = av[by_load], at[by_load]
    for key, arr, out in ((vo, by_load, village), (to, by_load, town)):
        srt = np.argsort(key, kind="stable")
        ks = key[srt]
        cut = np.flatnonzero(np.diff(ks)) + 1
        for grp in np.split(np.arange(len(ks)), cut):
            if len(grp):
                out[int(ks[grp[0]])] = arr[srt[grp]]
    spread = by_load[:max(PRUNE_K, min(len(by_load), 8 * PRUNE_K))]
    pb: list[np.ndarray] = []
    pc: list[np.ndarray] = []
    pt: list[np.ndarray] = []
    for b in range(len(bv)):
        v0 = village.get(int(bv[b]), np.zeros(0, np.int64)) if bv[b] >= 0 else np.zeros(0, np.int64)
        parts = [(v0, 0)]
        if max_tier >= 1:
            t1 = town.get(int(bt[b]), np.zeros(0, np.int64)) if bt[b] >= 0 else np.zeros(0, np.int64)
            parts.append((t1[av[t1] != bv[b]][:PRUNE_K], 1))
        if max_tier >= 2 and len(spread):
            county_k = spread[(b * PRUNE_K + np.arange(PRUNE_K)) % len(spread)]  # bundles share the load
            county_k = np.unique(county_k)
            parts.append((county_k[(at[county_k] != bt[b]) | (bt[b] < 0)], 2))
        for arr, tier in parts:
            pb.append(np.full(len(arr), b, np.int64))
            pc.append(arr.astype(np.int64))
            pt.append(np.full(len(arr), tier, np.int64))
    cat = np.concatenate
    return (cat(pb), cat(pc), cat(pt)) if pb else (np.zeros(0, np.int64),) * 3


def eligible_actors(county: CompactCounty, ra: RoleArrays, kinds: np.ndarray | None,
                    kind_names: tuple[str, ...]) -> np.ndarray:
    """Actors who may take role ``ra``: of one of its kinds where kinds are known; always those holding it."""
    ok = np.zeros(county.n_actors, bool)
    ok[ra.actors] = True
    if kinds is not None:
        wanted = [i for i, k in enumerate(kind_names) if k in ra.role.actor_kinds]
        ok |= np.isin(kinds, wanted)
    return ok


def without(county: CompactCounty, leaving: np.ndarray) -> CompactCounty:
    """The county with every edge of a leaving actor dropped."""
    edges = {}
    for key, e in county.edges.items():
        keep = ~leaving[e.actor]
        edges[key] = attrs.evolve(e, actor=e.actor[keep], unit=e.unit[keep], households=e.households[keep],
                                  start=None if e.start is None else e.start[keep],
                                  end=None if e.end is None else e.end[keep])
    return attrs.evolve(county, edges=edges)


def leaver_of_unit(county: CompactCounty, mechanism: Mechanism, leaving: np.ndarray, role: str) -> np.ndarray:
    """Per unit, a leaver who held it under ``role`` (-1: none)."""
    out = np.full(county.n_units, -1, np.int64)
    e = county.edges.get(role)
    if e is not None and len(e):
        gone = leaving[e.actor]
        out[e.unit[gone]] = e.actor[gone]
    return out
