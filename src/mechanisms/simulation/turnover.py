"""Turnover and stand-ins during one run: who holds each post today, and who answers for the vacant ones.

Every post starts filled; its holder leaves after an exponential tenure at the role's yearly
rate, the post stays vacant for the role's replacement delay, then a successor arrives.
While it is vacant the scenario's reassignment policy names a stand-in from the post's pool
(same role, same unit or village for ``remaining``; same town, or the county for roles held
on towns, for ``least-loaded-in-town``): the pool's filled post carrying the fewest
households. The loop here is over turnover events (a departure, an arrival), never over
posts or days.
"""

from __future__ import annotations

import numpy as np

from .params import NEVER, Params
from .prepared import SimCounty


class Posts:
    """Posts' turnover and stand-ins during one run."""

    def __init__(self, sim: SimCounty, p: Params, rng: np.random.Generator) -> None:
        self.sim, self.p, self.rng = sim, p, rng
        n = sim.n_posts
        self.alive = np.ones(n, dtype=bool)
        self.delegate = np.full(n, -1, dtype=np.int64)
        self.carried = sim.own_households.astype(np.float64)
        with np.errstate(divide="ignore"):
            self.scale = np.where(p.rate > 0, 365.0 / np.where(p.rate > 0, p.rate, 1.0), np.inf)
        self.leave_day = self._leave_days(np.arange(n), 0)
        self.return_day = np.full(n, NEVER, dtype=np.int64)
        if p.reassign == "least-loaded-in-town":
            self.pool, self.pool_ptr, self.pool_posts = sim.pool_town, sim.pool_ptr_town, sim.pool_posts_town
        else:
            self.pool, self.pool_ptr, self.pool_posts = sim.pool_remaining, sim.pool_ptr_remaining, \
                sim.pool_posts_remaining
        self.role_of = sim.post_role.astype(np.int64)
        self.standing_in = np.zeros(0, dtype=np.int64)
        """Vacant posts that have a stand-in (their visits come from the stand-in's)."""

    def _leave_days(self, posts: np.ndarray, start: int) -> np.ndarray:
        """When the holders now starting on ``posts`` (on day ``start``) will leave: an exponential tenure, or never."""
        with np.errstate(invalid="ignore"):  # a rate of 0 gives inf (or nan for a draw of exactly 0)
            tenure = self.rng.standard_exponential(len(posts)) * self.scale[posts]
        return np.where(np.isfinite(tenure), start + np.floor(np.minimum(tenure, NEVER)), NEVER).astype(np.int64)

    def next_change(self) -> int:
        if len(self.alive) == 0:
            return NEVER
        return int(min(self.leave_day.min(), self.return_day.min()))

    def _stand_in(self, posts: np.ndarray) -> None:
        """Pick a stand-in for each vacant post, one after another so loads stay up to date."""
        if self.p.reassign == "none":
            return
        for p in posts.tolist():
            members = self._candidates(p)
            if len(members):
                q = int(members[np.argmin(self.carried[members])])
                self.delegate[p] = q
                self.carried[q] += self.sim.own_households[p]

    def _candidates(self, p: int) -> np.ndarray:
        """Filled posts that may stand in for post ``p`` under the policy."""
        sim = self.sim
        if self.p.reassign in ("optimal", "nearest"):
            r = int(self.role_of[p])
            county = np.arange(sim.role_start[r], sim.role_start[r + 1])
            tiers = [county]
            if self.p.reassign == "nearest":
                rem, town = sim.pool_remaining[p], sim.pool_town[p]
                tiers = [sim.pool_posts_remaining[sim.pool_ptr_remaining[rem]:sim.pool_ptr_remaining[rem + 1]],
                         sim.pool_posts_town[sim.pool_ptr_town[town]:sim.pool_ptr_town[town + 1]], county]
            for members in tiers:
                members = members[self.alive[members]]
                if len(members):
                    return members
            return members
        pool = self.pool[p]
        members = self.pool_posts[self.pool_ptr[pool]:self.pool_ptr[pool + 1]]
        found: np.ndarray = members[self.alive[members]]
        return found

    def step(self, d: int) -> np.ndarray:
        """Departures and arrivals of day ``d``; returns the posts touched (left, filled, or given a stand-in)."""
        own = self.sim.own_households
        leavers = np.flatnonzero(self.leave_day <= d)
        changed = []
        if len(leavers):
            delay = np.round(self.p.delay[leavers])
            instant = delay < 1
            # a successor arriving the same day: the post never falls vacant
            inst = leavers[instant]
            if len(inst):
                self.leave_day[inst] = self._leave_days(inst, d + 1)
            gone = leavers[~instant]
            if len(gone):
                changed.append(gone)
                self.alive[gone] = False
                self.leave_day[gone] = NEVER
                back = d + delay[~instant]
                self.return_day[gone] = np.where(np.isfinite(back), np.minimum(back, NEVER), NEVER).astype(np.int64)
                # posts they stood in for need another stand-in (a filled post never has one itself)
                self.carried[gone] = 0.0
                if self.p.reassign != "none":
                    orphaned = np.flatnonzero(np.isin(self.delegate, gone))
                    self.delegate[orphaned] = -1
                    changed.append(orphaned)
                    self._stand_in(np.union1d(gone, orphaned))
        arrivals = np.flatnonzero(self.return_day <= d)
        if len(arrivals):
            changed.append(arrivals)
            self.return_day[arrivals] = NEVER
            had = self.delegate[arrivals] >= 0
            np.subtract.at(self.carried, self.delegate[arrivals[had]], own[arrivals[had]])
            self.delegate[arrivals] = -1
            self.alive[arrivals] = True
            self.carried[arrivals] = own[arrivals]
            self.leave_day[arrivals] = self._leave_days(arrivals, d + 1)
            if self.p.reassign != "none":
                waiting = np.flatnonzero(~self.alive & (self.delegate < 0))
                waiting = waiting[np.isin(self.pool[waiting], self.pool[arrivals])]
                changed.append(waiting)
                self._stand_in(waiting)
        if self.p.reassign != "none":
            self.standing_in = np.flatnonzero(self.delegate >= 0)
        if not changed:
            return np.zeros(0, dtype=np.int64)
        return np.unique(np.concatenate(changed))
