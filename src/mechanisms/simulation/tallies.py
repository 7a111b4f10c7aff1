"""Coverage tallies during one run: households covered per role and chain-complete households, kept current.

Why tallies rather than a coverage pass each day: the county changes only where a post falls
vacant or is filled again, so only the cells of the covering sets that gain or lose their
last post in service need touching.
"""

from __future__ import annotations

import math

import numpy as np

from ..coverage.engine import ranges
from .prepared import SimCounty


class Tallies:
    """Household-weighted coverage per role and chain completeness, kept up to date as posts empty and fill.

    Per role, each set of covering posts counts its posts in service; a set that loses its
    last one (or regains a first) switches its cells' coverage, and each cell counts the
    roles in whose scope it lies that do not reach it (chain complete at zero). A change
    costs the posts' memberships and the switched sets' cells, never a pass over the county.
    All tallies are whole households, so shares are exact.
    """

    def __init__(self, sim: SimCounty) -> None:
        self.sim = sim
        self.weight = sim.cell_weight.astype(np.int64)
        self.total = int(self.weight.sum())
        self.count = [rc.set_size.copy() for rc in sim.roles]
        self.covered = np.array([int(rc.set_weight[rc.set_size > 0].sum()) for rc in sim.roles], dtype=np.int64)
        self.missing = np.zeros(sim.n_cells, dtype=np.int64)
        for rc, cnt in zip(sim.roles, self.count, strict=True):
            self.missing += (rc.set_id >= 0) & (cnt[np.maximum(rc.set_id, 0)] == 0)
        self.complete = int(self.weight[self.missing == 0].sum())
        self.in_scope = np.array([rc.in_scope_households for rc in sim.roles], dtype=np.float64)

    @property
    def share(self) -> np.ndarray:
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.in_scope > 0, self.covered / np.maximum(self.in_scope, 1), np.nan)

    @property
    def chain(self) -> float:
        return self.complete / self.total if self.total else math.nan

    def apply(self, posts: np.ndarray, delta: np.ndarray) -> None:
        """Posts that went out of service (``delta`` -1) or back into it (+1)."""
        sim = self.sim
        if len(posts) <= 4:  # the usual day: a post or two, cheaper one by one than as arrays
            for p, dl in zip(posts.tolist(), delta.tolist(), strict=True):
                r = int(sim.post_role[p])
                rc, count = sim.roles[r], self.count[r]
                local = p - int(sim.role_start[r])
                for s in rc.post_sets[rc.post_sets_ptr[local]:rc.post_sets_ptr[local + 1]].tolist():
                    before = count[s] > 0
                    count[s] += dl
                    if before != (count[s] > 0):
                        self._switch(r, np.array([s]), 1 if dl > 0 else -1)
            return
        roles = sim.post_role[posts]
        for r in np.unique(roles).tolist():
            rc = sim.roles[r]
            mine = roles == r
            local = posts[mine] - sim.role_start[r]
            cnt = rc.post_sets_ptr[local + 1] - rc.post_sets_ptr[local]
            sets = rc.post_sets[ranges(rc.post_sets_ptr[local], cnt)]
            if not len(sets):
                continue
            touched = np.unique(sets)
            before = self.count[r][touched] > 0
            np.add.at(self.count[r], sets, np.repeat(delta[mine], cnt))
            after = self.count[r][touched] > 0
            for switched, sign in ((touched[before & ~after], -1), (touched[~before & after], 1)):
                if len(switched):
                    self._switch(r, switched, sign)

    def _switch(self, r: int, switched: np.ndarray, sign: int) -> None:
        """Sets of role ``r`` that lost their last post in service (``sign`` -1) or gained a first (+1)."""
        rc = self.sim.roles[r]
        self.covered[r] += sign * int(rc.set_weight[switched].sum())
        lo = rc.set_cells_ptr[switched]
        cells = rc.set_cells[ranges(lo, rc.set_cells_ptr[switched + 1] - lo)]
        if sign < 0:
            self.complete -= int(self.weight[cells[self.missing[cells] == 0]].sum())
            self.missing[cells] += 1
        else:
            self.missing[cells] -= 1
            self.complete += int(self.weight[cells[self.missing[cells] == 0]].sum())
