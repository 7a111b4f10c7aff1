"""A columnar county written as it is: CSV by pyarrow's writer, Parquet by pyarrow, no row ever a Python object.

The output is what :func:`~mechanisms.io.county_write.write_county` writes for the same county
(same tables, file names, headers, level names and actor kinds in the language asked for, UTF-8 with BOM,
tags joined with ``;``, formula-looking text escaped as :func:`~mechanisms.io.cells.escape` does), into a
temporary folder swapped in whole by :func:`~mechanisms.io.atomic_folder.atomic_folder`. Other formats are
written through the records.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ..model.labels import Lang
from .atomic_folder import atomic_folder
from .cells import FORMULA_START, LEADING
from .colparse import is_text
from .columns import ColumnarCounty
from .county_write import check_county_output, write_county
from .tables import RECORD_TABLES, TableSpec
from .written_names import header, kind_names, level_names, table_name


def _chars(chars: str) -> str:
    return "".join(f"\\x{{{ord(c):x}}}" for c in chars)


FORMULA = "^('*[" + _chars(LEADING) + "]*[" + _chars("".join(FORMULA_START)) + "])"
"""Text :func:`~mechanisms.io.cells.escape` gives a leading quote: a formula start after quotes and white space."""
BOM = b"\xef\xbb\xbf"


def _escaped(col: Any) -> Any:
    """Text cells a spreadsheet would run as a formula, with the leading quote :func:`~mechanisms.io.cells.escape` adds."""
    return pc.replace_substring_regex(col, FORMULA, r"'\1")


def _named(col: Any, names: Mapping[str, str]) -> Any:
    """Each key replaced by its name where it has one (computed once per distinct value)."""
    if not names or len(col) == 0:
        return col
    enc = col.combine_chunks().dictionary_encode() if isinstance(col, pa.ChunkedArray) else col.dictionary_encode()
    words = enc.dictionary.to_pylist()
    return pa.array([names.get(w, w) for w in words], type=pa.string()).take(enc.indices)


def _csv_table(spec: TableSpec, data: Any, county: ColumnarCounty, lang: Lang) -> Any:
    values = {"units": ("level", level_names(county.levels, lang)), "actors": ("kind", kind_names(lang))}
    cols = {}
    for c in spec.columns:
        name = c.field
        col = data.column(name)
        if lang == "zh" and spec.name in values and values[spec.name][0] == name:
            col = _named(col, values[spec.name][1])
        if pa.types.is_list(col.type):
            col = pc.binary_join(col, ";")
            col = pc.if_else(pc.equal(col, ""), pa.scalar(None, pa.string()), col)
        if is_text(col.type):
            col = _escaped(col)
        cols[header(c, lang)] = col
    return pa.table(cols)


def write_columns(county: ColumnarCounty, dest: str | Path, *, fmt: str | None = None, overwrite: bool = False,
                  headers: Lang = "en") -> Path:
    """Write ``county``'s tables to ``dest`` (refusing to replace it unless ``overwrite``); returns ``dest``.

    ``headers``: the language of the CSV files' names, headers, level names and actor kinds (Parquet keeps keys)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    dest = Path(dest)
    out_fmt = check_county_output(dest, fmt, overwrite)  # type: ignore[arg-type]
    if out_fmt not in ("csv", "parquet"):
        return write_county(county.to_county(), dest, fmt=out_fmt, overwrite=overwrite, headers=headers)
    tables = [(spec, county[spec.name]) for spec in RECORD_TABLES if len(county[spec.name]) or not spec.optional]
    with atomic_folder(dest, overwrite=overwrite) as tmp:
        for spec, t in tables:
            if out_fmt == "csv":
                with (tmp / f"{table_name(spec, headers)}.csv").open("wb") as fh:
                    fh.write(BOM)  # what Excel on Chinese Windows opens without garbling
                    pacsv.write_csv(_csv_table(spec, t.data, county, headers), fh,
                                    write_options=pacsv.WriteOptions(quoting_style="needed"))
            else:
                pq.write_table(t.data, tmp / f"{spec.name}.parquet")
    return dest
