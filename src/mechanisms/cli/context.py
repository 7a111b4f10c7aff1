"""The catalogue and mechanism lookup shared by commands, built once per invocation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import click

if TYPE_CHECKING:  # names for annotations: a command imports what it uses when it runs (a fast start, issue 14)
    from ..county.records import County
    from ..coverage.arrays import CompactCounty
    from ..model.levels import Level
    from ..model.mechanism import Mechanism
    from ..plugins.catalog import Catalog


def load_catalog(files: Iterable[Path] = ()) -> Catalog:
    """The catalogue a command sees: the plugins' part read back from the cache folder while nothing it was built
    from has changed (plugins/catalog_cache.py), the mechanism files named or on ``MECHANISMS_PATH`` added afresh."""
    from ..plugins.catalog_cache import cached_catalog

    return cached_catalog(files=files)


def catalog_for(ctx: click.Context | None = None, files: Iterable[Path] = ()) -> Catalog:
    """The catalogue, built once per invocation, and only by the commands that use it (a fast start, issue 14)."""
    ctx = ctx or click.get_current_context()
    root = ctx.find_root()
    files = tuple(files)
    cache = root.meta.setdefault("mechanisms.catalogs", {})
    if files not in cache:
        cache[files] = load_catalog(files=files)
    catalog: Catalog = cache[files]
    return catalog


def get_mechanism(key: str | None, files: Iterable[Path] = (), overrides: Iterable[str] = ()) -> Mechanism:
    """The mechanism named ``key`` (or the only one a single ``--mechanism-file`` gives)."""
    files = tuple(files)
    catalog = catalog_for(files=files)
    if key is None:
        if len(files) == 1:
            from ..io.mechanism_file import load_mechanism_file

            key = load_mechanism_file(files[0]).key
        else:
            from ..errors import UsageError
            from ..model.labels import _

            raise UsageError(_("name a mechanism with --mechanism KEY (see `mechanisms list`)"))
    mech = catalog.get(key)
    given = tuple(overrides)
    if not given:
        return mech
    from ..model.assumptions import apply_overrides, parse_assignments  # the converter, cattrs: only for --set

    values = parse_assignments(given)
    return apply_overrides(mech, values) if values else mech


def county_for(data: str, mechanism: Mechanism, *, seed: int = 0, lang: str = "zh", on: dt.date | None = None
               ) -> County:
    """The county a command works on under ``mechanism``: its own assignments, or, where it has none for that
    mechanism, the mechanism's assignment policy's (said on stderr, so JSON on stdout stays clean); with ``on``,
    only the assignments in force that day (``None``: every one ever held).

    Every command that applies a mechanism to a county goes through here, so ``coverage``, ``reassign``,
    ``visits``, ``simulate`` and ``compare`` see the same county for the same seed and day. The county is
    staffed before the day is applied: a county whose own assignments for the mechanism have all ended is
    uncovered on that day, not re-staffed by the policy. A mechanism with no policy runs on the county's own
    assignments, whatever they are (said on stderr), never an error.
    """
    from ..compare.comparison import in_force
    from ..county.staffing import has_assignments_for, staffed
    from ..io.county_io import load_county
    from .output import err_console

    loaded = load_county(data, mechanism=mechanism)
    if mechanism.policy is None or not mechanism.policy.rules:
        if not has_assignments_for(loaded.structure, mechanism):
            err_console().print(f"注：{data} 没有 {mechanism.key} 的包保关系，该机制也没有配置政策，按县里现有的包保关系计算"
                                if lang == "zh" else
                                f"note: {data} has no assignments for {mechanism.key} and the mechanism has no "
                                "assignment policy; the county's own assignments are used as they are", markup=False)
        return in_force(loaded, on)
    staffed_county, used_policy = staffed(loaded, mechanism, seed=seed)
    if used_policy:
        n = sum(1 for a in staffed_county.structure.assignments if a.mechanism == mechanism.key)
        err_console().print(f"注：{data} 没有 {mechanism.key} 的包保关系，已按其配置政策生成 {n} 条（种子 {seed}）"
                            if lang == "zh" else
                            f"note: {data} has no assignments for {mechanism.key}; staffed by its assignment policy "
                            f"({n} assignments, seed {seed})", markup=False)
    return in_force(staffed_county, on)


class CountyForEngine(NamedTuple):
    """What :func:`compact_for` gives: the county (records or arrays), its units' names in unit order, and its own
    levels with their names — arrays carry level keys only, and a table names a county's levels as it does
    (镇（街道）, not ``town``)."""

    county: County | CompactCounty
    unit_names: Sequence[str]
    levels: tuple[Level, ...]


def compact_for(data: str, mechanism: Mechanism, *, seed: int = 0, lang: str = "zh", on: dt.date | None = None
                ) -> CountyForEngine:
    """The county ``coverage`` (and any engine on arrays) works on, its units' names in unit order and its levels
    with their names: read into columns, its structure checked with vectorised checks, and the engine's arrays
    built straight from the columns — no object per unit.

    Raises :class:`~mechanisms.errors.DataError` with the first problems of each kind (``validate`` lists them
    all). A county with no assignments for ``mechanism`` is staffed by its policy, which works on records:
    that path goes through :func:`county_for` (as of ``on``; the arrays keep their dates, and the engine applies
    the day itself).
    """
    from ..io.memory import keep_freed_memory

    keep_freed_memory()  # a command's process: freed columns reused, not faulted in again (io/memory.py says why)
    import numpy as np
    import pyarrow as pa
    import pyarrow.compute as pc

    from ..coverage.arrays import ArrowIds, CompactCounty
    from ..io.column_checks import check_columns
    from ..io.columns import read_columns

    def named(county: County) -> CountyForEngine:
        s = county.structure
        return CountyForEngine(county, [u.name for u in s.units], tuple(s.levels))

    if data == "demo":
        return named(county_for(data, mechanism, seed=seed, lang=lang, on=on))
    columns, log = read_columns(data)
    columns = columns.for_mechanism(mechanism)
    check_columns(columns, None, log)
    if not log.ok:
        raise log.bounded_error(lang=lang, hint=f"mechanisms validate {data}")
    t = columns["assignments"]
    mine = pc.fill_null(pc.equal(t.column("mechanism"), mechanism.key), False)
    untagged = pc.and_(pc.is_null(t.column("mechanism")),
                       pc.is_in(t.column("role"), value_set=pa.array(mechanism.role_keys, type=pa.string())))
    if not np.asarray(pc.or_(mine, untagged).to_numpy(zero_copy_only=False), bool).any():
        return named(county_for(data, mechanism, seed=seed, lang=lang, on=on))
    return CountyForEngine(CompactCounty.from_columns(columns, mechanism), ArrowIds(columns["units"].column("name")),
                           columns.levels)
