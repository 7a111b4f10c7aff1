"""A county's columns to the store's rows and back, as Arrow tables: the bulk paths never make an object per row.

The store keeps every field as the data format types it (text, int64, float64, date32), tags as one text
joined by ``;``. :func:`encode` adds each row's ``row_key`` (see :mod:`.schema`); :func:`digest` joins the
fields a new version may change into one text, so an import finds updated and unchanged rows by comparing two
columns, not two objects.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..io.columns import ARROW_TYPES, ColumnarCounty, ColumnTable
from ..io.row_numbers import RowNumbers
from ..model.labels import Label
from ..model.levels import Level
from .schema import KEY_FIELDS, KIND, SPECS, fields

SEP = "\x1f"
"""Between the key fields of a ``row_key``."""
NULL = "\x1e"
"""An empty key field: a control character no cell holds (PostgreSQL text refuses \\0)."""
STORE_TYPES = {"str": pa.string(), "level": pa.string(), "tags": pa.string(), "int": pa.int64(), "float": pa.float64(),
               "date": pa.date32()}


def _text(col: Any) -> Any:
    if pa.types.is_list(col.type):
        col = pc.binary_join(col, ";")
    elif not pa.types.is_string(col.type):
        col = pc.cast(col, pa.string())
    return pc.fill_null(col, NULL)


def _joined(table: pa.Table, names: tuple[str, ...]) -> Any:
    if not names:
        return pa.array([""] * table.num_rows, pa.string())
    if len(names) == 1:
        return _text(table.column(names[0]).combine_chunks())
    return pc.binary_join_element_wise(*(_text(table.column(n).combine_chunks()) for n in names), SEP)


def key_text(row_key: str) -> str:
    """A ``row_key`` as a person reads it: its fields joined by `` / `` (empty ones left out), without the control
    characters that separate them in the store (a CSV cell holding them breaks a line-reading tool)."""
    return " / ".join(p for p in (part.replace(NULL, "") for part in row_key.split(SEP)) if p)


def row_keys(table: pa.Table, name: str) -> Any:
    """``row_key`` of each row: the key fields joined; the second and later rows of one key get ``#2``, ``#3`` …"""
    keys = _joined(table, KEY_FIELDS[name])
    if table.num_rows == 0 or len(pc.unique(keys)) == table.num_rows:
        return keys
    codes = np.asarray(pc.dictionary_encode(keys).indices, np.int64)
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    starts = np.r_[0, np.flatnonzero(np.diff(sorted_codes)) + 1]
    run = np.arange(len(codes)) - np.repeat(starts, np.diff(np.r_[starts, len(codes)]))
    occ = np.empty(len(codes), np.int64)
    occ[order] = run
    suffix = pc.if_else(pa.array(occ > 0), pc.binary_join_element_wise("#", pc.cast(pa.array(occ + 1), pa.string()), ""),
                        "")
    return pc.binary_join_element_wise(keys, suffix, "")


def digest(table: pa.Table, name: str) -> Any:
    """The fields a new version may change, as one text per row (equal text: the row is unchanged)."""
    return _joined(table, tuple(f for f in fields(SPECS[name]) if f not in KEY_FIELDS[name]))


def encode(county: ColumnarCounty) -> dict[str, pa.Table]:
    """Every table of ``county`` in the store's columns, with ``row_key`` and ``seq`` (file order); the importer
    takes the :func:`digest` of the rows the store already holds only."""
    return {name: encode_table(county, name) for name in ("levels", *county.tables)}


def encode_table(county: ColumnarCounty, name: str) -> pa.Table:
    """One table of :func:`encode` (tables are independent: the importer encodes the next while it writes one)."""
    if name == "levels":
        lv = county.levels
        table = pa.table({"key": pa.array([x.key for x in lv], pa.string()),
                          "zh": pa.array([x.label.zh or None for x in lv], pa.string()),
                          "en": pa.array([x.label.en or None for x in lv], pa.string()),
                          "position": pa.array(range(len(lv)), pa.int64())})
    else:
        t = county.tables[name]
        cols = {}
        for f in fields(SPECS[name]):
            c = t.data.column(f).combine_chunks()
            cols[f] = pc.binary_join(c, ";") if pa.types.is_list(c.type) else c
            if pa.types.is_list(c.type):  # no tags is NULL, not an empty text
                cols[f] = pc.if_else(pc.equal(cols[f], ""), pa.scalar(None, pa.string()), cols[f])
        table = pa.table(cols, schema=pa.schema([(f, STORE_TYPES[KIND[name][f]]) for f in fields(SPECS[name])]))
    table = table.append_column("row_key", row_keys(table, name))
    return table.append_column("seq", pa.array(np.arange(table.num_rows, dtype=np.int64)))


def decode(tables: dict[str, pa.Table], source: str) -> ColumnarCounty:
    """The store's columns (as of one day) as the county ``read_columns`` would give for a file."""
    from ..model.levels import DEFAULT_LEVELS

    lt = tables["levels"]
    levels: tuple[Level, ...] = DEFAULT_LEVELS
    if lt.num_rows:
        levels = tuple(Level(k, Label(z or "", e or "")) for k, z, e in
                       zip(lt.column("key").to_pylist(), lt.column("zh").to_pylist(), lt.column("en").to_pylist(),
                           strict=True))
    out: dict[str, ColumnTable] = {}
    for name, spec in SPECS.items():
        if name == "levels":
            continue
        t = tables[name]
        cols = {}
        for c in spec.columns:
            col = t.column(c.field).combine_chunks()
            if c.kind == "tags":
                col = pc.split_pattern(col, ";")
            cols[c.field] = col.cast(ARROW_TYPES[c.kind])
        data = pa.table(cols)
        out[name] = ColumnTable(spec, f"{source}#{name}", data, RowNumbers(2, data.num_rows), {})
    return ColumnarCounty(levels, out)
