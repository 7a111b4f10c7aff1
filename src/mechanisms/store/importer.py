"""Import a county file into the store as DHIS2 does: validate everything first, then one transaction.

Each row of the file is matched to the version of its ``row_key`` in force: none — created; the same
fields — unchanged (nothing written); other fields — updated (the old version closed on the import's day,
a new one from that day). With ``sync``, versions the file no longer holds are closed. Imports go forward
in time: one dated before an import the store already holds is a conflict (history is not rewritten).

Two importers never interleave: SQLite takes its write lock at BEGIN (``BEGIN IMMEDIATE``, waiting up to the
busy timeout), PostgreSQL a transaction-scoped advisory lock, so the second reads what the first committed;
the exclusion constraint (PostgreSQL) and the overlap check (SQLite) hold whatever happens.
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
import json
from collections.abc import Collection, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

from ..io.column_checks import check_columns
from ..io.columns import read_columns
from ..io.problems import ProblemLog
from ..model.mechanism import Mechanism
from . import bulk, snapshot
from .codec import encode_table
from .migrate import require_current
from .report import ImportReport, TableCounts
from .schema import SPECS, fields, import_days, imports
from .urls import is_postgres, make_engine

LOCK_KEY = 0x6D656368  # "mech": the advisory lock every importer of one PostgreSQL store takes


class _RefusedError(Exception):
    """Raised inside the transaction to roll it back after a conflict found there."""


def checksum(source: str | Path) -> str:
    """sha256 of the source: a file's bytes, or a folder's files (names and bytes, in name order)."""
    h = hashlib.sha256()
    path = Path(source)
    if path.is_dir():
        for f in sorted(p for p in path.rglob("*") if p.is_file()):
            h.update(str(f.relative_to(path)).encode() + b"\0" + f.read_bytes())
    elif path.is_file():
        h.update(path.read_bytes())
    else:
        h.update(str(source).encode())
    return h.hexdigest()


def import_county(url: str, source: str | Path, *, on: dt.date | None = None, dry_run: bool = False,
                  sync: bool = False, by: str | None = None, strict: bool = False,
                  others: Sequence[Mechanism] = (), tables: Collection[str] | None = None,
                  label: str | None = None) -> ImportReport:
    """Import ``source`` (any DATA the loaders read) into the store at ``url``; see the module doc.

    ``tables`` limits what is written to those tables (the whole file is still validated; the store's other
    tables are left exactly as they are, ``sync`` or not): ``reassign --apply`` writes only the assignments.
    ``label`` is the source the report and the audit table name (default: ``source`` itself).
    Returns the report; ``report.ok`` is false when there were conflicts, and then nothing was written.
    """
    on = on or dt.date.today()
    with ThreadPoolExecutor(1) as pool:  # hashing the bytes (no GIL held) while the same files are parsed
        digest = pool.submit(checksum, source)
        columns, log = read_columns(source, strict=strict)
        check_columns(columns, None, log, others)  # exactly what `validate` checks, every problem at once
        report = ImportReport(url, label or str(source), on, by or getpass.getuser(), dry_run, sync, log,
                              digest.result())
    engine = make_engine(url)
    require_current(engine, url)
    if not log.ok:
        engine.dispose()
        return report
    names = [k for k in ("levels", *columns.tables) if tables is None or k in tables]
    conn = engine.connect()
    conn.info["write"] = True
    # Threads: Arrow's kernels, zstd and SQLite's own work (sqlite3 lets go of the GIL in each step) run
    # while the other thread binds values; the next table is encoded while this one is written
    pool = ThreadPoolExecutor(2)
    try:
        encoded = {k: pool.submit(encode_table, columns, k) for k in names}
        with conn.begin() as tx:
            _write(conn, report, encoded, log, dry_run, pool)
            if dry_run:
                tx.rollback()
                report.import_id, report.rows_written = None, 0
    except _RefusedError:
        report.import_id, report.rows_written = None, 0
    finally:
        pool.shutdown(cancel_futures=True)
        conn.close()
        engine.dispose()
    return report


def _write(conn: sa.Connection, report: ImportReport, encoded: Mapping[str, Future[pa.Table]], log: ProblemLog,
           dry_run: bool, pool: ThreadPoolExecutor) -> None:
    pg = is_postgres(conn.engine)
    if pg:
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({LOCK_KEY})")
    latest = import_days(conn)[1]
    if latest is not None and report.on < latest:
        log.add(report.source, "--on", "the store already holds an import as of {latest}: an import as of {on} would "
                "rewrite history (imports go forward in time)", "存储中已有生效日为 {latest} 的导入：生效日 {on} 的导入会改写历史"
                "（导入只能按时间向前）", latest=str(latest), on=str(report.on), kind="store-back-dated")
        raise _RefusedError
    import_id = conn.execute(imports.insert().values(
        at=dt.datetime.now(dt.UTC), by=report.by, source=report.source, checksum=report.checksum, on_date=report.on,
        sync=report.sync, counts="{}").returning(imports.c.id)).scalar_one()
    written = 0
    snaps = snapshot.load(conn, list(encoded))
    suspects = []  # tables with a version ending after `on`: the only ones an added version could overlap
    parts: dict[str, Future[list[snapshot.Part]]] = {}
    for name, pending in encoded.items():
        new = pending.result()
        full = snaps.get(name)
        if full is None and not dry_run:  # no current snapshot: this import writes one, from the table itself
            full = snapshot.read_all(conn, name)
        if full is None or pc.any(pc.greater(full.column("valid_to"), pa.scalar(report.on, pa.date32()))).as_py():
            suspects.append(name)
        counts, n, after = _table(conn, name, new, report, import_id, full)
        report.tables[name] = counts
        written += n
        if not dry_run and after is not None and (n or name not in snaps):
            parts[name] = pool.submit(snapshot.parts, name, after, import_id)
    for name, done in parts.items():
        snapshot.write(conn, name, done.result())
    if not pg:
        _check_overlaps(conn, import_id, report.on, log, report.source, suspects)
    conn.execute(imports.update().where(imports.c.id == import_id).values(
        counts=json.dumps({k: v.as_dict() for k, v in report.tables.items()})))
    report.import_id, report.rows_written = import_id, written


def _table(conn: sa.Connection, name: str, new: pa.Table, report: ImportReport, import_id: int,
           full: pa.Table | None) -> tuple[TableCounts, int, pa.Table | None]:
    """Write one table's new and closed versions; with ``full`` (every version the table held, as a snapshot),
    also return the snapshot after this import."""
    from .codec import digest

    cols = fields(SPECS[name])
    if full is None:
        cur = bulk.select(conn, name, ["row_id", "row_key", *cols], "valid_to IS NULL", order="")
    else:
        cur = full.filter(pc.is_null(full.column("valid_to"))).select(["row_id", "row_key", *cols])
    keys = new.column("row_key").combine_chunks()
    at = pc.index_in(keys, value_set=cur.column("row_key").combine_chunks())
    found = np.asarray(pc.is_valid(at), bool)
    idx = np.asarray(pc.fill_null(at, 0), np.int64)
    same = np.zeros(len(idx), bool)
    hit = np.flatnonzero(found)
    if len(hit):  # only rows the store holds are compared (a first import compares nothing)
        theirs = digest(cur.select(list(cols)).take(pa.array(idx[hit])), name)
        ours = digest(new.select(list(cols)).take(pa.array(hit)), name)
        same[hit] = np.asarray(pc.equal(theirs, ours), bool)
    changed = found & ~same
    created = ~found
    row_ids = np.asarray(cur.column("row_id").combine_chunks(), np.int64) if len(cur) else np.zeros(0, np.int64)
    to_close = row_ids[idx[changed]]
    closed = np.zeros(0, np.int64)
    if report.sync and len(cur):
        held = np.zeros(len(cur), bool)
        held[idx[found]] = True
        closed = row_ids[~held]
    ended = np.r_[to_close, closed].astype(np.int64)
    bulk.close(conn, name, [int(x) for x in ended], report.on, import_id)
    add = new.filter(pa.array(created | changed)).select([*cols, "row_key", "seq"])
    n = add.num_rows
    add = add.append_column("valid_from", pa.array(np.full(n, report.on), pa.date32()))
    add = add.append_column("import_id", pa.array(np.full(n, import_id), pa.int64()))
    if n:  # row ids given, not drawn by the database: the snapshot names each new version as the table does
        base = int(conn.exec_driver_sql(f"SELECT coalesce(max(row_id), 0) FROM {name}").scalar_one())
        add = add.append_column("row_id", pa.array(np.arange(base + 1, base + 1 + n, dtype=np.int64)))
    bulk.insert(conn, name, add)
    counts = TableCounts(int(created.sum()), int(changed.sum()), int(same.sum()), len(closed))
    after = None if full is None else snapshot.after_import(full, ended, report.on, add, name)
    return counts, n + len(to_close) + len(closed), after


def overlap_sql(name: str) -> str:
    """Up to five keys of ``name`` whose version ending after the day (first parameter) meets a version the import
    (second parameter) added; see :func:`_check_overlaps`."""
    return (f"SELECT b.row_key FROM {name} b WHERE b.valid_to > ? AND b.valid_from < b.valid_to AND EXISTS "
            f"(SELECT 1 FROM {name} a WHERE a.row_key = b.row_key AND a.valid_to IS NULL AND a.row_id <> b.row_id "
            "AND a.import_id = ? AND a.valid_from < b.valid_to) LIMIT 5")


def _check_overlaps(conn: sa.Connection, import_id: int, on: dt.date, log: ProblemLog, source: str,
                    names: Sequence[str]) -> None:
    """SQLite has no exclusion constraint: no two non-empty versions of one row may share a day, checked inside
    the import's transaction, before it commits.

    Why only versions that end after ``on``: every version this import adds begins on ``on`` and is open; an
    open version cannot meet another open one (the unique index on open versions), and meets a closed one of
    its key only if that one ends after ``on``. Versions it closes only get shorter. So those few rows (none,
    when imports go forward in time) are the only ones to compare, not every row the import wrote. ``names`` are
    the tables that held such a version before the import (every version, read from a current snapshot or the
    table itself, is what the import started from): the others are not scanned. The versions this import added
    are all open, and ``a.valid_to IS NULL`` says so, which lets SQLite find them by key through the unique
    ``<table>_open`` index (tests/test_store_checks.py holds it to that plan)."""
    for name in names:
        bad = [r[0] for r in conn.exec_driver_sql(overlap_sql(name), (on.isoformat(), import_id)).fetchall()]
        if bad:
            log.add(source, None, "versions of {t} {keys} would overlap in time", "{t} 的 {keys} 的版本时间重叠",
                    t=name, keys=", ".join(bad), kind="store-overlap")
            raise _RefusedError
