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
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..county.messages import KIND_ZH, MESSAGES, below_en, below_zh, level_zh, role_zh
from .colparse import chunks, encode, from_numpy, take_rows
from .columns import ColumnarCounty, ColumnTable
from .idkeys import codes_of, id_keys, sorted_lookup
from .problems import ProblemLog

if TYPE_CHECKING:  # an annotation only: validate without a mechanism never imports the model (issue 14)
    from ..model.mechanism import Mechanism

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


SAMPLE = 1 << 16
"""Rows of a reference column looked at to guess whether it repeats a few ids (a parent column) or not."""


def _repeats(col: Any) -> bool:
    """Whether ``col`` names few distinct ids (under a quarter of its first :data:`SAMPLE` rows): such a column is
    hashed into its own small table first, and only its distinct values into the big one of every id."""
    if len(col) < 4096:
        return False
    head = col.slice(0, SAMPLE)
    return len(pc.unique(head)) * 4 < len(head)


def lookup(ids: Any, *refs: Any) -> tuple[np.ndarray, list[np.ndarray]]:
    """Rows whose id an earlier row has, and per reference column the row of the id each value names (-1: none).

    One hash pass over the ids and every column naming them (a dictionary shared by the chunks),
    where a lookup per column would hash the million ids again each time. A column repeating a few ids
    (a million households naming 25,000 groups as parent) is first reduced to its distinct values, in a
    table that fits the cache: hashing a value into the million-id table costs ten times more.
    """
    n = len(ids)
    if n == 0:
        return np.zeros(0, bool), [np.full(len(r), -1, np.int64) for r in refs]
    parts: list[Any] = [ids]
    local: list[np.ndarray | None] = []
    for r in refs:
        r = r.cast(ids.type) if r.type != ids.type else r
        if _repeats(r):
            dictionary, rcodes = encode(r)
            parts.append(dictionary)
            local.append(rcodes)
        else:
            parts.append(r)
            local.append(None)
    keys = id_keys(parts)  # ids as exact integers from their bytes (io/idkeys.py); else one Arrow hash for all
    if keys is not None:
        by_sort = sorted_lookup(keys)
        if by_sort is not None:
            dup, found = by_sort
            return dup, [f if loc is None else np.append(f, -1)[loc] for f, loc in zip(found, local, strict=True)]
    codes = codes_of(keys) if keys is not None else None
    if codes is None:
        every = pa.chunked_array([c for p in parts for c in chunks(p)], type=ids.type)
        _, flat = encode(every)  # one hash over the ids and every reference: one dictionary for all
        codes = np.split(flat, np.cumsum([len(p) for p in parts])[:-1])
    size = max((int(c.max()) + 1 for c in codes if len(c)), default=0)
    first = np.full(size + 1, -1, np.int64)  # the extra slot answers -1 for an empty cell (code -1)
    own = codes[0]
    rows = np.arange(n, dtype=np.int64)
    ok = own >= 0
    first[own[ok][::-1]] = rows[ok][::-1]
    dup = ok & (first[own] != rows)
    out = []
    for c, loc in zip(codes[1:], local, strict=True):
        found = first[c]
        out.append(found if loc is None else np.append(found, -1)[loc])  # code -1 (an empty cell) picks the -1
    return dup, out


def _np(arr: Any, fill: Any) -> np.ndarray:
    out: np.ndarray = np.asarray(pc.fill_null(arr, fill).to_numpy(zero_copy_only=False))
    return out


def _valid(arr: Any) -> np.ndarray:
    out: np.ndarray = np.asarray(arr.is_valid().to_numpy(zero_copy_only=False), bool)
    return out


def _pick(arr: Any, where: np.ndarray) -> Any:
    return arr.filter(from_numpy(where))


def _say(log: ProblemLog, message: str, file: str, field: str | None, *, kind: str | None = None, rows: Any = None,
         **values: Any) -> None:
    """Problems in the words of :data:`~mechanisms.county.messages.MESSAGES` [``message``], both languages."""
    zh, en = MESSAGES[message]
    log.add(file, field, en, zh, rows=rows, kind=kind or message, **values)


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
            _say(log, "level-twice", "levels", "key", k=k)
    units, actors = county["units"], county["actors"]
    n = len(units)
    udup, parent, adup, index = references(county)
    actor_refs = [(t, f) for t, f, target in _references(county) if target == "actor"]
    tree = _units(county, log, udup, parent)
    aids = actors.column("id")
    _say(log, "actor-duplicate", actors.file, actors.header("id"), rows=actors.rows[adup], v=_pick(aids, adup))
    for (name, field), idx in index.items():
        t = county[name]
        ref = t.column(field)
        bad = _valid(ref) & (idx < 0)
        what = "actor-missing" if (name, field) in actor_refs else "unit-missing"
        _say(log, what, t.file, t.header(field), rows=t.rows[bad], v=_pick(ref, bad), kind=f"{name}-{field}-dangling")
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
    keys, levels = county.level_keys, county.levels
    n = len(t)
    ids = t.column("id")
    ar = np.arange(n)
    _say(log, "unit-duplicate", t.file, t.header("id"), rows=t.rows[dup], v=_pick(ids, dup))
    lev = index_in(t.column("level"), pa.array(keys, type=pa.string()))
    lev = lev.astype(np.int16 if len(keys) < 1 << 15 else np.int32)  # a narrow copy: ten million are read often
    own = _np(t.column("households"), -1).astype(np.int64)
    neg = own < -1
    neg |= (own == -1) & _valid(t.column("households"))
    _say(log, "unit-negative", t.file, t.header("households"), rows=t.rows[neg], v=own[neg])
    par = t.column("parent")
    has_par = _valid(par)
    # a unit naming itself as parent: its parent's row is its own, or (for a duplicate id, whose lookup gives the
    # first row with it) its parent reads as its id; no million strings compared
    own_parent = pidx == ar
    twice = np.flatnonzero(dup & (pidx >= 0))
    if len(twice):
        own_parent[twice] = _np(pc.equal(take_rows(par, twice), take_rows(ids, twice)), False).astype(bool)
    _say(log, "unit-own-parent", t.file, t.header("parent"), rows=t.rows[own_parent], v=_pick(ids, own_parent))
    dangling = has_par & ~own_parent & (pidx < 0)
    _say(log, "unit-dangling", t.file, t.header("parent"), rows=t.rows[dangling], v=_pick(par, dangling))
    linked = has_par & ~own_parent & (pidx >= 0)
    p = np.where(linked, pidx, 0)
    off = linked & (lev >= 0) & (lev[p] >= 0) & (lev != lev[p] + 1)
    if off.any():
        above = lev[p[off]]
        names, names_zh = np.array(keys, dtype=object), np.array([level_zh(levels, k) for k in keys], dtype=object)
        expected = np.array([below_en(keys, k) for k in range(len(keys))], dtype=object)
        expected_zh = np.array([below_zh(levels, k) for k in range(len(keys))], dtype=object)
        _say(log, "unit-level-order", t.file, t.header("level"), rows=t.rows[off], u=_pick(ids, off),
             lv=names[lev[off]], plv=names[above], p=_pick(par, off), exp=expected[above],
             lv_zh=names_zh[lev[off]], plv_zh=names_zh[above], exp_zh=expected_zh[above])
    roots = np.flatnonzero(~has_par)
    root = int(roots[0]) if len(roots) else -1
    if n == 0:
        _say(log, "no-units", t.file or "units", None)
    elif not len(roots):
        _say(log, "no-root", t.file or "units", t.header("parent"))
    elif len(roots) > 1:
        first = ids[root].as_py()
        _say(log, "unit-second-root", t.file, t.header("parent"), rows=t.rows[roots[1:]], v=take_rows(ids, roots[1:]),
             f=first)
    if root >= 0 and lev[root] > 0:
        _say(log, "unit-root-level", t.file, t.header("level"), rows=t.rows[[root]], v=ids[root].as_py(),
             lv=keys[lev[root]], top=keys[0], lv_zh=level_zh(levels, keys[lev[root]]), top_zh=level_zh(levels, keys[0]))
    # follow every chain of parents to its end by pointer doubling: a unit whose chain never ends is on a loop.
    # Where every link goes one level up (the usual county) each step climbs, and no chain can close: no walk
    descending = lev[linked] == lev[p[linked]] + 1
    if bool(descending.all()) and not (lev[linked] < 0).any():
        on_loop = np.zeros(n, bool)
    else:
        nxt = np.where(linked, pidx, ar)
        steps = max(1, int(np.ceil(np.log2(max(n, 2)))) + 1)
        anc = nxt.copy()
        for _ in range(steps):
            nxt_anc = anc[anc]
            if np.array_equal(nxt_anc, anc):  # every chain at its end (or circling): more doubling changes nothing
                break
            anc = nxt_anc
        on_loop = nxt[anc] != anc
    _say(log, "unit-cycle", t.file, t.header("parent"), rows=t.rows[on_loop], v=_pick(ids, on_loop))
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
        _say(log, "unit-count", t.file, t.header("households"), rows=t.rows[counted], u=_pick(ids, counted),
             c=own[counted], s=total[counted])
    return _Tree(lev, np.where(linked, pidx, -1), has_children, total, own, root)


def _assignments(county: ColumnarCounty, tree: _Tree, mechanism: Mechanism | None, log: ProblemLog,
                 aidx: np.ndarray, uidx: np.ndarray) -> None:
    t = county["assignments"]
    if len(t) == 0:
        return
    hh = _np(t.column("households"), 0).astype(np.int64)
    neg = hh < 0
    _say(log, "assignment-negative", t.file, t.header("households"), rows=t.rows[neg], v=hh[neg])
    start, end = t.column("start"), t.column("end")
    backwards = _np(pc.less(end, start), False).astype(bool)
    _say(log, "assignment-backwards", t.file, t.header("end"), rows=t.rows[backwards], e=_pick(end, backwards),
         s=_pick(start, backwards))
    if mechanism is not None:
        _fit(county, tree, mechanism, aidx, uidx, log)
    unit_codes = _ref_codes(t.column("unit"), uidx)
    shared = np.bincount(unit_codes)[unit_codes] > 1  # only rows on a unit another row names can repeat a row
    dup = np.zeros(len(t), bool)
    if shared.any():
        at = np.flatnonzero(shared)
        sub = take_rows(t.data, at)
        dup[at] = _duplicate_rows(None if t.bad is None else t.bad[at],
                                  [_ref_codes(sub.column("actor"), aidx[at]), _codes(sub.column("role")), unit_codes[at],
                                   _codes(sub.column("start")), _codes(sub.column("end")),
                                   _codes(sub.column("mechanism"))])
    _say(log, "assignment-duplicate", t.file, None, rows=t.rows[dup], a=_pick(t.column("actor"), dup),
         u=_pick(t.column("unit"), dup), r=_pick(t.column("role"), dup))


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
        kcodes = encode(from_numpy(key))[1]  # a hash of the packed keys: no sort of a million
        first = np.full(int(kcodes.max()) + 1 if len(kcodes) else 0, -1, np.int64)
        first[kcodes[::-1]] = np.arange(len(kcodes) - 1, -1, -1)  # codes count up in order of first sight
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
    _say(log, "assignment-role", t.file, t.header("role"), rows=t.rows[unknown], v=_pick(roles, unknown), m=mechanism.key,
         known=", ".join(mechanism.role_keys) or "none",
         known_zh="、".join(r.label.zh or r.key for r in mechanism.roles) or "无")
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
        names_zh = np.array([role_zh(mechanism, k) for k in mechanism.role_keys], dtype=object)
        rlev = np.array([r.level for r in mechanism.roles], dtype=object)
        rlev_zh = np.array([level_zh(county.levels, r.level) for r in mechanism.roles], dtype=object)
        levels_zh = np.array([level_zh(county.levels, k) for k in keys], dtype=object)
        _say(log, "assignment-level", t.file, t.header("unit"), rows=t.rows[off], r=names[r[off]], rl=rlev[r[off]],
             u=_pick(t.column("unit"), off), ul=np.array(keys, dtype=object)[ulev[off]], r_zh=names_zh[r[off]],
             rl_zh=rlev_zh[r[off]], ul_zh=levels_zh[ulev[off]])
    kinds = county["actors"].column("kind")
    # each assignment's actor's kind as a code into the actors' few kinds: no million strings taken
    kind_words, kind_codes = encode(kinds) if len(kinds) else (pa.array([], pa.string()), np.zeros(0, np.int64))
    akind = np.where(aidx >= 0, np.append(kind_codes, -1)[aidx], -1)
    # fits[role, kind]: whether an actor of that kind may hold the role (a role naming no kinds: any); the last
    # column is an actor with no kind, who fits no role that names kinds
    fits = np.ones((len(mechanism.roles), len(kind_words) + 1), bool)
    for j, role in enumerate(mechanism.roles):
        if role.actor_kinds:
            fits[j, :-1] = _np(pc.is_in(kind_words, value_set=pa.array(role.actor_kinds, type=pa.string())), False)
            fits[j, -1] = False
    misfit = known & (aidx >= 0) & ~fits[r, akind]
    for j, role in enumerate(mechanism.roles):
        if not role.actor_kinds or not misfit.any():
            continue
        bad = misfit & (ridx == j)
        if not bad.any():
            continue
        k = take_rows(kinds, aidx[bad])
        _say(log, "assignment-kind", t.file, t.header("actor"), rows=t.rows[bad], a=_pick(t.column("actor"), bad), k=k,
             r=role.key, allowed=", ".join(role.actor_kinds), r_zh=role.label.zh or role.key,
             k_zh=[KIND_ZH.get(x, x) for x in k.to_pylist()] if bad.any() else [],
             allowed_zh="、".join(KIND_ZH.get(x, x) for x in role.actor_kinds))


def _records(county: ColumnarCounty, mechanism: Mechanism | None, log: ProblemLog,
             others: Sequence[Mechanism]) -> None:
    obs = county["observations"]
    if len(obs):
        if mechanism is not None:
            elsewhere = {i.key for m in others for i in m.indicators}
            _known(log, obs, "indicator", [i.key for i in mechanism.indicators], elsewhere, mechanism,
                   "indicator {v!r} is not an indicator of {m} nor of any other mechanism: its rows count nowhere "
                   "(known to {m}: {known})",
                   "“{v}”既不是 {m} 的指标，也不是其他机制的指标：这些行不会计入（{m} 的指标：{known_zh}）",
                   [(i.label.zh or i.key) for i in mechanism.indicators])
        _periods(log, obs)
    vis = county["visits"]
    if len(vis):
        days = _np(vis.column("days"), 0.0).astype(np.float64)
        neg = days < 0
        _say(log, "visit-days", vis.file, vis.header("days"), rows=vis.rows[neg], v=days[neg])
        if mechanism is not None:
            _known(log, vis, "role", list(mechanism.role_keys), {k for m in others for k in m.role_keys}, mechanism,
                   "role {v!r} is a role of no mechanism (known to {m}: {known})",
                   "“{v}”不是任何机制的角色（{m} 的角色：{known_zh}）", [(r.label.zh or r.key) for r in mechanism.roles])
    prob = county["problems"]
    if len(prob):
        pids = prob.column("id")
        dup, _ = lookup(pids)
        _say(log, "problem-duplicate", prob.file, prob.header("id"), rows=prob.rows[dup], v=_pick(pids, dup))
        found = prob.column("found")
        for field in ("deadline", "closed"):
            col = prob.column(field)
            bad = _np(pc.less(col, found), False).astype(bool)
            _say(log, f"problem-{field}", prob.file, prob.header(field), rows=prob.rows[bad], a=_pick(col, bad),
                 f=_pick(found, bad))
    ev = county["events"]
    if len(ev) and mechanism is not None and mechanism.campaign is not None:
        tasks = [x.key for x in mechanism.campaign.tasks] + [m.key for m in mechanism.campaign.milestones]
        # as with indicators and roles: the tasks of another mechanism the county keeps records for are no problem
        tasks += [k for m in others if m.campaign is not None
                  for k in (*(x.key for x in m.campaign.tasks), *(x.key for x in m.campaign.milestones))]
        task = ev.column("task")
        bad = _valid(task) & (index_in(task, pa.array(tasks, type=pa.string())) < 0)
        _say(log, "event-task", ev.file, ev.header("task"), rows=ev.rows[bad], v=_pick(task, bad), m=mechanism.key)


def _known(log: ProblemLog, t: ColumnTable, field: str, keys: list[str], elsewhere: set[str], mechanism: Mechanism,
           en: str, zh: str, names_zh: list[str]) -> None:
    col = t.column(field)
    bad = _valid(col) & (index_in(col, pa.array(sorted({*keys, *elsewhere}), type=pa.string())) < 0)
    if bad.any():
        # a warning: one county file may keep the records of several mechanisms (the demo keeps five's)
        log.add(t.file, t.header(field), en, zh, rows=t.rows[bad], v=_pick(col, bad), m=mechanism.key,
                known=", ".join(keys), known_zh="、".join(names_zh), kind=f"{t.spec.name}-{field}-unknown",
                severity="warning")


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
