"""A staffed county reduced once to what every simulated run needs: posts, cells, and who reaches which cell.

Why a separate, prepared form: a Monte Carlo of a hundred runs (or a sweep of thousands)
simulates the same county under the same mechanism again and again; everything that does
not depend on the random draws is computed here once, as plain numpy arrays, so it pickles
cheaply to worker processes and cluster nodes.

It builds on the coverage engine's :class:`~mechanisms.coverage.CoverageModel`:

* a **post** is one actor holding one role (an actor holding two roles has two posts, each
  with its own turnover and visits);
* a **cell** is the coverage engine's cell: households that are covered, role by role, by
  the same set of actors. Households of a cell are reached by exactly the same visits, so
  the cell is the unit the simulation works on — at the lowest level that carries
  assignments, and never per household (a group known only by its count is one cell, or a
  few where party members hold runs of its households);
* per role, each cell points to its covering set of posts, and each post to the cells it
  reaches (a CSR list), so a day's visits turn into reached cells in a few array operations.
"""

from __future__ import annotations

import datetime as dt

import attrs
import numpy as np

from ..county.org import OrgStructure
from ..county.records import County
from ..coverage import CompactCounty, CoverageModel, build_model
from ..coverage.engine import ranges
from ..errors import UsageError
from ..model.labels import _
from ..model.mechanism import Mechanism
from ..model.schedule import Frequency

PERIOD_DAYS = {"day": 1.0, "week": 7.0, "month": 365.0 / 12, "quarter": 365.0 / 4, "half": 365.0 / 2, "year": 365.0}


def frequency_interval(freq: Frequency | None) -> float | None:
    """Days between visits of a role's frequency (2 a month: 15.2 days); at most one visit a day is simulated."""
    if freq is None:
        return None
    return max(PERIOD_DAYS[freq.per] / freq.times, 1.0)


def csr(keys: np.ndarray, values: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(pointer, values sorted by key) so that ``values[ptr[k]:ptr[k+1]]`` are those of key ``k``."""
    order = np.argsort(keys, kind="stable")
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(keys, minlength=n), out=ptr[1:])
    return ptr, np.asarray(values)[order]


@attrs.frozen(eq=False)
class RoleCells:
    """One role over the cells: which set of posts covers each cell, and the set memberships."""

    key: str
    set_id: np.ndarray
    """Per cell, its covering set (-1: the cell is outside the role's scope)."""
    member_set: np.ndarray
    member_post: np.ndarray
    n_sets: int
    in_scope_households: int
    set_size: np.ndarray
    """Posts in each set."""
    set_weight: np.ndarray
    """Households of the cells each set covers."""
    set_cells_ptr: np.ndarray
    set_cells: np.ndarray
    """Cells of each set (CSR), to update coverage when a set gains or loses its last post."""
    post_sets_ptr: np.ndarray
    post_sets: np.ndarray
    """Sets each of the role's posts belongs to (CSR over the role's posts, numbered from 0)."""


@attrs.frozen(eq=False)
class SimCounty:
    """Everything a run needs that no random draw changes. Build it with :func:`prepare`."""

    mechanism_key: str
    role_keys: tuple[str, ...]
    role_interval: tuple[float | None, ...]
    role_self_held: tuple[bool, ...]
    """Roles each unit holds for itself (门前三包): their posts never fall vacant."""
    """Days between visits from each role's stated frequency (None: the role states none)."""
    deadline: int | None
    """The mechanism's own deadline for acting on a risk event, where it states one."""
    cell_weight: np.ndarray
    """Households per cell."""
    roles: tuple[RoleCells, ...]
    post_role: np.ndarray
    """Role index of each post; posts are numbered role by role (``role_start`` gives the offsets)."""
    role_start: np.ndarray
    post_actor: np.ndarray
    """Index of the post's actor in the county's actors."""
    own_households: np.ndarray
    """Households each post answers for under its role."""
    pool_remaining: np.ndarray
    """Per post, its pool for ``reassign = "remaining"``: posts of the same role on the same unit (village for
    household roles); ``pool_ptr_remaining``/``pool_posts_remaining`` list each pool's posts."""
    pool_ptr_remaining: np.ndarray
    pool_posts_remaining: np.ndarray
    pool_town: np.ndarray
    """The same for ``least-loaded-in-town``: posts of the same role in the same town (county-wide above towns)."""
    pool_ptr_town: np.ndarray
    pool_posts_town: np.ndarray
    post_cells_ptr: np.ndarray
    post_cells: np.ndarray
    """Cells each post reaches (CSR over posts)."""
    households: int

    @property
    def n_posts(self) -> int:
        return len(self.post_role)

    @property
    def n_cells(self) -> int:
        return len(self.cell_weight)

    @property
    def n_roles(self) -> int:
        return len(self.role_keys)


def _pools(keys: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    uniq, pool = np.unique(keys, return_inverse=True)
    ptr, posts = csr(pool.ravel(), np.arange(len(keys), dtype=np.int64), len(uniq))
    return pool.ravel().astype(np.int64), ptr, posts


def prepare(data: County | OrgStructure | CompactCounty | CoverageModel | SimCounty, mechanism: Mechanism, *,
            on: dt.date | None = None) -> SimCounty:
    """The prepared county for ``mechanism``: from a county, a structure, compact arrays or a built coverage model.

    The county must already carry the mechanism's assignments (see
    :func:`mechanisms.county.staffing.staffed` to staff it with the mechanism's policy).
    """
    if isinstance(data, SimCounty):
        if data.mechanism_key != mechanism.key:
            raise UsageError(_("the prepared county is for {prepared}, not {mechanism}").format(
                prepared=repr(data.mechanism_key), mechanism=repr(mechanism.key)))
        return data
    model = build_model(data, mechanism, on=on)
    return _from_model(model, mechanism)


def _from_model(model: CoverageModel, mechanism: Mechanism) -> SimCounty:
    from .scenario import mechanism_deadline

    county = model.county
    cells = model.cells
    hh_level = county.household_level
    n_roles = len(model.roles)
    role_start = np.zeros(n_roles + 1, dtype=np.int64)
    np.cumsum([len(ra.actors) for ra in model.roles], out=role_start[1:])
    n_posts = int(role_start[-1])
    post_role = np.repeat(np.arange(n_roles, dtype=np.int16), np.diff(role_start))
    post_actor = np.concatenate([ra.actors for ra in model.roles]).astype(np.int64) if n_roles else np.zeros(0, np.int64)
    own = np.zeros(n_posts, dtype=np.int64)
    first_unit = np.zeros(n_posts, dtype=np.int64)
    role_cells: list[RoleCells] = []
    pc_post: list[np.ndarray] = []
    pc_cell: list[np.ndarray] = []
    for r, ra in enumerate(model.roles):
        base = int(role_start[r])
        local = np.searchsorted(ra.actors, ra.pair_actor)
        own[base:base + len(ra.actors)] = np.bincount(local, weights=ra.pair_households, minlength=len(ra.actors))
        if len(ra.actors):
            # pairs are sorted by holder, so an actor's first pair is its lowest holder
            _, first = np.unique(local, return_index=True)
            first_unit[base:base + len(ra.actors)] = ra.holders[ra.pair_holder[first]]
        rs = cells.sets[r]
        member_post = base + np.searchsorted(ra.actors, rs.member_actor)
        sid = cells.set_id[r]
        ins = sid >= 0
        set_ptr, set_cells = csr(np.where(ins, sid, rs.n_sets).astype(np.int64), np.arange(cells.n_cells), rs.n_sets + 1)
        post_sets_ptr, post_sets = csr(member_post - base, rs.member_set.astype(np.int64), len(ra.actors))
        role_cells.append(RoleCells(
            ra.key, sid.astype(np.int32), rs.member_set.astype(np.int64), member_post.astype(np.int64), rs.n_sets,
            int(cells.weight[ins].sum()), set_size=rs.size.astype(np.int64),
            set_weight=np.bincount(sid[ins], weights=cells.weight[ins], minlength=rs.n_sets).astype(np.int64),
            set_cells_ptr=set_ptr[:rs.n_sets + 1].copy(), set_cells=set_cells[:set_ptr[rs.n_sets]].astype(np.int64),
            post_sets_ptr=post_sets_ptr, post_sets=post_sets))
        # cells each post reaches: its sets' cells
        counts = set_ptr[rs.member_set + 1] - set_ptr[rs.member_set]
        pc_cell.append(set_cells[ranges(set_ptr[rs.member_set], counts)])
        pc_post.append(np.repeat(member_post, counts))
    post_cells_ptr, post_cells = csr(np.concatenate(pc_post) if pc_post else np.zeros(0, np.int64),
                                     np.concatenate(pc_cell) if pc_cell else np.zeros(0, np.int64), n_posts)
    # pools for reassignment: same role, same unit (village for household roles) / same town
    standing = np.array([ra.standing_in for ra in model.roles], dtype=bool)
    village_level = max(hh_level - 2, 0)
    unit_pool = first_unit.copy()
    if n_posts:
        hh_posts = standing[post_role]
        unit_pool[hh_posts] = county.ancestor_at(first_unit[hh_posts], village_level)
    # roles held on towns (or above) look county-wide: a town's other towns are the only "same-role" holders
    role_level = np.array([ra.level for ra in model.roles], dtype=np.int64)
    town = county.ancestor_at(first_unit, 1) if n_posts and len(county.levels) > 1 else np.full(n_posts, -1)
    if n_posts:
        town = np.where(role_level[post_role] > 1, town, -1)
    span = county.n_units + 1
    pool_remaining, ptr_rem, posts_rem = _pools(post_role.astype(np.int64) * span + unit_pool + 1)
    pool_town, ptr_town, posts_town = _pools(post_role.astype(np.int64) * span + town + 1)
    return SimCounty(
        mechanism_key=mechanism.key, role_keys=tuple(ra.key for ra in model.roles),
        role_interval=tuple(frequency_interval(ra.role.visits) for ra in model.roles),
        role_self_held=tuple(ra.role.self_held for ra in model.roles),
        deadline=mechanism_deadline(mechanism), cell_weight=cells.weight.astype(np.int64), roles=tuple(role_cells),
        post_role=post_role, role_start=role_start, post_actor=post_actor, own_households=own,
        pool_remaining=pool_remaining, pool_ptr_remaining=ptr_rem, pool_posts_remaining=posts_rem,
        pool_town=pool_town, pool_ptr_town=ptr_town, pool_posts_town=posts_town,
        post_cells_ptr=post_cells_ptr, post_cells=post_cells.astype(np.int64), households=county.total_households)
