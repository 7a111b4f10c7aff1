"""A columnar county written as it is: CSV by pyarrow's writer, Parquet by pyarrow, no row ever a Python object.

The output is what :func:`~mechanisms.io.county_write.write_county` writes for the same county
(same tables, English headers, UTF-8 with BOM, tags joined with ``;``, formula-looking text
escaped), into a temporary folder swapped in whole by :func:`~mechanisms.io.atomic_folder.atomic_folder`.
Other formats are written through the records.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from .atomic_folder import atomic_folder
from .colparse import is_text
from .columns import ColumnarCounty
from .county_write import check_county_output, write_county
from .tables import RECORD_TABLES

FORMULA = r"^([=+\-@\t\r]|'[=+\-@\t\r])"
BOM = b"\xef\xbb\xbf"


def _escaped(col: Any) -> Any:
    """Text cells a spreadsheet would run as a formula, with the leading quote :func:`~mechanisms.io.cells.escape` adds."""
    return pc.replace_substring_regex(col, FORMULA, r"'\1")


def _csv_table(data: Any) -> Any:
    cols = {}
    for name in data.column_names:
        col = data.column(name)
        if pa.types.is_list(col.type):
            col = pc.binary_join(col, ";")
            col = pc.if_else(pc.equal(col, ""), pa.scalar(None, pa.string()), col)
        if is_text(col.type):
            col = _escaped(col)
        cols[name] = col
    return pa.table(cols)


def write_columns(county: ColumnarCounty, dest: str | Path, *, fmt: str | None = None, overwrite: bool = False) -> Path:
    """Write ``county``'s tables to ``dest`` (refusing to replace it unless ``overwrite``); returns ``dest``."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    dest = Path(dest)
    out_fmt = check_county_output(dest, fmt, overwrite)  # type: ignore[arg-type]
    if out_fmt not in ("csv", "parquet"):
        return write_county(county.to_county(), dest, fmt=out_fmt, overwrite=overwrite)
    tables = [(spec, county[spec.name]) for spec in RECORD_TABLES if len(county[spec.name]) or not spec.optional]
    with atomic_folder(dest, overwrite=overwrite) as tmp:
        for spec, t in tables:
            if out_fmt == "csv":
                with (tmp / f"{spec.name}.csv").open("wb") as fh:
                    fh.write(BOM)  # what Excel on Chinese Windows opens without garbling
                    pacsv.write_csv(_csv_table(t.data), fh, write_options=pacsv.WriteOptions(quoting_style="needed"))
            else:
                pq.write_table(t.data, tmp / f"{spec.name}.parquet")
    return dest
