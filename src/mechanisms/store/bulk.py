"""Moving many rows in and out: COPY on PostgreSQL, executemany from Arrow batches on SQLite — never a row-by-row
statement built in Python. Reading gives Arrow tables typed as the data format types its columns.

SQLite has no COPY, and what a Python import pays for is binding each value: the SQLite path binds as few as it
can. A column that is NULL in every row is left out (it defaults to NULL), a column with one value in every row
is bound once per statement, a column equal to another (``row_key`` is the ``id`` of a unit) reuses the other's
parameter, one a constant away from another (``row_id`` and ``seq``) is ``?a + ?k``, and each statement
inserts many rows (``VALUES (…), (…), …``). Where a text column keeps one value over a long stretch of rows
(``level`` over a county's households) each stretch is loaded on its own, the value a constant there. A load at
least as large as what the table holds drops the table's secondary indexes and builds them again after (a sort,
not a million B-tree descents), inside the same transaction: a failure rolls the indexes back with the rows.
Reading asks SQLite for one JSON array per column (``json_group_array``), parsed in C, not a tuple per row —
the path a read takes when there is no current snapshot (:mod:`.snapshot`).
"""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import sqlalchemy as sa

from .codec import STORE_TYPES
from .schema import KIND

MAX_PARAMS = 30_000
"""Parameters in one SQLite statement (SQLite allows 32,766 since 3.32)."""
ROWS_PER_STATEMENT = 250
BLOCK_STATEMENTS = 200
"""Statements whose values are made Python objects at once (50,000 rows): memory stays flat on a big load."""
REBUILD_AT = 10_000
"""A SQLite load of at least this many rows, and at least as many as the table holds, rebuilds its indexes."""
EXTRA_TYPES = {"row_key": pa.string(), "seq": pa.int64(), "valid_from": pa.date32(), "valid_to": pa.date32(),
               "import_id": pa.int64(), "closed_by": pa.int64(), "row_id": pa.int64()}


def _pg(conn: sa.Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _q(name: str) -> str:
    return f'"{name}"'


def column_type(table: str, column: str) -> pa.DataType:
    return EXTRA_TYPES[column] if column in EXTRA_TYPES else STORE_TYPES[KIND[table][column]]


def insert(conn: sa.Connection, table: str, data: pa.Table) -> int:
    """Insert every row of ``data`` (its columns named as the store's) into ``table``; returns the count."""
    if data.num_rows == 0:
        return 0
    raw: Any = conn.connection.dbapi_connection  # psycopg's or sqlite3's own connection: COPY, executemany
    if _pg(conn):
        cols = ", ".join(_q(c) for c in data.column_names)
        buf = io.BytesIO()
        import pyarrow.csv as pacsv  # PostgreSQL's COPY only

        pacsv.write_csv(data, buf, pacsv.WriteOptions(include_header=False))
        with raw.cursor() as cur:
            rebuild = _pg_rebuild(cur, table, data.num_rows)
            with cur.copy(f"COPY {table} ({cols}) FROM STDIN WITH (FORMAT csv)") as copy:
                view = buf.getbuffer()
                for i in range(0, len(view), 1 << 20):
                    copy.write(view[i:i + (1 << 20)])
            if rebuild:
                cur.execute(f"SET LOCAL maintenance_work_mem = '{PG_BUILD_MEMORY}'")
                for ddl in rebuild:
                    cur.execute(ddl)
            if "row_id" in data.column_names:  # ids given by the importer: the sequence moves past them
                cur.execute("SELECT setval(pg_get_serial_sequence(%s, 'row_id'), %s)",
                            (table, pc.max(data.column("row_id")).as_py()))
        return int(data.num_rows)
    cur = raw.cursor()
    try:
        indexes = _secondary_indexes(cur, table) if data.num_rows >= REBUILD_AT else []
        if indexes and cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0] <= data.num_rows:
            for name, _ in indexes:
                cur.execute(f"DROP INDEX {_q(name)}")
        else:
            indexes = []
        _sqlite_insert(cur, table, data)
        for _, ddl in indexes:
            cur.execute(ddl)
    finally:
        cur.close()
    return int(data.num_rows)


PG_BUILD_MEMORY = "256MB"
"""``maintenance_work_mem`` while a big load builds its indexes again (local to the import's transaction)."""


def _pg_rebuild(cur: Any, table: str, rows: int) -> list[str]:
    """For a PostgreSQL load at least as large as the table: drop its secondary indexes, its exclusion constraint
    and its foreign keys, and return the statements that make them again after the rows — one sort, one GiST
    build, one anti-join to check the keys, instead of a B-tree descent, a GiST insert and a trigger a row.
    ``ALTER TABLE`` takes an ACCESS EXCLUSIVE lock on the table until the import commits: readers of the store
    wait for such a load instead of reading the table as it was (docs/store.md)."""
    if rows < REBUILD_AT:
        return []
    cur.execute(f"SELECT count(*) FROM {table}")
    if cur.fetchone()[0] > rows:
        return []
    cur.execute("SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = %s::regclass "
                "AND contype IN ('x', 'f') ORDER BY conname", (table,))
    constraints = cur.fetchall()
    cur.execute("SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid "
                "WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid) ORDER BY i.relname", (table,))
    indexes = cur.fetchall()
    for name, _ in constraints:
        cur.execute(f"ALTER TABLE {table} DROP CONSTRAINT {_q(name)}")
    for name, _ in indexes:
        cur.execute(f"DROP INDEX {_q(name)}")
    return [*(ddl for _, ddl in indexes),
            *(f"ALTER TABLE {table} ADD CONSTRAINT {_q(name)} {ddl}" for name, ddl in constraints)]


def _secondary_indexes(cur: Any, table: str) -> list[tuple[str, str]]:
    """The indexes the schema made on ``table`` (name, the exact statement that made it)."""
    return [(n, s) for n, s in cur.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' "
                                           "AND tbl_name = ? AND sql IS NOT NULL", (table,)).fetchall()]


def _one_value(col: Any) -> bool:
    if pa.types.is_string(col.type) or pa.types.is_integer(col.type) or pa.types.is_date32(col.type):
        if len(col) > 1 and col[0] != col[-1]:  # most columns vary, and most show it at their two ends
            return False
        low, high = pc.min_max(col).values()  # a scan, no hashing: count_distinct costs 30 times more
        return bool(low == high)
    return False


def _same(a: Any, b: Any) -> bool:
    """Whether two columns (no nulls, one type) hold the same values, row for row: the ends looked at first."""
    if len(a) and (a[0] != b[0] or a[-1] != b[-1]):
        return False
    return bool(pc.all(pc.equal(a, b)).as_py())


def _python_values(col: Any) -> list[Any]:
    col = col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col
    if pa.types.is_date32(col.type):
        col = pc.cast(col, pa.string())  # the ISO day, as SQLAlchemy's SQLite Date keeps it
    return list(col.to_pylist())


RUN_ROWS = 10_000
"""A stretch of at least this many rows where a text column keeps one value is inserted on its own, that value bound
once a statement (the households of a units table: level ``household`` a million times)."""


def _sqlite_insert(cur: Any, table: str, data: pa.Table) -> None:
    """Insert ``data`` in stretches: where a text column keeps one value over many rows, each stretch is its own
    load, so the value is a constant there (see :func:`_sqlite_load`)."""
    n = data.num_rows
    cuts = {0, n}
    for name in data.column_names:
        col = data.column(name).combine_chunks()
        if n < 2 * RUN_ROWS or col.null_count or not pa.types.is_string(col.type) or _one_value(col):
            continue
        starts = np.r_[0, np.flatnonzero(np.asarray(pc.not_equal(col.slice(1), col.slice(0, n - 1)), bool)) + 1, n]
        long = np.flatnonzero(np.diff(starts) >= RUN_ROWS)
        cuts.update(int(x) for x in np.r_[starts[long], starts[long + 1]])
    edges = sorted(cuts)
    merged = [0]  # stretches shorter than RUN_ROWS join the next one: a load has a cost of its own
    for e in edges[1:]:
        if e - merged[-1] >= RUN_ROWS or e == n:
            merged.append(e)
    if len(merged) > 2 and merged[-1] - merged[-2] < RUN_ROWS:
        merged.pop(-2)
    for start, stop in itertools.pairwise(merged):
        _sqlite_load(cur, table, data.slice(start, stop - start))


def _sqlite_load(cur: Any, table: str, data: pa.Table) -> None:
    """executemany of multi-row INSERTs, binding as few values as the rows allow: a constant once a statement,
    a column equal to another (or to another plus a constant: ``row_id`` and ``seq``) not at all. (Making
    ``row_key`` in SQL from the bound key fields was tried: concatenating in SQLite costs twice binding the text.)"""
    n = data.num_rows
    names: list[str] = []
    constants: list[Any] = []
    const_of: dict[str, int] = {}
    varying: list[str] = []
    alias: dict[str, str] = {}
    offset: dict[str, tuple[str, int]] = {}
    ints: dict[str, np.ndarray[Any, Any]] = {}
    for name in data.column_names:
        col = data.column(name)
        if col.null_count == n:
            continue  # NULL in every row: the column's default
        names.append(name)
        if col.null_count == 0 and _one_value(col):
            const_of[name] = len(constants)
            constants.append(_python_values(col.slice(0, 1))[0])
            continue
        twin = next((v for v in varying if col.null_count == 0 and data.column(v).null_count == 0
                     and data.column(v).type == col.type and _same(data.column(v), col)), None)
        if twin is not None:
            alias[name] = twin
            continue
        if col.null_count == 0 and pa.types.is_int64(col.type):
            values_ = np.asarray(col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col, np.int64)
            step = next((v for v, other in ints.items() if np.all(values_ - other == values_[0] - other[0])), None)
            if step is not None:
                offset[name] = (step, len(constants))
                constants.append(int(values_[0] - ints[step][0]))
                continue
            ints[name] = values_
        varying.append(name)
    m = len(varying)
    per = max(1, min(ROWS_PER_STATEMENT, (MAX_PARAMS - len(constants)) // max(m, 1)))
    c = len(constants)
    slot = {v: j for j, v in enumerate(varying)}

    def mark(name: str, r: int) -> str:
        if name in const_of:
            return f"?{const_of[name] + 1}"
        if name in offset:
            base, k = offset[name]
            return f"(?{c + r * m + slot[base] + 1} + ?{k + 1})"
        return f"?{c + r * m + slot[alias.get(name, name)] + 1}"

    def values(rows: int) -> str:
        return ", ".join("(" + ", ".join(mark(name, r) for name in names) + ")" for r in range(rows))

    head = f"INSERT INTO {table} ({', '.join(_q(x) for x in names)}) VALUES "

    def chunks(start: int, stop: int, rows: int) -> Iterator[list[Any]]:
        # Python values for BLOCK_STATEMENTS statements at a time: a million rows are never all Python objects at once
        for block in range(start, stop, rows * BLOCK_STATEMENTS):
            end = min(block + rows * BLOCK_STATEMENTS, stop)
            flat: list[Any] = [None] * ((end - block) * m)
            for j, name in enumerate(varying):
                flat[j::m] = _python_values(data.column(name).slice(block, end - block))
            for i in range(0, end - block, rows):
                yield constants + flat[i * m:(i + rows) * m]

    whole = n // per * per
    if whole:
        cur.executemany(head + values(per), chunks(0, whole, per))
    if whole < n:
        cur.executemany(head + values(1), chunks(whole, n, 1))


def close(conn: sa.Connection, table: str, row_ids: Sequence[int], day: dt.date, import_id: int) -> int:
    """End the versions ``row_ids`` on ``day`` (``valid_to`` exclusive), recording the import that ended them."""
    if not row_ids:
        return 0
    raw: Any = conn.connection.dbapi_connection  # psycopg's or sqlite3's own connection: COPY, executemany
    if _pg(conn):
        with raw.cursor() as cur:
            cur.execute(f"UPDATE {table} SET valid_to = %s, closed_by = %s WHERE row_id = ANY(%s)",
                        (day, import_id, list(row_ids)))
        return len(row_ids)
    cur = raw.cursor()
    cur.executemany(f"UPDATE {table} SET valid_to = ?, closed_by = ? WHERE row_id = ?",
                    [(day.isoformat(), import_id, int(r)) for r in row_ids])
    cur.close()
    return len(row_ids)


def as_of_clause(on: dt.date | None, pg: bool) -> tuple[str, tuple[Any, ...]]:
    """The versions in force on ``on`` (``None``: the open ones, the latest each row has)."""
    if on is None:
        return "valid_to IS NULL", ()
    mark = "%s" if pg else "?"
    day: Any = on if pg else on.isoformat()
    return f"valid_from <= {mark} AND (valid_to IS NULL OR valid_to > {mark})", (day, day)


def select(conn: sa.Connection, table: str, columns: Sequence[str], where: str = "", params: tuple[Any, ...] = (),
           order: str = "seq, row_id") -> pa.Table:
    """Rows of ``table`` as a typed Arrow table, sorted by ``order`` (columns, ascending) in Arrow, not by the
    database; PostgreSQL streams them with COPY, SQLite gives one JSON array per column."""
    keys = [k.strip() for k in order.split(",") if k.strip()]
    wanted = list(columns)
    fetched = [*wanted, *(k for k in keys if k not in wanted)]
    schema = pa.schema([(c, column_type(table, c)) for c in fetched])
    clause = f" WHERE {where}" if where else ""
    raw: Any = conn.connection.dbapi_connection  # psycopg's or sqlite3's own connection: COPY, executemany
    if _pg(conn):
        out = _pg_select(raw, f"SELECT {', '.join(_q(c) for c in fetched)} FROM {table}{clause}", params, schema)
    else:
        out = _sqlite_select(raw, table, fetched, schema, clause, params)
    if keys and out.num_rows:
        out = out.sort_by([(k, "ascending") for k in keys])
    return out.select(wanted)


def _sqlite_select(raw: Any, table: str, columns: list[str], schema: pa.Schema, clause: str,
                   params: tuple[Any, ...]) -> pa.Table:
    """Every column but the floats as one JSON array each (parsed in C); the floats through the cursor, since
    SQLite writes a double into JSON or text with 15 digits (0.30000000000000004 would come back 0.3). Both
    queries run in the caller's transaction, so they see the same rows; ``row_id`` lines them up."""
    floats = [c for c in columns if pa.types.is_floating(schema.field(c).type)]
    texts = [c for c in columns if c not in floats]
    if floats and "row_id" not in texts:
        texts.append("row_id")
    where = clause.replace("%s", "?")
    cur = raw.cursor()
    try:
        row = cur.execute(f"SELECT {', '.join(f'json_group_array({_q(c)})' for c in texts)} FROM {table}{where}",
                          params).fetchone()
        rest = cur.execute(f"SELECT row_id, {', '.join(_q(c) for c in floats)} FROM {table}{where} ORDER BY row_id",
                           params).fetchall() if floats else []
    finally:
        cur.close()
    types = {c: EXTRA_TYPES["row_id"] if c == "row_id" else schema.field(c).type for c in texts}
    arrays: dict[str, Any] = {}
    for text, name in zip(row, texts, strict=True):
        values = json.loads(text)
        kind = types[name]
        arrays[name] = pc.cast(pa.array(values, pa.string()), kind) if pa.types.is_date32(kind) else pa.array(values, kind)
    out = pa.table(arrays)
    if floats:
        out = out.sort_by("row_id")
        cols = list(zip(*rest, strict=True)) if rest else [() for _ in range(len(floats) + 1)]
        assert list(cols[0]) == out.column("row_id").to_pylist(), "the two reads of one transaction differ"
        for name, values in zip(floats, cols[1:], strict=True):
            out = out.append_column(name, pa.array(values, schema.field(name).type))
    return out.select(columns).cast(schema)


def _pg_select(raw: Any, sql: str, params: tuple[Any, ...], schema: pa.Schema) -> pa.Table:
    import psycopg
    import pyarrow.csv as pacsv

    inner = psycopg.ClientCursor(raw).mogrify(sql, params) if params else sql  # COPY takes no parameters
    buf = bytearray()
    with raw.cursor() as cur, cur.copy(f"COPY ({inner}) TO STDOUT WITH (FORMAT csv)") as copy:
        for block in copy:
            buf += block
    if not buf:
        return schema.empty_table()
    return pacsv.read_csv(io.BytesIO(bytes(buf)),
                          read_options=pacsv.ReadOptions(column_names=schema.names),
                          convert_options=pacsv.ConvertOptions(column_types=schema, strings_can_be_null=True,
                                                               quoted_strings_can_be_null=False))
