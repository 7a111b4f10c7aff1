"""The coverage engine: a mechanism applied to a :class:`CompactCounty`, reduced to a few arrays per role.

Two reductions make every figure cheap, at county or province scale:

**Holders.** Role R is held on the units of its level (for a household-level role, also on
childless units that stand for uncounted households). Its assignments become distinct
(actor, holder) *pairs*; per holder we keep ``n_full`` (actors covering all its households),
``partial_hh`` (households covered by partial assignments, summed and capped) and ``w`` (its
households). Unit-weighted figures, load, gaps and single points of failure come from these.

**Cells.** Two households are interchangeable for coverage when, for every role, they lie in
(or out of) its scope alike and the *set* of actors covering them is the same. Households
are grouped into such cells once, with a household weight each; per role a cell points to
its actor set (``-1``: out of the role's scope). Household-weighted coverage, chain
completeness, redundancy, robustness and every Monte Carlo run are sums over cells — at a
million households with a party member per fifteen there are about one cell per
(group, party member, village cadre) combination, so a pass touches ~10⁵ cells, not 10⁶
households, and never a Python object.

Partial assignments (``households = k`` on a childless unit standing for uncounted
households) are laid out as consecutive, disjoint runs of that unit's households, in actor
order, capped at the unit's count: the households ``[c, c+k)`` are covered by that actor.
That makes "the same county with explicit household rows" exactly equivalent when each
actor's households form such a run.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import cached_property

import attrs
import numpy as np

from ..errors import DataError, DataProblem
from ..model.labels import _
from ..model.mechanism import CoverageRule, Mechanism, Role
from .arrays import ALL, CompactCounty

_I64_SAFE = 1 << 62
_U64 = (1 << 64) - 1


def _group_starts(sorted_keys: np.ndarray) -> np.ndarray:
    if len(sorted_keys) == 0:
        return np.zeros(0, dtype=np.int64)
    flag = np.empty(len(sorted_keys), dtype=bool)
    flag[0] = True
    np.not_equal(sorted_keys[1:], sorted_keys[:-1], out=flag[1:])
    return np.flatnonzero(flag)


def _is_sorted(a: np.ndarray) -> bool:
    return len(a) < 2 or bool((a[1:] >= a[:-1]).all())


def _distinct(ids: np.ndarray, n: int) -> np.ndarray:
    """Sorted distinct values of ``ids`` in ``[0, n)`` (a bincount, not a sort or hash)."""
    out: np.ndarray = np.flatnonzero(np.bincount(ids, minlength=n) > 0).astype(np.int32) if len(ids) else np.zeros(0, np.int32)
    return out


def _sorted_unique(a: np.ndarray) -> np.ndarray:
    """Sorted distinct values by one sort (numpy's hash-based ``unique`` is slow on large int arrays)."""
    a = np.sort(a)
    out: np.ndarray = a[_group_starts(a)]
    return out


def ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """Concatenation of ``arange(s, s + c)`` for each (s, c), without a Python loop (CSR rows gathered at once)."""
    counts = np.asarray(counts, dtype=np.int64)
    total = int(counts.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    offsets = np.repeat(np.cumsum(counts) - counts, counts)
    out: np.ndarray = np.repeat(np.asarray(starts, dtype=np.int64), counts) + (np.arange(total, dtype=np.int64) - offsets)
    return out


@attrs.frozen(eq=False)
class RoleArrays:
    """One role of the mechanism, reduced to its holders and (actor, holder) pairs."""

    role: Role
    level: int
    standing_in: bool
    """True for a household-level role: childless units above the household level hold it for their households."""
    holders: np.ndarray
    """Unit indices that can hold the role (sorted)."""
    w: np.ndarray
    """Households of each holder."""
    unit_weight: np.ndarray
    """What a holder counts for in unit-weighted figures: 1, or its households for a household-level role."""
    in_scope: np.ndarray
    missing_in_scope: bool
    """Whether households with no unit on the role's level (under a childless unit above it) are in scope."""
    pair_actor: np.ndarray
    pair_holder: np.ndarray
    pair_full: np.ndarray
    pair_households: np.ndarray
    """Households each pair covers: the holder's when full, else the partial count capped at the holder's."""
    part_idx: np.ndarray
    """Partial pairs whose run of households is not empty (pair indices, sorted)."""
    part_lo: np.ndarray
    part_hi: np.ndarray
    """Each such pair's run ``[lo, hi)`` among its holder's households."""
    n_full: np.ndarray
    """Per holder, actors covering all its households."""
    partial_hh: np.ndarray
    """Per holder, households covered by partial runs (summed, capped at its households)."""
    actors: np.ndarray
    """Distinct actors holding the role (global indices, sorted)."""
    off_level: int
    """Assignments of this role on units of another level (they do not count; validation reports them)."""

    @property
    def key(self) -> str:
        return self.role.key

    @cached_property
    def reach(self) -> np.ndarray:
        """Distinct actors on each holder (full or partial)."""
        return np.bincount(self.pair_holder, minlength=self.n_holders).astype(np.int32)

    @property
    def n_holders(self) -> int:
        return len(self.holders)

    def covered_holders(self, min_actors: int = 1) -> np.ndarray:
        """Holders whose every household has at least ``min_actors`` covering actors."""
        full_ok = self.n_full >= min_actors
        part_ok = (self.partial_hh == self.w) & (self.w > 0) & (self.n_full + 1 >= min_actors)
        out: np.ndarray = full_ok | part_ok
        return out

    def satisfied_weight(self, min_actors: int) -> np.ndarray:
        """Per holder, how much of its unit weight satisfies ``min_actors`` (all, the partial run, or none)."""
        if not self.standing_in:
            return self.covered_holders(min_actors).astype(np.int64)
        return np.where(self.n_full >= min_actors, self.w, np.where(self.n_full + 1 >= min_actors, self.partial_hh, 0))


def _build_role(county: CompactCounty, role: Role, level: int) -> RoleArrays:
    standing_in = level == county.household_level
    holders = county.household_holders if standing_in else county.by_level[level]
    nh = len(holders)
    w = county.holder_households(level)
    edges = county.edges.get(role.key)
    n_act = max(county.n_actors, 1)
    if edges is None or len(edges) == 0:
        a = h = k = np.zeros(0, np.int64)
        off = 0
    else:
        pos = county.holder_position(level)[edges.unit]
        ok = pos >= 0
        off = int(len(edges) - np.count_nonzero(ok))
        if off:
            a, h, k = edges.actor[ok], pos[ok], edges.households[ok]
        else:
            a, h, k = edges.actor, pos, edges.households
        del pos, ok
        if (k >= 0).any():  # partial counts are honoured only where the holder has no children
            k = np.where(county.has_children[holders[h]], ALL, k)
    key = h.astype(np.int64) * n_act + a
    if not _is_sorted(key):
        order = np.argsort(key, kind="stable")
        key, a, h, k = key[order], a[order], h[order], k[order]
        del order
    starts = _group_starts(key)
    unique = len(starts) == len(key)
    del key
    if unique:
        pair_actor, pair_holder = a, h
        full = k < 0
        psum = k
    else:
        pair_actor, pair_holder = a[starts], h[starts]
        full = np.logical_or.reduceat(k < 0, starts) if len(starts) else np.zeros(0, bool)
        psum = np.add.reduceat(np.where(k < 0, 0, k), starts) if len(starts) else np.zeros(0, np.int64)
    pair_actor = pair_actor.astype(np.int32, copy=False)
    pair_holder = pair_holder.astype(np.int32, copy=False)
    pw = w[pair_holder]
    pair_hh = np.where(full, pw, np.minimum(psum, pw)).astype(np.int32)
    del pw, psum
    keep = full | (pair_hh > 0)
    if not keep.all():
        pair_actor, pair_holder, full, pair_hh = pair_actor[keep], pair_holder[keep], full[keep], pair_hh[keep]
    # lay partial pairs out as consecutive runs within their holder, in actor order
    pidx = np.flatnonzero(~full)
    lo = hi = np.zeros(0, np.int64)
    if len(pidx):
        ph = pair_holder[pidx]
        pk = pair_hh[pidx].astype(np.int64)
        cum = np.cumsum(pk)
        gstart = _group_starts(ph)
        base = np.repeat(cum[gstart] - pk[gstart], np.diff(np.append(gstart, len(ph))))
        c = cum - base
        cap = w[ph]
        lo, hi = np.minimum(c - pk, cap), np.minimum(c, cap)
    n_full = np.bincount(pair_holder[full], minlength=nh).astype(np.int32)
    partial_hh = np.bincount(pair_holder[pidx], weights=hi - lo, minlength=nh).astype(np.int32)
    run = hi > lo
    return RoleArrays(
        role=role, level=level, standing_in=standing_in, holders=holders, w=w,
        unit_weight=w if standing_in else np.ones(nh, np.int32),
        in_scope=county.scope_mask(role.scope, holders), missing_in_scope=role.scope.matches(()),
        pair_actor=pair_actor, pair_holder=pair_holder, pair_full=full, pair_households=pair_hh,
        part_idx=pidx[run], part_lo=lo[run], part_hi=hi[run], n_full=n_full, partial_hh=partial_hh,
        actors=_distinct(pair_actor, county.n_actors), off_level=off)


@attrs.frozen(eq=False)
class RoleSets:
    """The distinct actor sets that cover cells under one role, as (set, actor) membership rows."""

    size: np.ndarray
    member_set: np.ndarray
    member_actor: np.ndarray

    @property
    def n_sets(self) -> int:
        return len(self.size)

    def alive_counts(self, alive: np.ndarray | None) -> np.ndarray:
        """Covering actors still present, per set (``alive``: bool per actor; None means everyone)."""
        if alive is None:
            return self.size
        return np.bincount(self.member_set, weights=alive[self.member_actor], minlength=self.n_sets)


@attrs.frozen(eq=False)
class Cells:
    """Households grouped by identical coverage: weight per cell, per role the covering set (-1: out of scope)."""

    weight: np.ndarray
    set_id: np.ndarray
    """(roles × cells) int32."""
    sets: tuple[RoleSets, ...]

    @property
    def n_cells(self) -> int:
        return len(self.weight)

    @cached_property
    def total(self) -> int:
        return int(self.weight.sum())

    @cached_property
    def out_of_scope(self) -> np.ndarray:
        """Households outside each role's scope."""
        return np.array([int(self.weight[self.set_id[r] < 0].sum()) for r in range(len(self.sets))], np.int64)

    @cached_property
    def set_weight(self) -> tuple[np.ndarray, ...]:
        """Per role, the households of the cells each set covers (int64)."""
        out = []
        for r, rs in enumerate(self.sets):
            sid = self.set_id[r]
            inside = sid >= 0
            out.append(np.bincount(sid[inside], weights=self.weight[inside], minlength=rs.n_sets).astype(np.int64))
        return tuple(out)

    @cached_property
    def set_cells(self) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
        """Per role, the cells of each set as CSR (pointer per set, cell indices grouped by set)."""
        out = []
        for r, rs in enumerate(self.sets):
            sid = self.set_id[r]
            inside = np.flatnonzero(sid >= 0)
            order = inside[np.argsort(sid[inside], kind="stable")].astype(np.int32)
            ptr = np.zeros(rs.n_sets + 1, np.int64)
            np.cumsum(np.bincount(sid[inside], minlength=rs.n_sets), out=ptr[1:])
            out.append((ptr, order))
        return tuple(out)

    def live_sets(self, r: int, alive: np.ndarray | None) -> np.ndarray:
        """Sets of role ``r`` with at least one covering actor still present (bool per set)."""
        return self.sets[r].alive_counts(alive) > 0

    def covered_households(self, r: int, live: np.ndarray) -> int:
        """Households in role ``r``'s scope whose set is live (integer dot: see :meth:`CoverageModel.coverage_pass`)."""
        return int(np.dot(live, self.set_weight[r]))

    def chain_households(self, lives: Sequence[np.ndarray]) -> int:
        """Households whose every role's set is live, given each role's live sets.

        Only the cells of dead sets are touched (with a tenth of actors gone, a tenth of each
        role's cells), not every cell once per role.
        """
        dead = np.zeros(self.n_cells, bool)
        for r, live in enumerate(lives):
            gone = np.flatnonzero(~live)
            if len(gone):
                ptr, cells = self.set_cells[r]
                dead[cells[ranges(ptr[gone], ptr[gone + 1] - ptr[gone])]] = True
        return self.total - int(np.dot(dead, self.weight))

    def depth(self, r: int) -> np.ndarray:
        """Distinct covering actors of role ``r`` per cell (0 where out of scope)."""
        sid = self.set_id[r]
        return np.where(sid >= 0, self.sets[r].size[np.maximum(sid, 0)], 0)


class _Codes:
    """Per role, a code for the actor set covering each household segment, so cells are unique code tuples.

    Code 0 is "in scope, nobody"; -1 is "out of scope"; 1..N are singletons {actor};
    then one code per holder with two or more full actors; then one per partial pair on a
    holder that also has full actors. Singletons are shared across holders, which is
    what compresses a million households into a few hundred thousand cells.
    """

    def __init__(self, county: CompactCounty, ra: RoleArrays) -> None:
        self.ra = ra
        n_r = len(ra.actors)
        amap = np.zeros(county.n_actors, np.int64)
        amap[ra.actors] = np.arange(len(ra.actors))
        local = amap[ra.pair_actor]
        multi = ra.n_full >= 2
        multi_rank = np.cumsum(multi) - 1
        self.n_multi = int(multi.sum())
        solo = np.full(ra.n_holders, -1, np.int64)
        fidx = np.flatnonzero(ra.pair_full)
        solo[ra.pair_holder[fidx]] = local[fidx]
        code = np.where(ra.n_full == 0, 0, np.where(ra.n_full == 1, 1 + solo, 1 + n_r + multi_rank))
        code = np.where(ra.in_scope, code, -1)
        # one extra slot at the end answers for "no holder" (index -1); stored + 1 so codes are >= 0
        self.bound = 1 + n_r + int(multi.sum()) + len(ra.part_idx) + 1
        dtype = np.uint32 if self.bound < (1 << 32) else np.uint64
        self.holder_code = (np.append(code, 0 if ra.missing_in_scope else -1) + 1).astype(dtype)
        self.n_r = n_r
        pidx = ra.part_idx
        self.part_idx = pidx
        ph = ra.pair_holder[pidx]
        aug_base = 1 + n_r + self.n_multi
        self.part_code = np.where(ra.n_full[ph] == 0, 1 + local[pidx], aug_base + np.arange(len(pidx)))
        self.part_code = (np.where(ra.in_scope[ph], self.part_code, -1) + 1).astype(dtype)
        self.part_unit = ra.holders[ph]

    def decode(self, codes: np.ndarray) -> RoleSets:
        """Membership of the sets named by ``codes`` (each >= 0), in the order given."""
        ra = self.ra
        n = len(codes)
        size = np.zeros(n, np.int64)
        m_set: list[np.ndarray] = []
        m_act: list[np.ndarray] = []
        single = (codes >= 1) & (codes <= self.n_r)
        si = np.flatnonzero(single)
        size[si] = 1
        m_set.append(si)
        m_act.append(ra.actors[codes[si] - 1].astype(np.int64))
        # full actors of holders (pairs are sorted by holder)
        full_idx = np.flatnonzero(ra.pair_full)
        full_ptr = np.zeros(ra.n_holders + 1, np.int64)
        np.cumsum(ra.n_full, out=full_ptr[1:])
        multi_holders = np.flatnonzero(ra.n_full >= 2)
        mi = np.flatnonzero((codes > self.n_r) & (codes <= self.n_r + self.n_multi))
        ai = np.flatnonzero(codes > self.n_r + self.n_multi)
        hold = np.concatenate([multi_holders[codes[mi] - 1 - self.n_r],
                               self.ra.pair_holder[self.part_idx[codes[ai] - 1 - self.n_r - self.n_multi]]]).astype(np.int64)
        owners = np.concatenate([mi, ai])
        counts = ra.n_full[hold]
        rows = ranges(full_ptr[hold], counts)
        m_set.append(np.repeat(owners, counts))
        m_act.append(ra.pair_actor[full_idx[rows]].astype(np.int64))
        size[owners] = counts
        if len(ai):
            m_set.append(ai)
            m_act.append(ra.pair_actor[self.part_idx[codes[ai] - 1 - self.n_r - self.n_multi]].astype(np.int64))
            size[ai] += 1
        return RoleSets(size=size, member_set=np.concatenate(m_set).astype(np.int64),
                        member_actor=np.concatenate(m_act).astype(np.int64))


def _build_cells(county: CompactCounty, roles: Sequence[RoleArrays]) -> Cells:
    leaves = county.leaves
    n_leaves = len(leaves)
    leaf_w = county.households[leaves]
    codes = [_Codes(county, ra) for ra in roles]
    # segments: a leaf is one segment unless partial runs split it
    part_units = np.concatenate([c.part_unit for c in codes]) if codes else np.zeros(0, np.int64)
    span = int(leaf_w.max()) + 1 if n_leaves else 1
    if len(part_units):
        lo_all = np.concatenate([c.ra.part_lo for c in codes])
        hi_all = np.concatenate([c.ra.part_hi for c in codes])
        ppos = np.searchsorted(leaves, part_units)
        split = _sorted_unique(ppos)
        keys = _sorted_unique(np.concatenate([ppos * span + lo_all, ppos * span + hi_all,
                                         split * span, split * span + leaf_w[split]]))
        kpos, kval = keys // span, keys % span
        same = kpos[1:] == kpos[:-1]
        s_pos = kpos[:-1][same]
        s_lo = kval[:-1][same]
        s_len = (kval[1:] - kval[:-1])[same]
        whole = np.ones(n_leaves, bool)
        whole[split] = False
        wpos = np.flatnonzero(whole)
        seg_pos = np.concatenate([wpos, s_pos])
        seg_lo = np.concatenate([np.zeros(len(wpos), np.int64), s_lo])
        seg_len = np.concatenate([leaf_w[wpos], s_len])
        n_whole = len(wpos)
    else:
        seg_pos = None  # segments are the leaves
        seg_lo = np.zeros(0, np.int64)
        seg_len = leaf_w
        n_whole = n_leaves
    # holders of each leaf, per level needed (one upward walk)
    need = sorted({ra.level for ra in roles if not ra.standing_in}, reverse=True)
    anc: dict[int, np.ndarray] = {}
    cur = leaves.copy()
    lev = county.level[leaves]
    top = int(lev.max()) if n_leaves else 0
    for target in need:
        for step in range(top, target, -1):
            up = lev == step
            if up.all():
                cur = county.parent[cur]
                lev = lev - 1
            else:
                np.copyto(cur, county.parent[cur], where=up)
                lev = np.where(up, lev - 1, lev).astype(county.level.dtype)
            del up
        top = target
        pos = county.position[cur]
        pos[lev != target] = -1
        anc[target] = pos
    del cur, lev

    def role_codes(i: int, idx: np.ndarray | None) -> np.ndarray:
        """Codes of role ``i`` for the segments ``idx`` (all when None), shifted to be >= 0."""
        c, ra = codes[i], roles[i]
        leafpos = seg_pos if idx is None else (idx if seg_pos is None else seg_pos[idx])
        if ra.standing_in:
            hl = county.holder_position(ra.level)[leaves if leafpos is None else leaves[leafpos]]
        else:
            hl = anc[ra.level] if leafpos is None else anc[ra.level][leafpos]
        out: np.ndarray = c.holder_code[hl]
        del hl
        if len(c.part_idx) and seg_pos is not None:
            segs = np.arange(len(seg_pos)) if idx is None else idx
            in_split = segs >= n_whole
            if in_split.any():
                ss = segs[in_split]
                sp, slo = seg_pos[ss], seg_lo[ss]
                pkey = np.searchsorted(leaves, c.part_unit) * span + ra.part_lo
                j = np.searchsorted(pkey, sp * span + slo, side="right") - 1
                jc = np.maximum(j, 0)
                hit = (j >= 0) & (pkey[jc] // span == sp) & (slo < ra.part_hi[jc])
                sub = out[in_split]
                sub[hit] = c.part_code[jc[hit]]
                out[in_split] = sub
        return out

    n_seg = len(seg_len)
    order_roles = sorted(range(len(roles)), key=lambda r: codes[r].bound)
    bounds = [codes[r].bound for r in order_roles]
    if math.prod(bounds) <= _U64:
        # one exact mixed-radix key per segment; cells are its distinct values, codes decode from it
        key = np.zeros(n_seg, np.uint64)
        for r in order_roles:
            key *= np.uint64(codes[r].bound)
            key += role_codes(r, None)
        if n_seg and bool((seg_len == 1).all()):
            key.sort()
            starts = _group_starts(key)
            uniq = key[starts]
            weight = np.diff(np.append(starts, n_seg)).astype(np.int64)
        else:
            uniq, inv = np.unique(key, return_inverse=True)
            weight = np.bincount(inv.ravel(), weights=seg_len, minlength=len(uniq)).astype(np.int64)
            del inv
        del key
        cell_codes = {}
        rest = uniq
        for r in reversed(order_roles):
            b = np.uint64(codes[r].bound)
            cell_codes[r] = (rest % b).astype(np.int64) - 1
            rest = rest // b
    else:
        # too many combinations for one 64-bit dkey: densify as we go, keep a representative segment per cell
        dkey = np.zeros(n_seg, np.int64)
        bound = 1
        for r in order_roles:
            radix = codes[r].bound
            if bound * radix >= _I64_SAFE:
                dkey = np.unique(dkey, return_inverse=True)[1].astype(np.int64).ravel()
                bound = int(dkey.max()) + 1 if n_seg else 1
            dkey *= radix
            dkey += role_codes(r, None).astype(np.int64)
            bound *= radix
        order = np.argsort(dkey)
        ks = dkey[order]
        starts = _group_starts(ks)
        cell_of = np.zeros(n_seg, np.int64)
        cell_of[starts[1:]] = 1
        np.cumsum(cell_of, out=cell_of)
        reps = order[starts]
        weight = np.bincount(cell_of, weights=seg_len[order]).astype(np.int64) if n_seg else np.zeros(0, np.int64)
        del order, ks, cell_of, dkey
        cell_codes = {r: role_codes(r, reps).astype(np.int64) - 1 for r in range(len(roles))}
    n_cells = len(weight)
    set_id = np.full((len(roles), n_cells), -1, np.int32)
    sets = []
    for i in range(len(roles)):
        rc = cell_codes[i]
        valid = rc >= 0
        uniq_codes, inv = np.unique(rc[valid], return_inverse=True)
        set_id[i, valid] = inv.ravel()
        if len(uniq_codes) == 0:  # keep one (empty) set so lookups through clipped ids stay in bounds
            uniq_codes = np.zeros(1, np.int64)
        sets.append(codes[i].decode(uniq_codes))
    return Cells(weight=weight, set_id=set_id, sets=tuple(sets))


@attrs.frozen(eq=False)
class CoverageModel:
    """A mechanism applied to a compact county: role arrays and cells, built once, queried many times."""

    county: CompactCounty
    mechanism: Mechanism
    roles: tuple[RoleArrays, ...]
    cells: Cells

    @classmethod
    def build(cls, county: CompactCounty, mechanism: Mechanism) -> CoverageModel:
        lindex = {k: i for i, k in enumerate(county.levels)}
        problems = [DataProblem.of("levels", None, "key", _(
            "mechanism {mechanism} holds role {role} on level {level}, which this county does not have (levels: "
            "{levels})").format(mechanism=repr(mechanism.key), role=repr(r.key), level=repr(r.level),
                                levels=" > ".join(county.levels)))
                    for r in mechanism.roles if r.level not in lindex]
        problems += [DataProblem.of("levels", None, "key", _(
            "mechanism {mechanism} rule {rule} is on level {level}, which this county does not have").format(
                mechanism=repr(mechanism.key), rule=repr(c.key), level=repr(c.level)))
                     for c in mechanism.coverage_rules if c.level not in lindex]
        if problems:
            raise DataError(problems)
        roles = tuple(_build_role(county, r, lindex[r.level]) for r in mechanism.roles)
        return cls(county, mechanism, roles, _build_cells(county, roles))

    def role_index(self, key: str) -> int:
        for i, ra in enumerate(self.roles):
            if ra.key == key:
                return i
        raise KeyError(key)

    # ---- the coverage pass: households covered per role and chain-complete households

    def coverage_pass(self, alive: np.ndarray | None = None) -> tuple[np.ndarray, int]:
        """Households covered by each role (in its scope) and chain-complete households.

        ``alive`` (bool per actor) removes the actors marked False first; this is the pass
        every Monte Carlo run repeats.
        """
        cells = self.cells
        # integer dot products on purpose: a float one goes to BLAS, whose spinning threads then slow every
        # numpy call that follows (seven-fold in a Monte Carlo loop on two cores)
        lives = [cells.live_sets(r, alive) for r in range(len(self.roles))]
        covered = np.array([cells.covered_households(r, live) for r, live in enumerate(lives)], np.int64)
        return covered, cells.chain_households(lives)

    def households_in_scope(self, r: int) -> int:
        return int(self.cells.weight[self.cells.set_id[r] >= 0].sum())

    # ---- gaps

    def gaps(self, rule: CoverageRule) -> tuple[np.ndarray, np.ndarray]:
        """Units of the rule's level in its scope not reached by enough actors, with their unreached households."""
        county = self.county
        k = county.levels.index(rule.level)
        hh_level = county.household_level
        pick = county.level == k
        if k == hh_level:  # childless units above the household level stand for their households
            pick |= (~county.has_children) & (county.level < hh_level) & (county.households > 0)
        units = np.flatnonzero(pick & county.scope_mask(rule.scope))
        try:
            ra = self.roles[self.role_index(rule.role)]
        except KeyError:
            return units, county.subtree_households[units]
        w = county.subtree_households[units]
        if ra.standing_in:
            hl = county.holder_position(ra.level)[units]
        else:
            anc = county.ancestor_at(units, ra.level) if ra.level <= k else np.full(len(units), -1)
            hl = np.where(anc >= 0, county.position[np.maximum(anc, 0)], -1)
        has = hl >= 0
        hlc = np.maximum(hl, 0)
        n_full = np.where(has, ra.n_full[hlc], 0)
        own = has & (ra.holders[hlc] == units)  # partial runs count only on the holder itself
        part = np.where(own, ra.partial_hh[hlc], 0)
        need = rule.min_actors
        short = np.where(n_full >= need, 0, np.where(n_full + 1 >= need, w - part, w))
        gap = (short > 0) | ((w == 0) & (n_full < need))
        return units[gap], short[gap]
