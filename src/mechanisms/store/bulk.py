"""Moving many rows in and out: COPY on PostgreSQL, executemany from Arrow batches on SQLite — never a row-by-row
statement built in Python. Reading gives Arrow tables typed as the data format types its columns.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import sqlalchemy as sa

from .codec import STORE_TYPES
from .schema import KIND

BATCH = 50_000
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
    cols = ", ".join(_q(c) for c in data.column_names)
    raw: Any = conn.connection.dbapi_connection  # psycopg's or sqlite3's own connection: COPY, executemany
    if _pg(conn):
        buf = io.BytesIO()
        pacsv.write_csv(data, buf, pacsv.WriteOptions(include_header=False))
        with raw.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN WITH (FORMAT csv)") as copy:
            view = buf.getbuffer()
            for i in range(0, len(view), 1 << 20):
                copy.write(view[i:i + (1 << 20)])
        return int(data.num_rows)
    marks = ", ".join("?" for _ in data.column_names)
    sql = f"INSERT INTO {table} ({cols}) VALUES ({marks})"
    cur = raw.cursor()
    for batch in data.to_batches(BATCH):
        columns = [pc.cast(c, pa.string()) if pa.types.is_date32(c.type) else c for c in batch.columns]
        cur.executemany(sql, zip(*(c.to_pylist() for c in columns), strict=True))
    cur.close()
    return int(data.num_rows)


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
    """Rows of ``table`` as a typed Arrow table; PostgreSQL streams them with COPY, SQLite through its cursor."""
    cols = ", ".join(_q(c) for c in columns)
    sql = f"SELECT {cols} FROM {table}" + (f" WHERE {where}" if where else "") + (f" ORDER BY {order}" if order else "")
    schema = pa.schema([(c, column_type(table, c)) for c in columns])
    raw: Any = conn.connection.dbapi_connection  # psycopg's or sqlite3's own connection: COPY, executemany
    if _pg(conn):
        import psycopg

        inner = psycopg.ClientCursor(raw).mogrify(sql, params) if params else sql  # COPY takes no parameters
        with raw.cursor() as cur:
            buf = bytearray()
            with cur.copy(f"COPY ({inner}) TO STDOUT WITH (FORMAT csv)") as copy:
                for block in copy:
                    buf += block
        if not buf:
            return schema.empty_table()
        return pacsv.read_csv(io.BytesIO(bytes(buf)),
                              read_options=pacsv.ReadOptions(column_names=list(columns)),
                              convert_options=pacsv.ConvertOptions(column_types=schema, strings_can_be_null=True,
                                                                   quoted_strings_can_be_null=False)).select(columns)
    cur = raw.cursor()
    cur.execute(sql.replace("%s", "?"), params)
    rows = cur.fetchall()
    cur.close()
    if not rows:
        return schema.empty_table()
    arrays = []
    for values, field in zip(zip(*rows, strict=True), schema, strict=True):
        if pa.types.is_date32(field.type):
            arrays.append(pc.cast(pa.array(values, pa.string()), pa.timestamp("s")).cast(pa.date32()))
        else:
            arrays.append(pa.array(values, field.type))
    return pa.Table.from_arrays(arrays, schema=schema)
