"""The yardstick: the simulation's daily model written the Mesa 3 way, one agent per household and per post.

It is the model of ``mechanisms.simulation.engine`` (see ``docs/simulation.md``) for the
reassignment policy ``none`` — posts leave after an exponential time at their role's
yearly rate and a successor arrives after the replacement delay; posts visit on days
``floor(φ + k·T)`` and each scheduled visit happens with the role's compliance; every
household meets risk events at ``event_rate`` a year, found by the first visit of a covering
post on that day or later — written as agents would write it:

* a ``Household`` agent draws its risk events each day and keeps them pending;
* a ``Post`` agent leaves, is filled again, and visits its households, finding their
  pending events; when it leaves or returns it tells its households, which keep the
  coverage tallies of the model up to date (so coverage costs nothing per day);
* the model steps households, then posts, and a ``DataCollector`` records coverage per
  role, chain completeness and vacancy every day.

The county is taken from a prepared ``SimCounty``: a cell of ``w`` households becomes ``w``
household agents covered by the cell's posts, so both engines see the same county.
"""

from __future__ import annotations

import math
from typing import Any

import mesa
import numpy as np

from mechanisms.simulation.params import Params
from mechanisms.simulation.prepared import SimCounty


class Household(mesa.Agent):
    """A household: its risk events pending until a visit, and how many posts of each role cover it now."""

    def __init__(self, model: SimModel, roles: list[int]) -> None:
        super().__init__(model)
        self.pending: list[int] = []
        self.in_place = dict.fromkeys(roles, 0)
        self.missing = 0

    def step(self) -> None:
        if self.random.random() < self.model.p_event:
            self.pending.append(self.model.day)

    def lose(self, role: int) -> None:
        self.in_place[role] -= 1
        if self.in_place[role] == 0:
            self.model.covered[role] -= 1
            self.missing += 1
            if self.missing == 1:
                self.model.complete -= 1

    def gain(self, role: int) -> None:
        self.in_place[role] += 1
        if self.in_place[role] == 1:
            self.model.covered[role] += 1
            self.missing -= 1
            if self.missing == 0:
                self.model.complete += 1


class Post(mesa.Agent):
    """A post: a holder who may leave, a successor after a delay, and visits on a schedule."""

    def __init__(self, model: SimModel, role: int, interval: float | None, compliance: float, rate: float,
                 delay: float) -> None:
        super().__init__(model)
        self.role, self.interval, self.compliance = role, interval, compliance
        self.scale = 365.0 / rate if rate > 0 else math.inf
        self.delay = delay
        self.households: list[Household] = []
        self.alive = True
        self.leave_day = self._tenure(0, first=True)
        self.return_day = math.inf
        if interval is not None:
            self.phase = self.random.random() * interval
            self.k = 0
            self.next_visit = math.floor(self.phase)

    def _tenure(self, day: int, first: bool = False) -> float:
        if math.isinf(self.scale):
            return math.inf
        t = math.floor(self.random.expovariate(1.0) * self.scale)
        return t if first else day + 1 + t

    def step(self) -> None:
        m = self.model
        d = m.day
        if self.alive and d >= self.leave_day:
            delay = round(self.delay) if math.isfinite(self.delay) else math.inf
            if delay < 1:
                self.leave_day = self._tenure(d)
            else:
                self.alive = False
                self.leave_day = math.inf
                self.return_day = d + delay
                m.vacant[self.role] += 1
                for h in self.households:
                    h.lose(self.role)
        elif not self.alive and d >= self.return_day:
            self.alive = True
            self.return_day = math.inf
            self.leave_day = self._tenure(d)
            m.vacant[self.role] -= 1
            for h in self.households:
                h.gain(self.role)
        if self.interval is not None and d == self.next_visit:
            if self.alive and self.random.random() < self.compliance:
                m.visits[self.role] += 1
                for h in self.households:
                    if h.pending:
                        for t in h.pending:
                            m.found.append((t, d))
                        h.pending.clear()
            self.k += 1
            self.next_visit = math.floor(self.phase + self.k * self.interval)


class SimModel(mesa.Model):
    """The county as agents; ``run()`` steps it day by day and returns the whole-run metrics."""

    def __init__(self, sim: SimCounty, params: Params, seed: int) -> None:
        super().__init__(seed=seed)
        self.day = 0
        self.p_event = params.event_rate / 365.0
        self.n_roles = sim.n_roles
        self.found: list[tuple[int, int]] = []
        self.visits = [0] * sim.n_roles
        self.vacant = [0] * sim.n_roles
        self.posts: list[Post] = []
        for p in range(sim.n_posts):
            r = int(sim.post_role[p])
            self.posts.append(Post(self, r, params.interval[r], float(params.compliance[r]), float(params.rate[p]),
                                   float(params.delay[p])))
        self.posts_per_role = np.bincount(sim.post_role.astype(np.int64), minlength=sim.n_roles).tolist()
        members = []
        for rc in sim.roles:
            order = np.argsort(rc.member_set, kind="stable")
            ptr = np.searchsorted(rc.member_set[order], np.arange(rc.n_sets + 1))
            posts = rc.member_post[order].tolist()
            members.append([posts[ptr[s]:ptr[s + 1]] for s in range(rc.n_sets)])
        self.households: list[Household] = []
        self.in_scope = [0] * sim.n_roles
        for c in range(sim.n_cells):
            roles = [r for r, rc in enumerate(sim.roles) if rc.set_id[c] >= 0]
            covering = {r: members[r][int(sim.roles[r].set_id[c])] for r in roles}
            for _ in range(int(sim.cell_weight[c])):
                h = Household(self, roles)
                for r in roles:
                    self.in_scope[r] += 1
                    for p in covering[r]:
                        self.posts[p].households.append(h)
                        h.in_place[r] += 1
                h.missing = sum(1 for r in roles if h.in_place[r] == 0)
                self.households.append(h)
        self.covered = [sum(1 for h in self.households if h.in_place.get(r, 0) > 0) for r in range(sim.n_roles)]
        self.complete = sum(1 for h in self.households if h.missing == 0)
        self.household_set = mesa.agent.AgentSet(self.households, random=self.random)
        self.post_set = mesa.agent.AgentSet(self.posts, random=self.random)
        self.datacollector = mesa.DataCollector(model_reporters={
            "coverage": lambda m: [m.covered[r] / m.in_scope[r] if m.in_scope[r] else math.nan for r in range(m.n_roles)],
            "chain": lambda m: m.complete / len(m.households) if m.households else math.nan,
            "vacancy": lambda m: [m.vacant[r] / n if n else math.nan for r, n in enumerate(m.posts_per_role)],
        })

    def step(self) -> None:
        self.household_set.do("step")
        self.post_set.do("step")
        self.datacollector.collect(self)
        self.day += 1

    def run(self, days: int, deadline: int) -> dict[str, Any]:
        for _ in range(days):
            self.step()
        data = self.datacollector.model_vars
        cov = np.array(data["coverage"], dtype=float)
        arrived = [t for t, _ in self.found] + [t for h in self.households for t in h.pending]
        due = sum(1 for t in arrived if t + deadline <= days - 1)
        in_time = sum(1 for t, f in self.found if t + deadline <= days - 1 and f - t <= deadline)
        delays = np.array([f - t for t, f in self.found], dtype=float)
        return {
            "coverage": np.nanmean(cov, axis=0).tolist(),
            "chain_complete": float(np.mean(data["chain"])),
            "vacancy": np.nanmean(np.array(data["vacancy"], dtype=float), axis=0).tolist(),
            "events": len(arrived),
            "found_within_deadline": in_time / due if due else math.nan,
            "delay_mean": float(delays.mean()) if len(delays) else math.nan,
            "delay_p90": float(np.quantile(delays, 0.9)) if len(delays) else math.nan,
        }


def run_mesa(sim: SimCounty, params: Params, seed: int, days: int | None = None) -> dict[str, Any]:
    """Build the agent model and run it for ``days`` (default: the scenario's); adds build and step times."""
    import time

    t0 = time.perf_counter()
    model = SimModel(sim, params, seed)
    t1 = time.perf_counter()
    out = model.run(days or params.days, params.deadline)
    t2 = time.perf_counter()
    out.update(build_s=t1 - t0, step_s=t2 - t1, days=days or params.days)
    return out
