"""Robustness: how much coverage is expected to survive when a share ``f`` of actors leaves.

Two turnover models, each computed exactly and by Monte Carlo sampling the *same* model:

``fixed`` (the default) — exactly ``K = round(f·N)`` of the ``N`` actors leave, every
subset of that size equally likely (rounding half up). A set of ``m`` given actors all
leave with the hypergeometric probability ``q(m) = C(N−m, K−m) / C(N, K) =
∏_{i<m} (K−i)/(N−i)``.

``independent`` — each actor leaves on its own with probability ``f``; ``q(m) = f^m``.

For one role, ``N`` counts the actors holding it and only they leave; a household covered
by ``d`` distinct actors stays covered with probability ``1 − q(d)``, so the expected share
is a sum over cells of ``w·(1 − q(d))``. For all roles at once (reported as role ``"all"``),
``N`` counts every actor holding any role, and the figure is the expected share of
households whose chain stays complete: by inclusion–exclusion over the roles ``S`` whose
scope includes the household, ``Σ_S (−1)^|S| q(|∪_{R∈S} C_R|)``, where ``C_R`` is the set
of actors covering it under ``R`` (an actor holding two roles is counted once in the union).

Monte Carlo draws the removed actors with a :class:`numpy.random.Generator` seeded from
``(seed, f index, role index)``, so every figure is reproducible on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import attrs
import numpy as np

from ..errors import UsageError
from ..model.labels import _
from .engine import CoverageModel, _distinct, ranges

TurnoverModel = Literal["fixed", "independent"]
ALL_ROLES = "all"
_MAX_EXACT_ROLES = 16


@attrs.frozen
class RobustnessPoint:
    """Expected coverage after turnover ``f`` among ``role``'s actors (or ``"all"``: chain completeness)."""

    f: float
    role: str
    expected_share: float | None
    """Exact expectation; None where nothing is in scope."""
    actors: int
    leaving: float
    """Actors leaving: K for the fixed model, f·N expected for the independent one."""
    monte_carlo: float | None = None
    stderr: float | None = None
    runs: int = 0


def removed_count(f: float, n: int) -> int:
    """``round(f·N)`` with halves rounded up (not to even), so 0.5 × 5 actors is 3."""
    return int(np.floor(f * n + 0.5))


def all_leave_probability(f: float, n: int, max_m: int, model: TurnoverModel) -> np.ndarray:
    """``q[m]`` for m = 0..max_m: the probability that m given actors (of n) all leave."""
    m = np.arange(max_m + 1, dtype=np.float64)
    if model == "independent":
        return np.power(float(f), m)
    k = removed_count(f, n)
    i = np.arange(max_m, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(i < k, (k - i) / np.maximum(n - i, 1), 0.0)
    return np.concatenate([[1.0], np.cumprod(ratio)])


def _check_f(f: float) -> None:
    if not 0.0 <= f <= 1.0:
        raise UsageError(_("a turnover share must be between 0 and 1, got {value}").format(value=f))


def role_pool(model: CoverageModel, role: str) -> np.ndarray:
    """The actors who may leave: a role's holders, or for the whole chain every holder of a post (self-held roles
    are no posts: their holders never leave)."""
    if role == ALL_ROLES:
        pools = [ra.actors for ra in model.roles if not ra.role.self_held]
        return _distinct(np.concatenate(pools), model.county.n_actors) if pools else np.zeros(0, np.int32)
    return model.roles[model.role_index(role)].actors


def exact_role(model: CoverageModel, r: int, f: float, turnover: TurnoverModel = "fixed") -> float | None:
    """Expected share of role ``r``'s in-scope households still covered after its actors' turnover."""
    _check_f(f)
    cells = model.cells
    ins = cells.set_id[r] >= 0
    total = int(cells.weight[ins].sum())
    if total == 0:
        return None
    d = cells.depth(r)[ins]
    if model.roles[r].role.self_held:  # nobody leaves: what is covered stays covered
        return float(cells.weight[ins][d > 0].sum() / total)
    q = all_leave_probability(f, len(model.roles[r].actors), int(d.max()) if len(d) else 0, turnover)
    return float((cells.weight[ins] * (1.0 - q[d])).sum() / total)


def _overlap_masks(model: CoverageModel) -> tuple[np.ndarray, np.ndarray]:
    """(cell, role mask) for every actor covering a cell under two or more roles."""
    cells = model.cells
    k = len(model.roles)
    counts = np.zeros(model.county.n_actors, np.int64)
    for ra in model.roles:
        counts[ra.actors] += 1
    multi = counts >= 2
    if not multi.any():
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    cell_l, actor_l, bit_l = [], [], []
    for r in range(k):
        rs = cells.sets[r]
        keep = multi[rs.member_actor]
        mset, mact = rs.member_set[keep], rs.member_actor[keep]
        order = np.argsort(mset, kind="stable")
        mset, mact = mset[order], mact[order]
        ptr = np.searchsorted(mset, np.arange(rs.n_sets + 1))
        sid = cells.set_id[r]
        cidx = np.flatnonzero(sid >= 0)
        s = sid[cidx]
        cnt = ptr[s + 1] - ptr[s]
        rows = ranges(ptr[s], cnt)
        cell_l.append(np.repeat(cidx, cnt))
        actor_l.append(mact[rows])
        bit_l.append(np.full(len(rows), 1 << r, np.int64))
    cell = np.concatenate(cell_l)
    actor = np.concatenate(actor_l)
    bit = np.concatenate(bit_l)
    key = cell * model.county.n_actors + actor
    order = np.argsort(key, kind="stable")
    key, cell, bit = key[order], cell[order], bit[order]
    flag = np.r_[True, key[1:] != key[:-1]] if len(key) else np.zeros(0, bool)
    starts = np.flatnonzero(flag)
    if not len(starts):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    mask = np.bitwise_or.reduceat(bit, starts)
    cell = cell[starts]
    pop = np.array([bin(int(x)).count("1") for x in range(1 << k)])
    many = pop[mask] >= 2
    return cell[many], mask[many]


def exact_all(model: CoverageModel, f: float, turnover: TurnoverModel = "fixed",
              _overlap: tuple[np.ndarray, np.ndarray] | None = None) -> float | None:
    """Expected share of all households whose chain stays complete when a share ``f`` of all actors leaves."""
    _check_f(f)
    cells = model.cells
    k = len(model.roles)
    total = int(cells.weight.sum())
    if total == 0:
        return None
    if k > _MAX_EXACT_ROLES:
        return None
    n = len(role_pool(model, ALL_ROLES))
    ins = cells.set_id >= 0
    d = np.stack([cells.depth(r) for r in range(k)]) if k else np.zeros((0, cells.n_cells), np.int64)
    q = all_leave_probability(f, n, int(d.sum(axis=0).max()) if k and cells.n_cells else 0, turnover)
    ov_cell, ov_mask = _overlap if _overlap is not None else _overlap_masks(model)
    pop = np.array([bin(x).count("1") for x in range(1 << k)])
    held = [r for r in range(k) if model.roles[r].role.self_held]
    held_bits = sum(1 << r for r in held)
    prob = np.zeros(cells.n_cells)
    for s in range(1 << k):
        members = [r for r in range(k) if s >> r & 1]
        valid = np.ones(cells.n_cells, bool)
        u = np.zeros(cells.n_cells, np.int64)
        for r in members:
            valid &= ins[r]
            if r in held:  # a self-held role is lost only where nobody holds it: its holders never leave
                valid &= d[r] == 0
            else:
                u += d[r]
        post_bits = s & ~held_bits
        if len(ov_cell) and bin(post_bits).count("1") >= 2:
            extra = np.maximum(pop[ov_mask & post_bits] - 1, 0)
            u -= np.bincount(ov_cell, weights=extra, minlength=cells.n_cells).astype(np.int64)
        term = np.where(valid, q[u], 0.0)
        prob += -term if len(members) % 2 else term
    return float((cells.weight * np.clip(prob, 0.0, 1.0)).sum() / total)


class _Evaluator:
    """One Monte Carlo run at a time: the shares that survive a given set of departures."""

    def __init__(self, model: CoverageModel) -> None:
        self.cells = model.cells
        self.in_total = [float(self.cells.total - o) for o in self.cells.out_of_scope]
        self.total = float(self.cells.total)

    def role_share(self, r: int, alive: np.ndarray) -> float:
        return self.cells.covered_households(r, self.cells.live_sets(r, alive)) / self.in_total[r]

    def chain_share(self, alive: np.ndarray) -> float:
        lives = [self.cells.live_sets(r, alive) for r in range(len(self.cells.sets))]
        return self.cells.chain_households(lives) / self.total


def monte_carlo(model: CoverageModel, f: float, role: str, runs: int, *, seed: int = 0, stream: Sequence[int] = (),
                turnover: TurnoverModel = "fixed", evaluator: _Evaluator | None = None) -> tuple[float | None, float | None]:
    """Mean share over ``runs`` sampled departures, and its standard error."""
    _check_f(f)
    ev = evaluator or _Evaluator(model)
    pool = role_pool(model, role)
    r = None if role == ALL_ROLES else model.role_index(role)
    if (r is not None and ev.in_total[r] == 0) or (r is None and ev.total == 0) or runs <= 0:
        return None, None
    rng = np.random.default_rng([seed, *stream])
    n = len(pool)
    k = removed_count(f, n)
    out = np.empty(runs)
    alive = np.ones(model.county.n_actors, np.float64)
    for i in range(runs):
        gone = pool[rng.choice(n, size=k, replace=False)] if turnover == "fixed" else pool[rng.random(n) < f]
        alive[gone] = 0.0
        out[i] = ev.chain_share(alive) if r is None else ev.role_share(r, alive)
        alive[gone] = 1.0
    se = float(out.std(ddof=1) / np.sqrt(runs)) if runs > 1 else None
    return float(out.mean()), se


def robustness(model: CoverageModel, shares: Sequence[float], *, roles: Sequence[str] | None = None, runs: int = 0,
               seed: int = 0, turnover: TurnoverModel = "fixed") -> tuple[RobustnessPoint, ...]:
    """The robustness curve: for each ``f`` and each role (and ``"all"``), exact and optionally Monte Carlo."""
    keys = list(roles) if roles is not None else [*(ra.key for ra in model.roles if not ra.role.self_held), ALL_ROLES]
    for key in keys:
        if key != ALL_ROLES:
            try:
                model.role_index(key)
            except KeyError:
                raise UsageError(_("unknown role {key} (roles: {roles})").format(
                    key=repr(key), roles=", ".join(ra.key for ra in model.roles))) from None
    overlap = _overlap_masks(model) if ALL_ROLES in keys else None
    ev = _Evaluator(model) if runs > 0 else None
    out = []
    for fi, f in enumerate(shares):
        _check_f(f)
        for ri, key in enumerate(keys):
            n = len(role_pool(model, key))
            exact = exact_all(model, f, turnover, overlap) if key == ALL_ROLES else \
                exact_role(model, model.role_index(key), f, turnover)
            mc = se = None
            if runs > 0:
                mc, se = monte_carlo(model, f, key, runs, seed=seed, stream=(fi, ri), turnover=turnover, evaluator=ev)
            leaving = float(removed_count(f, n)) if turnover == "fixed" else f * n
            out.append(RobustnessPoint(float(f), key, exact, n, leaving, mc, se, runs if runs > 0 else 0))
    return tuple(out)
