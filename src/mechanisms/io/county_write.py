"""Write a county in every supported format, whole or not at all.

A folder (CSV or Parquet) is written into a temporary sibling and swapped in whole
(:mod:`.atomic_folder`), so ``--force`` leaves no old table behind, an interruption leaves the old
folder as it was, and a folder of someone's tables is never written into without ``overwrite``. A
workbook or document is one atomic file (:mod:`.atomic`). :func:`check_county_output` refuses a bad
destination before the caller does the work that would fill it.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

from ..county.records import County
from ..errors import UsageError
from ..model.levels import DEFAULT_LEVELS
from .atomic import atomic_path, check_writable, write_text
from .atomic_folder import atomic_folder, check_folder
from .cells import escape
from .documents import drop_none, yaml_text
from .tables import LEVELS, RECORD_TABLES, TableSpec, record_to_row

CountyFormat = Literal["csv", "xlsx", "json", "yaml", "parquet"]
_FILE_FORMATS: dict[str, CountyFormat] = {".xlsx": "xlsx", ".json": "json", ".yaml": "yaml", ".yml": "yaml"}


def output_format(dest: Path, fmt: CountyFormat | None = None) -> CountyFormat:
    """The format ``dest`` is written in: ``fmt`` if given, else a folder (CSV) or the file's suffix."""
    if fmt is not None:
        return fmt
    if dest.suffix == "" or dest.is_dir():
        return "csv"
    suffix = dest.suffix.lower()
    if suffix in _FILE_FORMATS:
        return _FILE_FORMATS[suffix]
    if suffix == ".csv":
        raise UsageError(f"{dest}: a county is written as a folder of CSV files; give the folder, not one CSV file")
    raise UsageError(f"{dest}: unknown county data format (a folder of CSV files, .xlsx, .json, .yaml)")


def check_county_output(dest: str | Path, fmt: CountyFormat | None = None, overwrite: bool = False) -> CountyFormat:
    """Refuse a destination that exists (without ``overwrite``), cannot be replaced, or cannot be written.

    Called by commands before the work (staffing, generating), so a refusal costs nothing.
    """
    dest = Path(dest)
    fmt = output_format(dest, fmt)
    if fmt in ("csv", "parquet"):
        check_folder(dest, overwrite)
    else:
        check_writable(dest, overwrite)
    return fmt


def _tables_of(county: County) -> Iterator[tuple[TableSpec, list[dict[str, Any]]]]:
    s = county.structure
    if s.levels != DEFAULT_LEVELS:
        yield LEVELS, [record_to_row(LEVELS, lv) for lv in s.levels]
    sources = {"units": s.units, "actors": s.actors, "assignments": s.assignments,
               "observations": county.observations, "visits": county.visits,
               "problems": county.problems, "points": county.points, "events": county.events}
    for spec in RECORD_TABLES:
        records = sources[spec.name]
        if records or not spec.optional:
            yield spec, [record_to_row(spec, r) for r in records]


def _cell_out(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, float) and value.is_integer():
        return repr(value)
    return value


def _headers(spec: TableSpec, chinese: bool) -> list[str]:
    return [c.zh if chinese and c.zh else c.field for c in spec.columns]


def _csv_text(spec: TableSpec, rows: Iterable[dict[str, Any]], chinese: bool) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(_headers(spec, chinese))
    for r in rows:
        w.writerow([_cell_out(r[c.field]) for c in spec.columns])
    return buf.getvalue()


def _doc_row(spec: TableSpec, row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for c in spec.columns:
        v = row[c.field]
        if c.kind == "tags":
            v = v.split(";") if v else None
        out[c.field] = v
    return out


def _write_csv(folder: Path, tables: list[tuple[TableSpec, list[dict[str, Any]]]], chinese: bool) -> None:
    for spec, rows in tables:
        # UTF-8 with BOM: what Excel on Chinese Windows opens without garbling.
        (folder / f"{spec.name}.csv").write_text(_csv_text(spec, rows, chinese), encoding="utf-8-sig", newline="")


def _write_parquet(folder: Path, tables: list[tuple[TableSpec, list[dict[str, Any]]]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"int": pa.int64(), "float": pa.float64(), "date": pa.date32()}
    for spec, rows in tables:
        columns = {c.field: [r[c.field] for r in rows] for c in spec.columns}
        schema = pa.schema([(c.field, types.get(c.kind, pa.string())) for c in spec.columns])
        pq.write_table(pa.table(columns, schema=schema), folder / f"{spec.name}.parquet")


def _workbook(tables: list[tuple[TableSpec, list[dict[str, Any]]]], chinese: bool) -> Any:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for spec, rows in tables:
        ws = wb.create_sheet(spec.name)
        ws.append(_headers(spec, chinese))
        for r in rows:
            ws.append([None if r[c.field] is None else
                       escape(r[c.field]) if isinstance(r[c.field], str) else r[c.field] for c in spec.columns])
    return wb


def write_county(county: County, dest: str | Path, *, fmt: CountyFormat | None = None, overwrite: bool = False,
                 chinese_headers: bool = False) -> Path:
    """Write ``county`` to ``dest``; refuses to replace existing files unless ``overwrite`` (see the module doc)."""
    dest = Path(dest)
    fmt = check_county_output(dest, fmt, overwrite)
    tables = list(_tables_of(county))
    if fmt in ("csv", "parquet"):
        with atomic_folder(dest, overwrite=overwrite) as tmp:
            if fmt == "csv":
                _write_csv(tmp, tables, chinese_headers)
            else:
                _write_parquet(tmp, tables)
    elif fmt == "xlsx":
        wb = _workbook(tables, chinese_headers)
        with atomic_path(dest, overwrite=overwrite) as tmp:
            wb.save(tmp)
    else:
        doc: dict[str, Any] = {spec.name: [drop_none(_doc_row(spec, r)) for r in rows] for spec, rows in tables}
        if fmt == "json":
            text = json.dumps(doc, ensure_ascii=False, indent=2, default=str) + "\n"
        else:
            text = yaml_text(json.loads(json.dumps(doc, default=str)))
        write_text(dest, text, overwrite=overwrite)
    return dest
