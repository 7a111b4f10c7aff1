"""Solving one role's re-assignment: a MILP with HiGHS (warm-started from a greedy answer), or the greedy alone.

Variables: ``y[p]`` slots of pair p's bundle its candidate takes (integer; at most one slot per
unit), ``u[b]`` slots of bundle b left uncovered, ``L`` the largest load, and for
``fewest-moves`` a binary ``z[p]`` per pair used (a handover).

* each bundle: ``Σ y + u = count``
* each candidate: ``load0 + Σ w·y ≤ L``; ``Σ w·y ≤`` households left under its cap; ``Σ y ≤`` units left
* balance: minimise ``BIG·Σu + L + ε·Σ tier·y`` — cover first, then the largest load, then stay near
* fewest-moves: minimise ``BIG·Σu + Σz + ε·Σ tier·y`` with ``y ≤ count·z``

``ε`` is small enough that locality never costs a household of load or a handover; loads are
whole households, so the bound on ``L`` is the solver's dual bound rounded up.
"""

from __future__ import annotations

import math
import os
import sys
import time
from typing import Any, Literal

import attrs
import numpy as np

from ..model.labels import L, Label, _, p_
from .problem import RoleProblem

Objective = Literal["balance", "fewest-moves"]
MAX_PAIRS = 400_000
"""Above this many pairs the MILP is not attempted: the greedy answer stands, with the averaging bound."""


@attrs.frozen(eq=False)
class Solution:
    y: np.ndarray
    """Slots per pair."""
    uncovered: np.ndarray
    """Slots per bundle left uncovered."""
    method: str
    """``milp`` (HiGHS), ``greedy`` or ``none`` (nothing to do)."""
    status: str
    bound: float | None
    """A lower bound on the objective's measure (largest load, or handovers) for answers covering as much."""
    seconds: float


def loads_after(p: RoleProblem, y: np.ndarray) -> np.ndarray:
    return p.load0 + np.bincount(p.pair_cand, weights=p.bundle_w[p.pair_bundle] * y, minlength=len(p.cand))


def largest(p: RoleProblem, y: np.ndarray) -> float:
    after = loads_after(p, y)
    return max(p.floor, float(after.max()) if len(after) else 0.0)


def handovers(y: np.ndarray) -> int:
    return int(np.count_nonzero(y))


def _ub(p: RoleProblem) -> np.ndarray:
    """Slots a pair may take: one where the bundle is one unit's slots (distinct actors), else the bundle's count."""
    single_unit = np.array([len(h) > 0 and bool((h == h[0]).all()) and len(h) > 1 for h in p.bundle_holders], bool)
    return np.where(single_unit[p.pair_bundle], 1, p.bundle_count[p.pair_bundle]).astype(np.int64) \
        if len(p.pair_bundle) else np.zeros(0, np.int64)


METHOD_NAMES: dict[str, Label] = {"milp": _("MILP"), "greedy": _("greedy"),
                                   "none": p_("solver", "none")}
"""How a role was solved, as a person reads it (``Solution.method`` stays the key in JSON)."""
NOTHING_TO_DO, NO_CANDIDATE, TOO_LARGE, GREEDY_ASKED = ("nothing to do", "no candidate", "too large for the MILP",
                                                        "greedy asked")
NO_ANSWER = "solver gave no answer ({status})"
STATUS_NAMES: dict[str, Label] = {
    NOTHING_TO_DO: _("nothing to do"),
    NO_CANDIDATE: _("no candidate"),
    TOO_LARGE: _("too large for the MILP"),
    GREEDY_ASKED: _("greedy asked"),
    # HiGHS's model status strings (highspy ``modelStatusToString``) the MILP ends with
    "Optimal": _("optimal"),
    "Time limit reached": _("time limit reached"),
    "Infeasible": _("infeasible"),
    "Interrupted by user": _("interrupted"),
    "Solution limit reached": _("solution limit reached"),
    "Iteration limit reached": _("iteration limit reached"),
    "Objective bound": _("objective bound reached"),
    "Objective target": _("objective target reached"),
    "Unknown": _("unknown"),
}
"""The status strings :class:`Solution` carries (JSON keeps them as they are), in both languages for a table."""


def method_label(method: str, status: str) -> Label:
    """``method (status)`` as a person reads it: 贪心算法（按 --greedy 要求）, greedy (greedy asked). A status the
    solver gives that is not listed here shows as written, inside the named method."""
    m = METHOD_NAMES.get(method, Label(method, method))
    prefix, sep, rest = status.partition(" (")
    if sep and NO_ANSWER.startswith(prefix + sep) and rest.endswith(")"):
        inner = STATUS_NAMES.get(rest[:-1], Label(rest[:-1], rest[:-1]))
        st = L(f"求解器未给出答案（{inner.zh}）", f"solver gave no answer ({inner.en})")
    else:
        st = STATUS_NAMES.get(status, Label(status, status))
    return L(f"{m.zh}（{st.zh}）", f"{m.en} ({st.en})")


def greedy(p: RoleProblem, objective: Objective) -> np.ndarray:
    """Slots per pair, bundle by bundle (most households first).

    balance: each slot to the candidate that raises the largest load least, nearer first, then less loaded;
    fewest-moves: each bundle to the nearest candidate with most room, as many slots as fit.
    """
    y = np.zeros(len(p.pair_bundle), np.int64)
    load = p.load0.copy()
    rem_h, rem_u = p.rem_h.copy(), p.rem_u.copy()
    ub = _ub(p)
    order = np.argsort(p.pair_bundle, kind="stable")
    ptr = np.searchsorted(p.pair_bundle[order], np.arange(len(p.bundle_count) + 1))
    # aim at the averaging bound from the start: nearer takers are preferred only while they stay under it
    avg = math.ceil((float(load.sum()) + float((p.bundle_count * p.bundle_w).sum())) / max(len(load), 1) - 1e-9)
    top = max(p.floor, float(load.max()) if len(load) else 0.0, float(avg))
    for b in np.argsort(-p.bundle_w, kind="stable").tolist():
        idx = order[ptr[b]:ptr[b + 1]]
        if not len(idx):
            continue
        w = float(p.bundle_w[b])
        c = p.pair_cand[idx]
        tier = p.pair_tier[idx]
        left = int(p.bundle_count[b])
        while left > 0:
            room = (rem_h[c] >= w) & (rem_u[c] >= 1) & (y[idx] < ub[idx])
            if not room.any():
                break
            if objective == "balance":
                raise_to = np.maximum(load[c] + w, top)
                key = np.lexsort((load[c], tier, raise_to, ~room))
                j = int(key[0])
                take = 1
            else:
                fit = np.minimum(np.floor(np.minimum(rem_h[c] / w if w > 0 else np.inf, rem_u[c])), ub[idx] - y[idx])
                key = np.lexsort((-fit, tier, ~room))
                j = int(key[0])
                take = int(min(left, fit[j])) if np.isfinite(fit[j]) else left
            a = int(c[j])
            y[idx[j]] += take
            load[a] += w * take
            rem_h[a] -= w * take
            rem_u[a] -= take
            top = max(top, float(load[a]))
            left -= take
    return y


def repair(p: RoleProblem, y: np.ndarray, uncovered: np.ndarray) -> tuple[RoleProblem, np.ndarray]:
    """Slots left uncovered, offered to every candidate within reach with room (nearest, then least loaded).

    With pruned candidate lists a slot may be uncovered while someone further away has room;
    this pass closes every such gap, so what stays uncovered has no candidate with room.
    """
    if not uncovered.any() or not len(p.cand):
        return p, y
    load = loads_after(p, y)
    units = p.units0 + np.bincount(p.pair_cand, weights=y, minlength=len(p.cand))
    cap_h = p.rem_h + p.load0
    cap_u = p.rem_u + p.units0
    existing = {(int(b), int(c)): i for i, (b, c) in enumerate(zip(p.pair_bundle.tolist(), p.pair_cand.tolist(),
                                                                      strict=True))}
    extra: dict[tuple[int, int], list[int]] = {}  # (bundle, candidate) -> [tier, slots]
    y = y.copy()
    for b in np.flatnonzero(uncovered > 0).tolist():
        w = float(p.bundle_w[b])
        tier = np.where((p.cand_v == p.bundle_v[b]) & (p.bundle_v[b] >= 0), 0,
                        np.where((p.cand_t == p.bundle_t[b]) & (p.bundle_t[b] >= 0), 1, 2))
        one_unit = len(p.bundle_holders[b]) > 1 and bool((p.bundle_holders[b] == p.bundle_holders[b][0]).all())
        ok = tier <= p.max_tier
        ok[p.bundle_barred[b]] = False
        if one_unit:  # distinct actors on one unit: those who already hold it or took a slot are barred
            ok[[c for (bb, c), i in existing.items() if bb == b and y[i] > 0]] = False
        for __ in range(int(uncovered[b])):
            room = ok & (load + w <= cap_h) & (units + 1 <= cap_u)
            if not room.any():
                break
            c = int(np.lexsort((load, tier, ~room))[0])
            load[c] += w
            units[c] += 1
            if one_unit:
                ok[c] = False
            if (b, c) in existing:
                y[existing[(b, c)]] += 1
            else:
                extra.setdefault((b, c), [int(tier[c]), 0])[1] += 1
    if not extra:
        return p, y
    keys = list(extra)
    q = attrs.evolve(p, pair_bundle=np.concatenate([p.pair_bundle, [k[0] for k in keys]]).astype(np.int64),
                     pair_cand=np.concatenate([p.pair_cand, [k[1] for k in keys]]).astype(np.int64),
                     pair_tier=np.concatenate([p.pair_tier, [extra[k][0] for k in keys]]).astype(np.int64))
    return q, np.concatenate([y, [extra[k][1] for k in keys]]).astype(np.int64)


def _highs() -> Any:
    """A silent HiGHS instance (its first construction prints a banner on file descriptor 1: JSON on stdout
    must stay clean, so that descriptor points at /dev/null meanwhile)."""
    import highspy

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            make: Any = highspy.Highs
            h = make()
            h.setOptionValue("output_flag", False)
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    return h


def _rows(n_rows: int, row: np.ndarray, col: np.ndarray, val: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    order = np.argsort(row, kind="stable")
    starts = np.searchsorted(row[order], np.arange(n_rows)).astype(np.int32)
    return starts, col[order].astype(np.int32), val[order].astype(np.float64)


def solve(p: RoleProblem, objective: Objective, *, time_limit: float = 10.0, use_milp: bool = True) -> Solution:
    t0 = time.perf_counter()
    n_p, n_b = len(p.pair_bundle), len(p.bundle_count)
    if n_b == 0:
        return Solution(np.zeros(0, np.int64), np.zeros(0, np.int64), "none", NOTHING_TO_DO, None, 0.0)
    y0 = greedy(p, objective)
    unc0 = p.bundle_count - np.bincount(p.pair_bundle, weights=y0, minlength=n_b).astype(np.int64)
    if not use_milp or n_p == 0 or n_p > MAX_PAIRS:
        status = NO_CANDIDATE if n_p == 0 else (TOO_LARGE if n_p > MAX_PAIRS else GREEDY_ASKED)
        return Solution(y0, unc0, "greedy", status, None, time.perf_counter() - t0)
    import highspy

    h = _highs()
    h.setOptionValue("time_limit", float(max(time_limit, 0.1)))
    h.setOptionValue("mip_rel_gap", 1e-6)
    fewest = objective == "fewest-moves"
    ub = _ub(p).astype(np.float64)
    w = p.bundle_w[p.pair_bundle].astype(np.float64)
    slots_w = float((p.bundle_count * p.bundle_w).sum())
    l_lo = max(p.floor, float(p.load0.max()) if len(p.load0) else 0.0)
    big = (n_p + 1.0) if fewest else (l_lo + slots_w + 1.0)
    eps = 1.0 / (2.0 * p.n_slots + 2.0)
    # columns: y (n_p), u (n_b), L (1), z (n_p if fewest)
    n_z = n_p if fewest else 0
    n_col = n_p + n_b + 1 + n_z
    lo = np.zeros(n_col)
    hi = np.concatenate([ub, p.bundle_count.astype(np.float64), [math.inf], np.ones(n_z)])
    lo[n_p + n_b] = l_lo
    cost = np.concatenate([eps * p.pair_tier, np.full(n_b, big), [0.0 if fewest else 1.0], np.ones(n_z)])
    h.addVars(n_col, lo, hi)
    h.changeColsCost(n_col, np.arange(n_col, dtype=np.int32), cost)
    ints = np.concatenate([np.arange(n_p + n_b), np.arange(n_p + n_b + 1, n_col)]).astype(np.int32)
    h.changeColsIntegrality(len(ints), ints, np.ones(len(ints), np.uint8))
    rows_r: list[np.ndarray] = []
    rows_c: list[np.ndarray] = []
    rows_v: list[np.ndarray] = []
    lower: list[np.ndarray] = []
    upper: list[np.ndarray] = []
    n_rows = 0

    def add(r: np.ndarray, c: np.ndarray, v: np.ndarray, lo_: np.ndarray, hi_: np.ndarray, count: int) -> None:
        nonlocal n_rows
        rows_r.append(r + n_rows)
        rows_c.append(c)
        rows_v.append(v)
        lower.append(lo_)
        upper.append(hi_)
        n_rows += count

    pidx = np.arange(n_p)
    cnt = p.bundle_count.astype(np.float64)
    add(np.concatenate([p.pair_bundle, np.arange(n_b)]), np.concatenate([pidx, n_p + np.arange(n_b)]),
        np.ones(n_p + n_b), cnt, cnt, n_b)
    used, cand_row = np.unique(p.pair_cand, return_inverse=True)
    cand_row = cand_row.ravel()
    k = len(used)
    if not fewest:
        add(np.concatenate([cand_row, np.arange(k)]), np.concatenate([pidx, np.full(k, n_p + n_b)]),
            np.concatenate([w, -np.ones(k)]), np.full(k, -math.inf), -p.load0[used], k)
    cap_h = np.isfinite(p.rem_h[used])
    if cap_h.any():
        sel = cap_h[cand_row]
        rmap = np.cumsum(cap_h) - 1
        add(rmap[cand_row[sel]], pidx[sel], w[sel], np.full(int(cap_h.sum()), -math.inf),
            np.maximum(p.rem_h[used][cap_h], 0.0), int(cap_h.sum()))
    cap_u = np.isfinite(p.rem_u[used])
    if cap_u.any():
        sel = cap_u[cand_row]
        rmap = np.cumsum(cap_u) - 1
        add(rmap[cand_row[sel]], pidx[sel], np.ones(int(sel.sum())), np.full(int(cap_u.sum()), -math.inf),
            np.maximum(p.rem_u[used][cap_u], 0.0), int(cap_u.sum()))
    if fewest:
        add(np.concatenate([pidx, pidx]), np.concatenate([pidx, n_p + n_b + 1 + pidx]),
            np.concatenate([np.ones(n_p), -ub]), np.full(n_p, -math.inf), np.zeros(n_p), n_p)
    starts, index, value = _rows(n_rows, np.concatenate(rows_r), np.concatenate(rows_c), np.concatenate(rows_v))
    h.addRows(n_rows, np.concatenate(lower), np.concatenate(upper), len(index), starts, index, value)
    start = np.concatenate([y0, unc0, [largest(p, y0)], (y0 > 0).astype(np.float64)[:n_z]]).astype(np.float64)
    sol = highspy.HighsSolution()
    sol.col_value = start.tolist()
    h.setSolution(sol)
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    info = h.getInfo()
    values = np.asarray(h.getSolution().col_value, np.float64)
    if len(values) != n_col or not np.isfinite(info.objective_function_value) or info.objective_function_value >= 1e300:
        return Solution(y0, unc0, "greedy", NO_ANSWER.format(status=status), None, time.perf_counter() - t0)
    y = np.rint(values[:n_p]).astype(np.int64)
    unc = p.bundle_count - np.bincount(p.pair_bundle, weights=y, minlength=n_b).astype(np.int64)
    measure = (lambda yy: handovers(yy)) if fewest else (lambda yy: largest(p, yy))
    if (int(unc.sum()), measure(y)) > (int(unc0.sum()), measure(y0)):  # never worse than the start it was given
        y, unc = y0, unc0
    dual = float(info.mip_dual_bound)
    bound = math.ceil(dual - big * float(unc.sum()) - 0.5 - 1e-9) if np.isfinite(dual) else None
    if bound is not None and not fewest:
        bound = max(bound, math.ceil(l_lo - 1e-9))
    return Solution(y, unc, "milp", status, None if bound is None else float(bound), time.perf_counter() - t0)
