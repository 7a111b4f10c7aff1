"""A columnar copy of every table, written by each import, so reading the store "as of D" is a blob read and a
vectorised interval filter, not a million rows through the database's cursor.

Why: what a read pays for is the database turning rows into Python (or JSON, or CSV) and back — for a
1M-household county two to five seconds, against well under one for the same county as Parquet. The import
already holds every new version in Arrow; writing the table's whole history once more, as Arrow IPC (zstd),
in the same transaction costs a fraction of the insert and makes every read after it nearly as fast as a file.

What a snapshot is: for each versioned table, every version the table holds (open and closed) in ``row_id``
order, as one or more parts of at most :data:`PART_ROWS` rows (the databases cap one value at 1 GB). A part
is two IPC streams: ``data`` — the fields, ``seq``, ``valid_from``, ``valid_to``, all a read needs — and
``keys`` — ``row_id`` and ``row_key``, which only an import needs (to match the file's rows to the versions in
force and end them by id), so a read never fetches them. It is keyed by the import that wrote it, and it is
used only while it is *current*: no later import wrote a row of the table (the audit row's ``counts``:
created, updated or closed), and the table's largest ``row_id`` is still ``max_row_id`` (a row added behind
the importer's back; one descent of the primary key, where counting the rows would cost a tenth of a second a
read). Otherwise — a store made before snapshots existed, or rows added by hand — the read goes through SQL,
and the next import writes a fresh snapshot from the tables. Rows *changed or deleted* by hand, in SQL,
are outside what the store promises; ``DELETE FROM snapshots`` sends every read back to SQL until the next
import.

The snapshot and SQL answer the same question the same way (``tests/test_store_snapshot.py`` compares them on
both databases, as of several days): as of ``D`` the versions with ``valid_from <= D < valid_to`` (``valid_to``
NULL: open), sorted by ``seq`` and then ``row_id``.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

from . import bulk
from .schema import SPECS, fields

PART_ROWS = 1_000_000
"""Rows in one part (one IPC stream, one database value): far below the 1 GB a value may hold."""
COMPRESSION = "zstd"
"""Zstandard frames: a quarter of the bytes to write and read (fewer pages to walk), decoded as fast as LZ4's."""
KEYS = ("row_id", "row_key")
"""What only an import needs (to match the file's rows and end versions): kept apart, so a read never fetches it."""


def data_columns(name: str) -> list[str]:
    """What a read needs: the fields, ``seq`` and the valid time (rows are in ``row_id`` order)."""
    return [*fields(SPECS[name]), "seq", "valid_from", "valid_to"]


def columns(name: str) -> list[str]:
    """The columns a snapshot of table ``name`` keeps, in order."""
    return [*KEYS, *data_columns(name)]


def schema(name: str, names: Sequence[str] | None = None) -> pa.Schema:
    return pa.schema([(c, bulk.column_type(name, c)) for c in (columns(name) if names is None else names)])


def _raw(conn: sa.Connection) -> Any:
    return conn.connection.dbapi_connection


def _mark(conn: sa.Connection) -> str:
    return "%s" if conn.dialect.name == "postgresql" else "?"


def _top(conn: sa.Connection, name: str) -> int | None:
    """The largest ``row_id`` of table ``name`` (one descent of the primary key, not a count of the rows)."""
    top = conn.exec_driver_sql(f"SELECT max(row_id) FROM {name}").scalar()
    return None if top is None else int(top)


def load(conn: sa.Connection, names: Sequence[str], *, keys: bool = True) -> dict[str, pa.Table]:
    """The current snapshot of each table of ``names`` that has one (see the module doc); the others are absent.
    Without ``keys`` only what a read needs (:func:`data_columns`)."""
    mark = _mark(conn)
    heads = conn.exec_driver_sql(
        "SELECT name, import_id, row_count, max_row_id, count(*) FROM snapshots GROUP BY name, import_id, row_count, max_row_id"
    ).all()
    if not heads:
        return {}
    oldest = min(int(h[1]) for h in heads)
    written: dict[int, set[str]] = {}  # the tables each later import wrote a row into (not: left unchanged)
    for imp, counts in conn.exec_driver_sql(f"SELECT id, counts FROM imports WHERE id > {mark}", (oldest,)).all():
        written[int(imp)] = {t for t, c in json.loads(counts or "{}").items()
                             if not isinstance(c, dict) or any(c.get(k) for k in ("created", "updated", "closed"))}
    out: dict[str, pa.Table] = {}
    for name, imp, rows, top, _ in heads:
        if name not in names or sum(1 for h in heads if h[0] == name) > 1:
            continue  # parts of two snapshots of one table: never written so, and then neither is to be trusted
        if any(name in tables for i, tables in written.items() if i > int(imp)):
            continue
        if _top(conn, name) != (None if top is None else int(top)):
            continue
        table = _read_parts(conn, name, keys)
        if table.num_rows == int(rows):  # every part there
            out[name] = table
    return out


def _read_parts(conn: sa.Connection, name: str, keys: bool) -> pa.Table:
    mark = _mark(conn)
    sql = f"SELECT data{', keys' if keys else ''} FROM snapshots WHERE name = {mark} ORDER BY part"
    raw = _raw(conn)
    if conn.dialect.name == "postgresql":
        with raw.cursor(binary=True) as cur:  # bytea as bytes, not hex text twice the size
            cur.execute(sql, (name,))
            rows = cur.fetchall()
    else:
        cur = raw.cursor()
        try:
            rows = cur.execute(sql, (name,)).fetchall()
        finally:
            cur.close()
    parts = []
    for row in rows:
        data = pa.ipc.open_stream(pa.py_buffer(row[0])).read_all()
        if keys:
            ids = pa.ipc.open_stream(pa.py_buffer(row[1])).read_all()
            data = pa.table({**{c: ids.column(c) for c in KEYS}, **{c: data.column(c) for c in data.column_names}})
        parts.append(data)
    want = schema(name, columns(name) if keys else data_columns(name))
    return pa.concat_tables(parts).cast(want) if parts else want.empty_table()


def read_all(conn: sa.Connection, name: str) -> pa.Table:
    """Every version table ``name`` holds, through SQL: what a snapshot is built from when there is none."""
    return bulk.select(conn, name, columns(name), order="row_id")


Part = tuple[str, int, int, int, "int | None", bytes, bytes]
"""One row of ``snapshots``: name, part, import_id, row_count, max_row_id, data, keys."""


def parts(name: str, table: pa.Table, import_id: int) -> list[Part]:
    """The rows of the snapshot of ``name`` holding ``table`` (every version, ``row_id`` order), written by
    ``import_id``: no database, so a thread makes them while the import writes the next table."""
    table = table.select(columns(name)).cast(schema(name))
    top = pc.max(table.column("row_id")).as_py() if table.num_rows else None
    out: list[Part] = []
    for i, start in enumerate(range(0, max(table.num_rows, 1), PART_ROWS)):
        part = table.slice(start, PART_ROWS)
        out.append((name, i, import_id, table.num_rows, top, _ipc(part.select(data_columns(name))),
                    _ipc(part.select(list(KEYS)))))
    return out


def write(conn: sa.Connection, name: str, rows: list[Part]) -> None:
    """Replace the snapshot of ``name`` by ``rows`` (from :func:`parts`)."""
    mark = _mark(conn)
    cur = _raw(conn).cursor()
    try:
        cur.execute(f"DELETE FROM snapshots WHERE name = {mark}", (name,))
        cur.executemany(f"INSERT INTO snapshots (name, part, import_id, row_count, max_row_id, data, keys) "
                        f"VALUES ({', '.join([mark] * 7)})", rows)
    finally:
        cur.close()


def save(conn: sa.Connection, name: str, table: pa.Table, import_id: int) -> None:
    """Replace the snapshot of ``name`` by ``table`` (every version, ``row_id`` order), written by ``import_id``."""
    write(conn, name, parts(name, table, import_id))


def _ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema, options=pa.ipc.IpcWriteOptions(compression=COMPRESSION)) as writer:
        writer.write_table(table, max_chunksize=PART_ROWS)
    return bytes(sink.getvalue().to_pybytes())


def after_import(before: pa.Table, closed_row_ids: np.ndarray[Any, Any], day: dt.date, added: pa.Table,
                 name: str) -> pa.Table:
    """The snapshot after an import that ended ``closed_row_ids`` on ``day`` and added ``added`` (with row ids
    above every row ``before`` holds): the same arithmetic the database does, on columns."""
    out = before
    if len(closed_row_ids) and before.num_rows:
        hit = pc.is_in(before.column("row_id"), value_set=pa.array(closed_row_ids, pa.int64()))
        valid_to = pc.if_else(hit, pa.scalar(day, pa.date32()), before.column("valid_to"))
        out = out.set_column(out.schema.get_field_index("valid_to"), "valid_to", valid_to)
    if added.num_rows:
        extra = {c: added.column(c) if c in added.column_names else pa.nulls(added.num_rows, bulk.column_type(name, c))
                 for c in columns(name)}
        out = pa.concat_tables([out.select(columns(name)).cast(schema(name)),
                                pa.table(extra).cast(schema(name))])
    return out


def as_of(table: pa.Table, name: str, on: dt.date | None) -> pa.Table:
    """The versions of ``table`` (a snapshot) in force on ``on`` (``None``: the open ones), sorted by ``seq`` then
    ``row_id``, with the table's fields only: exactly what the SQL read gives."""
    valid_to = table.column("valid_to")
    if on is None:
        mask = pc.is_null(valid_to)
    else:
        day = pa.scalar(on, pa.date32())
        mask = pc.and_kleene(pc.less_equal(table.column("valid_from"), day),
                              pc.or_kleene(pc.is_null(valid_to), pc.greater(valid_to, day)))
    kept = table.select(data_columns(name)).filter(mask)
    seq = np.asarray(kept.column("seq").combine_chunks(), np.int64) if kept.num_rows else np.zeros(0, np.int64)
    if len(seq) > 1 and not bool(np.all(seq[1:] >= seq[:-1])):
        # rows are in row_id order, so a stable sort by seq is the sort by (seq, row_id)
        kept = kept.take(pa.array(np.argsort(seq, kind="stable")))
    return kept.select(list(fields(SPECS[name])))


def current_or_sql(conn: sa.Connection, names: Sequence[str]) -> Mapping[str, pa.Table]:
    """Every version of each table of ``names``: its current snapshot, or the table read through SQL."""
    snaps = load(conn, names)
    return {n: snaps[n] if n in snaps else read_all(conn, n) for n in names}
