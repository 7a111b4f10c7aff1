"""The checks of :func:`~mechanisms.county.validation.validate_county`, on columns: a million units in a second.

Each check is a few array operations over a whole table, and each finds all its bad rows
at once, so structure, reference and mechanism problems are reported together with the cell
problems of the same read. The parent chain is followed by pointer doubling (log₂ n passes),
so a loop of parents — through a duplicate id or not — ends the walk instead of hanging it.

Messages are :func:`validate_county`'s, word for word, where the check is the same; the checks
of the record tables against a mechanism (indicators, roles, periods) are new and bilingual.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..model.mechanism import Mechanism
from .colparse import encode, whole
from .columns import ColumnarCounty, ColumnTable
from .problems import ProblemLog

MAX_LEVELS = 127
"""Levels a county may have: the engines keep a unit's level in one byte."""


@attrs.frozen
class Counts:
    """What a sound county holds, for ``validate``'s summary line (households counted as the engines count them)."""

    units: int
    households: int
    actors: int
    assignments: int


def index_in(values: Any, ids: Any) -> np.ndarray:
    """Per value, the row of the first id equal to it; -1 where there is none or the value is empty."""
    if len(values) == 0:
        return np.zeros(0, np.int64)
    idx = pc.index_in(values, value_set=ids, skip_nulls=True)
    out: np.ndarray = np.asarray(pc.fill_null(idx, -1).to_numpy(zero_copy_only=False), np.int64)
    return out


def lookup(ids: Any, *refs: Any) -> tuple[np.ndarray, list[np.ndarray]]:
    """Rows whose id an earlier row has, and per reference column the row of the id each value names (-1: none).

    One hash pass over the ids and every column naming them (a dictionary shared by the chunks),
    where a lookup per column would hash the million ids again each time.
    """
    n = len(ids)
    if n == 0:
        return np.zeros(0, bool), [np.full(len(r), -1, np.int64) for r in refs]
    parts = [whole(ids), *(whole(r).cast(ids.type) for r in refs)]
    every = pa.chunked_array(parts, type=ids.type)
    _, flat = encode(every)  # one hash over the ids and every reference: one dictionary for all
    size = int(flat.max()) + 1 if len(flat) else 0
    codes = np.split(flat, np.cumsum([len(p) for p in parts])[:-1])
    first = np.full(size + 1, -1, np.int64)  # the extra slot answers -1 for an empty cell (code -1)
    own = codes[0]
    rows = np.arange(n, dtype=np.int64)
    ok = own >= 0
    first[own[ok][::-1]] = rows[ok][::-1]
    dup = ok & (first[own] != rows)
    return dup, [first[c] for c in codes[1:]]


def _np(arr: Any, fill: Any) -> np.ndarray:
    out: np.ndarray = np.asarray(pc.fill_null(arr, fill).to_numpy(zero_copy_only=False))
    return out


def _valid(arr: Any) -> np.ndarray:
    out: np.ndarray = np.asarray(arr.is_valid().to_numpy(zero_copy_only=False), bool)
    return out


def _pick(arr: Any, where: np.ndarray) -> Any:
    return arr.filter(pa.array(where))


def check_columns(county: ColumnarCounty, mechanism: Mechanism | None, log: ProblemLog,
                  others: Sequence[Mechanism] = ()) -> Counts:
    """Every structure, reference and (with ``mechanism``) fit problem of ``county`` into ``log``.

    ``others``: the rest of the catalogue. A county file may keep the records of several mechanisms
    (the demo keeps five's), so an indicator or role another mechanism has is no problem; one that no
    mechanism has (a typo, a name written differently) is warned about.
    """
    keys = county.level_keys
    if len(keys) > MAX_LEVELS:
        log.add("levels", None, f"{len(keys)} levels: at most {MAX_LEVELS} are supported",
                f"共 {len(keys)} 个层级：最多支持 {MAX_LEVELS} 个", kind="too-many-levels")
    if len(set(keys)) != len(keys):
        for k in sorted({k for k in keys if keys.count(k) > 1}):
            log.add("levels", "key", f"level {k!r} declared twice", kind="level-twice")
    units, actors = county["units"], county["actors"]
    n = len(units)
    udup, parent, adup, index = references(county)
    actor_refs = [(t, f) for t, f, target in _references(county) if target == "actor"]
    tree = _units(county, log, udup, parent)
    aids = actors.column("id")
    log.add(actors.file, actors.header("id"), "duplicate actor id {v!r}", rows=actors.rows[adup], v=_pick(aids, adup),
            kind="actor-duplicate")
    for (name, field), idx in index.items():
        t = county[name]
        ref = t.column(field)
        bad = _valid(ref) & (idx < 0)
        what = "actor" if (name, field) in actor_refs else "unit"
        log.add(t.file, t.header(field), what + " {v!r} does not exist", rows=t.rows[bad], v=_pick(ref, bad),
                kind=f"{name}-{field}-dangling")
    _assignments(county, tree, mechanism, log, index[("assignments", "actor")], index[("assignments", "unit")])
    _records(county, mechanism, log, others)
    households = int(tree.total[tree.root]) if tree.root >= 0 else 0
    return Counts(n, households, len(actors), len(county["assignments"]))


def references(county: ColumnarCounty) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[tuple[str, str], np.ndarray]]:
    """Duplicate unit rows, each unit's parent row, duplicate actor rows, and per (table, column) naming a unit or
    an actor the row it names (-1: none); computed once per county (see :attr:`ColumnarCounty.memo`)."""
    if "references" not in county.memo:
        refs = _references(county)
        unit_refs = [(t, f) for t, f, target in refs if target == "unit"]
        actor_refs = [(t, f) for t, f, target in refs if target == "actor"]
        units, actors = county["units"], county["actors"]
        udup, uidx = lookup(units.column("id"), units.column("parent"), *(county[t].column(f) for t, f in unit_refs))
        adup, aidx = lookup(actors.column("id"), *(county[t].column(f) for t, f in actor_refs))
        index = {**dict(zip(unit_refs, uidx[1:], strict=True)), **dict(zip(actor_refs, aidx, strict=True))}
        county.memo["references"] = (udup, uidx[0], adup, index)
    out: tuple[np.ndarray, np.ndarray, np.ndarray, dict[tuple[str, str], np.ndarray]] = county.memo["references"]
    return out


def _references(county: ColumnarCounty) -> list[tuple[str, str, str]]:
    """(table, column, "unit" or "actor") of every column that names a unit or an actor, in table order."""
    out = [("actors", "unit", "unit"), ("assignments", "actor", "actor"), ("assignments", "unit", "unit"),
           ("observations", "unit", "unit"), ("visits", "actor", "actor"), ("visits", "unit", "unit"),
           ("problems", "unit", "unit"), ("problems", "assigned_to", "actor"), ("points", "household", "unit"),
           ("events", "unit", "unit")]
    return [r for r in out if r[:2] in (("assignments", "actor"), ("assignments", "unit")) or len(county[r[0]])]


@attrs.frozen(eq=False)
class _Tree:
    level: np.ndarray  # level index per unit, -1 unknown
    parent: np.ndarray  # parent row, -1 none
    has_children: np.ndarray
    total: np.ndarray  # households in or under each unit
    own: np.ndarray  # the unit's own count (-1 none)
    root: int


def _units(county: ColumnarCounty, log: ProblemLog, dup: np.ndarray, pidx: np.ndarray) -> _Tree:
    t = county["units"]
    keys = county.level_keys
    n = len(t)
    ids = t.column("id")
    ar = np.arange(n)
    log.add(t.file, t.header("id"), "duplicate unit id {v!r}", rows=t.rows[dup], v=_pick(ids, dup), kind="unit-duplicate")
    lev = index_in(t.column("level"), pa.array(keys, type=pa.string()))
    own = _np(t.column("households"), -1).astype(np.int64)
    neg = own < -1
    neg |= (own == -1) & _valid(t.column("households"))
    log.add(t.file, t.header("households"), "household count must not be negative, got {v}", rows=t.rows[neg],
            v=own[neg], kind="unit-negative")
    par = t.column("parent")
    has_par = _valid(par)
    own_parent = has_par & _np(pc.equal(par, ids), False).astype(bool)
    log.add(t.file, t.header("parent"), "unit {v!r} is its own parent", rows=t.rows[own_parent], v=_pick(ids, own_parent),
            kind="unit-own-parent")
    dangling = has_par & ~own_parent & (pidx < 0)
    log.add(t.file, t.header("parent"), "parent {v!r} is not a unit", rows=t.rows[dangling], v=_pick(par, dangling),
            kind="unit-dangling")
    linked = has_par & ~own_parent & (pidx >= 0)
    p = np.where(linked, pidx, 0)
    off = linked & (lev >= 0) & (lev[p] >= 0) & (lev != lev[p] + 1)
    if off.any():
        below = lev[p[off]] + 1
        expected = np.array([f"a {keys[k + 1]}" if k + 1 < len(keys) else "nothing (it is the lowest level)"
                             for k in range(len(keys))], dtype=object)
        log.add(t.file, t.header("level"), "{u!r} is a {lv} under {plv} {p!r}; expected {exp}", rows=t.rows[off],
                u=_pick(ids, off), lv=np.array(keys, dtype=object)[lev[off]], plv=np.array(keys, dtype=object)[lev[p[off]]],
                p=_pick(par, off), exp=expected[below - 1], kind="unit-level-order")
    roots = np.flatnonzero(~has_par)
    root = int(roots[0]) if len(roots) else -1
    if n == 0:
        log.add(t.file or "units", None, "no units", kind="no-units")
    elif not len(roots):
        log.add(t.file or "units", "parent", "no root unit (every unit has a parent)", kind="no-root")
    elif len(roots) > 1:
        first = ids[root].as_py()
        log.add(t.file, t.header("parent"), "second root {v!r}: only one unit may have no parent (the first is {f!r})",
                rows=t.rows[roots[1:]], v=ids.take(pa.array(roots[1:])), f=first, kind="unit-second-root")
    if root >= 0 and lev[root] > 0:
        log.add(t.file, t.header("level"), "root {v!r} is a {lv}; expected {top}", rows=t.rows[[root]],
                v=ids[root].as_py(), lv=keys[lev[root]], top=keys[0], kind="unit-root-level")
    # follow every chain of parents to its end by pointer doubling: a unit whose chain never ends is on a loop
    nxt = np.where(linked, pidx, ar)
    steps = max(1, int(np.ceil(np.log2(max(n, 2)))) + 1)
    anc = nxt.copy()
    for _ in range(steps):
        anc = anc[anc]
    on_loop = nxt[anc] != anc
    log.add(t.file, t.header("parent"), "unit {v!r} is on a cycle of parents, not under the root", rows=t.rows[on_loop],
            v=_pick(ids, on_loop), kind="unit-cycle")
    # households as the engines count them: household rows weigh 1, childless units their count
    has_children = np.bincount(pidx[linked], minlength=n)[:n] > 0 if n else np.zeros(0, bool)
    hh_level = len(keys) - 1
    total = np.where(lev == hh_level, 1, np.where(has_children, 0, np.maximum(own, 0))).astype(np.int64)
    sound = linked & (lev >= 0) & ~on_loop & (lev[p] == lev - 1)
    for k in range(hh_level, 0, -1):
        at = np.flatnonzero(sound & (lev == k))
        if len(at):
            total += np.bincount(pidx[at], weights=total[at], minlength=n).astype(np.int64)
    counted = (own >= 0) & has_children & (own != total) & ~on_loop
    if counted.any():
        log.add(t.file, t.header("households"), "{u!r} counts {c} households but the units under it add up to {s}; a unit "
                "with units under it takes its households from them (leave the count empty, or make it agree)",
                rows=t.rows[counted], u=_pick(ids, counted), c=own[counted], s=total[counted], kind="unit-count")
    return _Tree(lev, np.where(linked, pidx, -1), has_children, total, own, root)


def _assignments(county: ColumnarCounty, tree: _Tree, mechanism: Mechanism | None, log: ProblemLog,
                 aidx: np.ndarray, uidx: np.ndarray) -> None:
    t = county["assignments"]
    if len(t) == 0:
        return
    hh = _np(t.column("households"), 0).astype(np.int64)
    neg = hh < 0
    log.add(t.file, t.header("households"), "household count must not be negative, got {v}", rows=t.rows[neg], v=hh[neg],
            kind="assignment-negative")
    start, end = t.column("start"), t.column("end")
    backwards = _np(pc.less(end, start), False).astype(bool)
    log.add(t.file, t.header("end"), "ends {e} before it starts {s}", rows=t.rows[backwards], e=_pick(end, backwards),
            s=_pick(start, backwards), kind="assignment-backwards")
    if mechanism is not None:
        _fit(county, tree, mechanism, aidx, uidx, log)
    dup = _duplicate_rows(t.bad, [_ref_codes(t.column("actor"), aidx), _codes(t.column("role")),
                           _ref_codes(t.column("unit"), uidx), _codes(start), _codes(end), _codes(t.column("mechanism"))])
    log.add(t.file, None, "duplicate assignment of {a!r} to {u!r} as {r!r}", rows=t.rows[dup],
            a=_pick(t.column("actor"), dup), u=_pick(t.column("unit"), dup), r=_pick(t.column("role"), dup),
            kind="assignment-duplicate")


def _ref_codes(col: Any, idx: np.ndarray) -> np.ndarray:
    """Codes equal exactly where the values are: the row looked up, and for values naming nothing their own codes."""
    out = idx.copy()
    missing = idx < 0
    if missing.any():
        out[missing] = len(idx) + 1 + _codes(_pick(col, missing))
    return out


def _duplicate_rows(bad: np.ndarray | None, codes: list[np.ndarray]) -> np.ndarray:
    """Rows equal in every code to an earlier row: the codes packed into one integer (radix) when they fit.

    A row with a cell that could not be read is no duplicate: its null stands for a value nobody knows."""
    if bad is not None:
        codes = [np.where(bad, np.arange(len(c)) + int(c.max()) + 1, c) for c in codes]
    shifted = [c - c.min() if len(c) else c for c in codes]
    sizes = [int(c.max()) + 1 if len(c) else 1 for c in shifted]
    if float(np.prod(np.asarray(sizes, np.float64))) < 2**62:
        key = np.zeros(len(codes[0]), np.int64)
        for c, size in zip(shifted, sizes, strict=True):
            key = key * size + c
        _, first = np.unique(key, return_index=True)
    else:
        _, first = np.unique(np.stack(shifted, axis=1), axis=0, return_index=True)
    dup = np.ones(len(codes[0]), bool)
    dup[first] = False
    return dup


def _codes(arr: Any) -> np.ndarray:
    return encode(arr)[1]


def _fit(county: ColumnarCounty, tree: _Tree, mechanism: Mechanism, aidx: np.ndarray, uidx: np.ndarray,
         log: ProblemLog) -> None:
    """Assignments against the mechanism: role known, on the role's level, held by an allowed kind of actor."""
    t = county["assignments"]
    keys = county.level_keys
    mech = t.column("mechanism")
    mine = ~_valid(mech) | _np(pc.equal(mech, mechanism.key), False).astype(bool)
    roles = t.column("role")
    role_keys = pa.array(mechanism.role_keys, type=pa.string())
    ridx = index_in(roles, role_keys)
    unknown = mine & (ridx < 0) & _valid(roles)
    log.add(t.file, t.header("role"), "role {v!r} is not a role of {m} ({known})", rows=t.rows[unknown],
            v=_pick(roles, unknown), m=mechanism.key, known=", ".join(mechanism.role_keys) or "none", kind="assignment-role")
    if not len(mechanism.roles):
        return
    role_level = np.array([keys.index(r.level) if r.level in keys else -2 for r in mechanism.roles], np.int64)
    hh_level = len(keys) - 1
    known = mine & (ridx >= 0)
    r = np.where(known, ridx, 0)
    u = np.where(uidx >= 0, uidx, 0)
    ulev = tree.level[u]
    count_only = (role_level[r] == hh_level) & ~tree.has_children[u] & (tree.own[u] >= 0)
    off = known & (uidx >= 0) & (ulev >= 0) & (ulev != role_level[r]) & ~count_only
    if off.any():
        names = np.array(mechanism.role_keys, dtype=object)
        rlev = np.array([r.level for r in mechanism.roles], dtype=object)
        log.add(t.file, t.header("unit"), "role {r!r} is held on {rl} units; {u!r} is a {ul}", rows=t.rows[off],
                r=names[r[off]], rl=rlev[r[off]], u=_pick(t.column("unit"), off),
                ul=np.array(keys, dtype=object)[ulev[off]], kind="assignment-level")
    kinds = county["actors"].column("kind")
    akind = kinds.take(pa.array(np.where(aidx >= 0, aidx, 0))) if len(kinds) else pa.nulls(len(t), pa.string())
    for j, role in enumerate(mechanism.roles):
        if not role.actor_kinds:
            continue
        sel = known & (ridx == j) & (aidx >= 0)
        if not sel.any():
            continue
        allowed = _np(pc.is_in(akind, value_set=pa.array(role.actor_kinds, type=pa.string())), False).astype(bool)
        bad = sel & ~allowed
        log.add(t.file, t.header("actor"), "{a!r} is a {k}; role {r!r} is held by {allowed}", rows=t.rows[bad],
                a=_pick(t.column("actor"), bad), k=_pick(akind, bad), r=role.key, allowed=", ".join(role.actor_kinds),
                kind="assignment-kind")


def _records(county: ColumnarCounty, mechanism: Mechanism | None, log: ProblemLog,
             others: Sequence[Mechanism]) -> None:
    obs = county["observations"]
    if len(obs):
        if mechanism is not None:
            elsewhere = {i.key for m in others for i in m.indicators}
            _known(log, obs, "indicator", [i.key for i in mechanism.indicators], elsewhere, mechanism,
                   "indicator {v!r} is not an indicator of {m} nor of any other mechanism: its rows count nowhere "
                   "(known to {m}: {known})",
                   "“{v}”既不是 {m} 的指标，也不是其他机制的指标：这些行不会计入（{m} 的指标：{known}）",
                   [(i.label.zh or i.key) for i in mechanism.indicators])
        _periods(log, obs)
    vis = county["visits"]
    if len(vis):
        days = _np(vis.column("days"), 0.0).astype(np.float64)
        neg = days < 0
        log.add(vis.file, vis.header("days"), "days must not be negative, got {v}", rows=vis.rows[neg], v=days[neg],
                kind="visit-days")
        if mechanism is not None:
            _known(log, vis, "role", list(mechanism.role_keys), {k for m in others for k in m.role_keys}, mechanism,
                   "role {v!r} is a role of no mechanism (known to {m}: {known})",
                   "“{v}”不是任何机制的角色（{m} 的角色：{known}）", [(r.label.zh or r.key) for r in mechanism.roles])
    prob = county["problems"]
    if len(prob):
        pids = prob.column("id")
        dup, _ = lookup(pids)
        log.add(prob.file, prob.header("id"), "duplicate problem id {v!r}", rows=prob.rows[dup], v=_pick(pids, dup),
                kind="problem-duplicate")
        found = prob.column("found")
        for field, en in (("deadline", "deadline {a} is before the problem was found {f}"),
                          ("closed", "closed {a} before it was found {f}")):
            col = prob.column(field)
            bad = _np(pc.less(col, found), False).astype(bool)
            log.add(prob.file, prob.header(field), en, rows=prob.rows[bad], a=_pick(col, bad), f=_pick(found, bad),
                    kind=f"problem-{field}")
    ev = county["events"]
    if len(ev) and mechanism is not None and mechanism.campaign is not None:
        tasks = [x.key for x in mechanism.campaign.tasks] + [m.key for m in mechanism.campaign.milestones]
        task = ev.column("task")
        bad = _valid(task) & (index_in(task, pa.array(tasks, type=pa.string())) < 0)
        log.add(ev.file, ev.header("task"), "task {v!r} is not a task or milestone of {m}'s campaign",
                rows=ev.rows[bad], v=_pick(task, bad), m=mechanism.key, kind="event-task")


def _known(log: ProblemLog, t: ColumnTable, field: str, keys: list[str], elsewhere: set[str], mechanism: Mechanism,
           en: str, zh: str, names_zh: list[str]) -> None:
    col = t.column(field)
    bad = _valid(col) & (index_in(col, pa.array(sorted({*keys, *elsewhere}), type=pa.string())) < 0)
    if bad.any():
        # a warning: one county file may keep the records of several mechanisms (the demo keeps five's)
        log.add(t.file, t.header(field), en, zh, rows=t.rows[bad], v=_pick(col, bad), m=mechanism.key,
                known=", ".join(keys) if not _zh(t) else "、".join(names_zh), kind=f"{t.spec.name}-{field}-unknown",
                severity="warning")


def _zh(t: ColumnTable) -> bool:
    return any(not h.isascii() for h in t.headers.values())


def _periods(log: ProblemLog, t: ColumnTable) -> None:
    """Periods a county writes (2024, 2024H1, 2024Q2, 2024-05, 2024-05-31) parsed once per distinct value."""
    from ..model.periods import Period

    col = t.column("period")
    dictionary, idx = encode(col)
    words = dictionary.to_pylist()
    wrong = np.zeros(len(words), bool)
    for j, w in enumerate(words):
        try:
            Period.parse(w)
        except Exception:  # the period parser raises the library's errors and ValueError
            wrong[j] = True
    if not wrong.any():
        return
    bad = (idx >= 0) & wrong[np.maximum(idx, 0)]
    log.add(t.file, t.header("period"), "{v!r} is not a period (2024, 2024H1, 2024Q2, 2024-05 or 2024-05-31)",
            "“{v}”不是有效期间（可写 2024、2024H1、2024Q2、2024-05 或 2024-05-31）", rows=t.rows[bad], v=_pick(col, bad),
            kind="observation-period")
