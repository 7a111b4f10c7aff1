"""One simulated run: a staffed county stepped day by day under a scenario, on arrays.

The model (see ``docs/simulation.md`` for the full statement):

* **Posts and turnover.** Every post (an actor holding a role) starts filled. Its holder
  leaves after an exponential time with the role's yearly rate; the post is then vacant
  for the role's replacement delay, after which a successor arrives (and may leave in
  turn). Meanwhile the reassignment policy picks a *stand-in*: the least-loaded filled post
  of the same role on the same unit (``remaining``; for household roles, in the same
  village) or in the same town (``least-loaded-in-town``), or nobody (``none``). A stand-in
  answers for the vacant post's households until the successor arrives; if the stand-in
  leaves first, a new one is picked.
* **Visits.** A post visits at its role's interval (from the role's frequency, or the
  scenario's ``visit_interval``): on days ``floor(φ + k·T)`` (T the interval) with a random phase φ; each
  scheduled visit takes place with the role's compliance probability, and only while the
  post is filled. A visit reaches every household of every unit the post holds, and those
  of the vacant posts it stands in for.
* **Risk events** arise at households as a Poisson process (``event_rate`` a year), on a
  uniformly drawn day, and are found by the first visit that reaches them on that day or
  later. The engine works on the coverage engine's cells (households covered by the same
  actors, role by role): events arrive per cell at rate × households, and a visit to the
  cell finds all its pending events — exact, because every household of a cell is reached
  by the same visits. A group known only by its household count is such a cell.

There is a Python loop over days (365 a year) and over turnover events (departures,
arrivals), never over households or actor-days: each day's visits become reached cells,
and reached cells with pending events become found events, in a few array operations.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..coverage.engine import ranges
from ..model.mechanism import Mechanism
from ..model.periods import Period
from .params import NEVER, Params, SeedLike, generator, run_seed
from .prepared import SimCounty, prepare
from .results import Table
from .scenario import Scenario
from .tallies import Tallies
from .turnover import Posts

__all__ = ["METRICS", "NEVER", "Params", "SeedLike", "generator", "run_seed", "simulate", "simulate_prepared"]


def _periods(start: dt.date, days: int, kind: str) -> tuple[np.ndarray, list[str]]:
    """Period index of each day and the period labels (``2024-01``, ``2024Q1``, …)."""
    index = np.zeros(days, dtype=np.int64)
    labels: list[str] = []
    current: Period | None = None
    for d in range(days):
        day = start + dt.timedelta(days=d)
        if current is None or not current.contains(day):
            current = Period.containing(day, kind)  # type: ignore[arg-type]
            labels.append(str(current))
        index[d] = len(labels) - 1
    return index, labels


class _Visits:
    """The run's visit schedule, drawn once: scheduled days per post (phase and compliance), and daily visitors."""

    def __init__(self, sim: SimCounty, p: Params, rng: np.random.Generator) -> None:
        days_l: list[np.ndarray] = []
        posts_l: list[np.ndarray] = []
        daily_l: list[np.ndarray] = []
        daily_c: list[np.ndarray] = []
        n_days = p.days
        for r, interval in enumerate(p.interval):
            lo, hi = int(sim.role_start[r]), int(sim.role_start[r + 1])
            c = float(p.compliance[r])
            if interval is None or hi == lo or c <= 0:
                continue
            posts = np.arange(lo, hi, dtype=np.int64)
            if interval <= 1.0:
                daily_l.append(posts)
                daily_c.append(np.full(len(posts), c))
                continue
            phase = rng.random(len(posts)) * interval
            counts = np.ceil((n_days - phase) / interval).astype(np.int64).clip(min=0)
            k = ranges(np.zeros(len(posts), np.int64), counts)
            day = np.floor(np.repeat(phase, counts) + k * interval).astype(np.int64)
            who = np.repeat(posts, counts)
            keep = day < n_days
            if c < 1.0:
                keep &= rng.random(len(day)) < c
            days_l.append(day[keep])
            posts_l.append(who[keep])
        day = np.concatenate(days_l) if days_l else np.zeros(0, np.int64)
        who = np.concatenate(posts_l) if posts_l else np.zeros(0, np.int64)
        # a stable sort of small integers is a radix sort in numpy: linear in the number of visits
        order = np.argsort(day.astype(np.int16) if n_days < 32_768 else day, kind="stable")
        self.post = who[order].astype(np.int64)
        self.ptr = np.zeros(n_days + 1, dtype=np.int64)
        np.cumsum(np.bincount(day, minlength=n_days), out=self.ptr[1:])
        self.daily = np.concatenate(daily_l) if daily_l else np.zeros(0, np.int64)
        self.daily_c = np.concatenate(daily_c) if daily_c else np.zeros(0)
        self.daily_all = bool(len(self.daily_c)) and bool((self.daily_c >= 1.0).all())

    def on(self, d: int, alive: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """Posts that visit on day ``d`` (filled, scheduled, and the visit took place)."""
        v = self.post[self.ptr[d]:self.ptr[d + 1]]
        v = v[alive[v]]
        if len(self.daily):
            m = alive[self.daily]
            if not self.daily_all:
                m &= rng.random(len(self.daily)) < self.daily_c
            v = np.concatenate([v, self.daily[m]])
        return v


class _Events:
    """Risk events of the run, sorted by (cell, day), and the pointer to each cell's first event not yet found."""

    def __init__(self, sim: SimCounty, p: Params, rng: np.random.Generator) -> None:
        n_days = p.days
        self.span = n_days + 1
        n = rng.poisson(p.event_rate * n_days / 365.0 * sim.cell_weight.astype(np.float64))
        cell = np.repeat(np.arange(sim.n_cells, dtype=np.int64), n)
        day = rng.integers(0, n_days, size=len(cell))
        self.key = np.sort(cell * self.span + day)
        self.day = self.key % self.span
        self.cell = self.key // self.span
        start = np.zeros(sim.n_cells + 1, dtype=np.int64)
        np.cumsum(n, out=start[1:])
        self.ptr = start[:-1].copy()
        self.end = start[1:]
        self.day_s = np.append(self.day, NEVER)
        self.next_day = np.where(self.ptr < self.end, self.day_s[np.minimum(self.ptr, len(self.day))], NEVER)
        self.found = np.full(len(self.key), -1, dtype=np.int64)

    def visit(self, cells: np.ndarray, d: int) -> None:
        """Cells reached on day ``d`` find every event that arose there on or before ``d``."""
        pend = cells[self.next_day[cells] <= d]
        if not len(pend):
            return
        pend = np.unique(pend)
        lo = self.ptr[pend]
        hi = np.searchsorted(self.key, pend * self.span + d, side="right")
        self.found[ranges(lo, hi - lo)] = d
        self.ptr[pend] = hi
        self.next_day[pend] = np.where(hi < self.end[pend], self.day_s[hi], NEVER)


def _run(sim: SimCounty, p: Params, rng: np.random.Generator) -> dict[str, Any]:
    """The day loop; returns per-day series and per-event outcomes."""
    n_days, n_roles = p.days, sim.n_roles
    events = _Events(sim, p, rng)
    visits = _Visits(sim, p, rng)
    state = Posts(sim, p, rng)
    cover = Tallies(sim)
    serving = np.ones(sim.n_posts, dtype=bool)
    cur_cov, cur_chain = cover.share, cover.chain
    cov = np.empty((n_days, n_roles))
    chain = np.empty(n_days)
    vacancy = np.empty((n_days, n_roles))
    load_mean = np.empty((n_days, n_roles))
    load_max = np.empty((n_days, n_roles))
    n_visits = np.zeros((n_days, n_roles), dtype=np.int64)
    starts = sim.role_start
    posts_per_role = np.diff(starts)
    cur_vac = np.zeros(n_roles)
    cur_lm = np.full(n_roles, np.nan)
    cur_lx = np.full(n_roles, np.nan)

    def loads(roles: Sequence[int]) -> None:
        for r in roles:
            lo, hi = int(starts[r]), int(starts[r + 1])
            if hi == lo:
                continue
            k = int(np.count_nonzero(state.alive[lo:hi]))
            cur_vac[r] = 1.0 - k / (hi - lo)
            c = state.carried[lo:hi]  # a vacant post carries nothing
            cur_lm[r] = float(c.sum()) / k if k else np.nan
            cur_lx[r] = float(c.max()) if k else np.nan

    loads(range(n_roles))
    mark = np.zeros(sim.n_posts, dtype=bool)
    pc_ptr = sim.post_cells_ptr
    pc_cnt = np.diff(pc_ptr)
    next_change = state.next_change()
    role_of = sim.post_role.astype(np.int64)
    for d in range(n_days):
        if d >= next_change:
            touched = state.step(d)
            if len(touched):
                now = state.alive[touched] | (state.delegate[touched] >= 0)
                flip = now != serving[touched]
                serving[touched] = now
                if flip.any():
                    cover.apply(touched[flip], np.where(now[flip], 1, -1))
                    cur_cov, cur_chain = cover.share, cover.chain
                loads(np.unique(sim.post_role[touched]).tolist())
            next_change = state.next_change()
        v = visits.on(d, state.alive, rng)
        if len(v):
            n_visits[d] = np.bincount(role_of[v], minlength=n_roles)
            reach = v
            si = state.standing_in
            if len(si):
                mark[v] = True
                reach = np.concatenate([v, si[mark[state.delegate[si]]]])
                mark[v] = False
            cells = sim.post_cells[ranges(pc_ptr[reach], pc_cnt[reach])]
            events.visit(cells, d)
        cov[d] = cur_cov
        chain[d] = cur_chain
        vacancy[d] = cur_vac
        load_mean[d] = cur_lm
        load_max[d] = cur_lx
    return {"coverage": cov, "chain": chain, "vacancy": vacancy, "load_mean": load_mean, "load_max": load_max,
            "visits": n_visits, "ev_day": events.day, "found": events.found, "posts": posts_per_role}


METRICS = ("coverage", "chain_complete", "vacancy", "load_mean", "load_max", "visits", "events",
           "found_within_deadline", "delay_mean", "delay_p90")
"""Metric names of the tidy table, in the order rows are written (see ``docs/simulation.md``)."""


def _tidy(sim: SimCounty, p: Params, scenario: Scenario, out: dict[str, Any], run: int) -> Table:
    n_days = p.days
    pidx, labels = _periods(scenario.start, n_days, scenario.period)
    n_per = len(labels)
    starts = np.flatnonzero(np.r_[True, pidx[1:] != pidx[:-1]])
    groups = [*((labels[i], slice(int(starts[i]), int(starts[i + 1]) if i + 1 < n_per else n_days)) for i in range(n_per)),
              ("all", slice(0, n_days))]
    ev_day, found = out["ev_day"], out["found"]
    ev_per = pidx[ev_day]
    is_found = found >= 0
    delay = found - ev_day
    due = ev_day + p.deadline <= n_days - 1
    in_time = due & is_found & (delay <= p.deadline)
    visiting = [interval is not None and p.compliance[r] > 0 for r, interval in enumerate(p.interval)]
    rows: list[tuple[str, str, str, float]] = []
    for gi, (label, sl) in enumerate(groups):
        for r, key in enumerate(sim.role_keys):
            if sim.roles[r].in_scope_households:
                rows.append((label, "coverage", key, float(out["coverage"][sl, r].mean())))
        if sim.households:
            rows.append((label, "chain_complete", "", float(out["chain"][sl].mean())))
        for r, key in enumerate(sim.role_keys):
            if out["posts"][r]:
                rows.append((label, "vacancy", key, float(out["vacancy"][sl, r].mean())))
                lm = out["load_mean"][sl, r]
                if not np.isnan(lm).all():
                    rows.append((label, "load_mean", key, float(np.nanmean(lm))))
                    rows.append((label, "load_max", key, float(np.nanmax(out["load_max"][sl, r]))))
        for r, key in enumerate(sim.role_keys):
            if visiting[r] and out["posts"][r]:
                rows.append((label, "visits", key, float(out["visits"][sl, r].sum())))
        sel = np.ones(len(ev_day), dtype=bool) if label == "all" else ev_per == gi
        rows.append((label, "events", "", float(sel.sum())))
        n_due = int((sel & due).sum())
        if n_due:
            rows.append((label, "found_within_deadline", "", float((sel & in_time).sum()) / n_due))
        got = delay[sel & is_found]
        if len(got):
            rows.append((label, "delay_mean", "", float(got.mean())))
            rows.append((label, "delay_p90", "", float(np.quantile(got, 0.9))))
    return Table({"run": np.full(len(rows), run, dtype=np.int64),
                  "period": [r[0] for r in rows], "metric": [r[1] for r in rows], "role": [r[2] for r in rows],
                  "value": np.array([r[3] for r in rows], dtype=np.float64)})


def simulate(county: Any, mechanism: Mechanism, scenario: Scenario | None = None, seed: SeedLike = 0, *,
             run: int = 0) -> Table:
    """One run of ``scenario`` on a staffed county under ``mechanism``: the tidy table of its metrics.

    ``county`` is a :class:`~mechanisms.county.records.County`, an :class:`~mechanisms.county.org.OrgStructure`,
    a :class:`~mechanisms.coverage.CompactCounty`, a coverage model, or (fastest when running
    many times) a :class:`~mechanisms.simulation.SimCounty` from :func:`prepare`. It must
    carry the mechanism's assignments. ``seed`` is an int, a SeedSequence or a Generator;
    run ``i`` of :func:`~mechanisms.simulation.monte_carlo` equals
    ``simulate(..., seed=run_seed(seed, i), run=i)``.
    """
    scenario = scenario or Scenario()
    sim = prepare(county, mechanism)
    return simulate_prepared(sim, scenario, seed, run)


def simulate_prepared(sim: SimCounty, scenario: Scenario, seed: SeedLike, run: int = 0) -> Table:
    """:func:`simulate` on a prepared county (what Monte Carlo workers call)."""
    p = Params.resolve(sim, scenario)
    return _tidy(sim, p, scenario, _run(sim, p, generator(seed)), run)
