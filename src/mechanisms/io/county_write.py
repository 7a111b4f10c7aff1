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
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..county.records import County
from ..errors import UsageError
from ..model.labels import Lang
from ..model.levels import DEFAULT_LEVELS, Level
from .atomic import atomic_path, check_writable, write_text
from .atomic_folder import atomic_folder, check_folder
from .cells import escape
from .documents import drop_none, yaml_text
from .tables import LEVELS, RECORD_TABLES, TableSpec, record_to_row
from .written_names import header, kind_names, level_names, mapped, role_titles, table_name

if TYPE_CHECKING:
    from ..model.mechanism import Mechanism

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
        raise UsageError(f"{dest}: a county is written as a folder of CSV files; give the folder, not one CSV file",
                         zh=f"{dest}：县的数据以 CSV 文件的文件夹写出；请给文件夹，而不是一个 CSV 文件")
    raise UsageError(f"{dest}: unknown county data format (a folder of CSV files, .xlsx, .json, .yaml)",
                     zh=f"{dest}：未知的县数据格式（CSV 文件的文件夹、.xlsx、.json、.yaml）")


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


def _headers(spec: TableSpec, lang: Lang) -> list[str]:
    return [header(c, lang) for c in spec.columns]


def localised(tables: list[tuple[TableSpec, list[dict[str, Any]]]], levels: tuple[Level, ...], lang: Lang,
              mechanisms: Sequence[Mechanism] = ()) -> list[tuple[TableSpec, list[dict[str, Any]]]]:
    """The rows with level and actor-kind values by the names the office reads (乡镇（街道）, 党员) in Chinese,
    and the roles of an assignment whose 机制 is one of ``mechanisms`` by that mechanism's titles (县级领导包乡镇);
    the readers map them back to the keys (a role title under its own mechanism: ``--mechanism``, ``compare``).
    Other assignments, English rows and the levels table keep the keys."""
    if lang != "zh":
        return tables
    lv, kinds = level_names(levels, lang), kind_names(lang)
    titles = {m.key: role_titles(m, lang) for m in mechanisms}
    out = []
    for spec, rows in tables:
        if spec.name == "units":
            rows = [{**r, "level": mapped(lv, r["level"])} for r in rows]
        elif spec.name == "actors":
            rows = [{**r, "kind": mapped(kinds, r["kind"])} for r in rows]
        elif spec.name == "assignments" and titles:
            rows = [{**r, "role": mapped(titles[r["mechanism"]], r["role"])} if r.get("mechanism") in titles else r
                    for r in rows]
        out.append((spec, rows))
    return out


def _csv_text(spec: TableSpec, rows: Iterable[dict[str, Any]], lang: Lang) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(_headers(spec, lang))
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


def write_csv_tables(folder: Path, tables: list[tuple[TableSpec, list[dict[str, Any]]]], lang: Lang) -> None:
    """One CSV file per table, named as the table is in ``lang`` (单位.csv or units.csv)."""
    for spec, rows in tables:
        # UTF-8 with BOM: what Excel on Chinese Windows opens without garbling.
        (folder / f"{table_name(spec, lang)}.csv").write_text(_csv_text(spec, rows, lang), encoding="utf-8-sig",
                                                              newline="")


def _write_parquet(folder: Path, tables: list[tuple[TableSpec, list[dict[str, Any]]]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"int": pa.int64(), "float": pa.float64(), "date": pa.date32()}
    for spec, rows in tables:
        columns = {c.field: [r[c.field] for r in rows] for c in spec.columns}
        schema = pa.schema([(c.field, types.get(c.kind, pa.string())) for c in spec.columns])
        pq.write_table(pa.table(columns, schema=schema), folder / f"{spec.name}.parquet")


def workbook_sheet(wb: Any, spec: TableSpec, rows: Iterable[dict[str, Any]], lang: Lang) -> Any:
    """A sheet named for ``spec`` in ``lang`` holding ``rows``, its text cells formula-escaped."""
    ws = wb.create_sheet(table_name(spec, lang))
    ws.append(_headers(spec, lang))
    for r in rows:
        ws.append([None if r[c.field] is None else
                   escape(r[c.field]) if isinstance(r[c.field], str) else r[c.field] for c in spec.columns])
    return ws


def _workbook(tables: list[tuple[TableSpec, list[dict[str, Any]]]], lang: Lang) -> Any:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for spec, rows in tables:
        workbook_sheet(wb, spec, rows, lang)
    return wb


def write_county(county: County, dest: str | Path, *, fmt: CountyFormat | None = None, overwrite: bool = False,
                 headers: Lang | None = None, chinese_headers: bool = False,
                 mechanisms: Sequence[Mechanism] = ()) -> Path:
    """Write ``county`` to ``dest``; refuses to replace existing files unless ``overwrite`` (see the module doc).

    ``headers`` is the language of a workbook's or CSV folder's sheet (file) names, headers, level names and actor
    kinds: ``zh`` writes 单位/编号/乡镇（街道）/党员, ``en`` (the default; ``chinese_headers`` is the older spelling
    of ``zh``) writes units/id/town/party-member. The readers take both back to the same county. Documents and
    Parquet keep field names and keys. ``mechanisms``: in Chinese, their assignments' roles are written by their
    titles (a mechanism's reader maps them back), the others' by key.
    """
    dest = Path(dest)
    lang: Lang = headers or ("zh" if chinese_headers else "en")
    fmt = check_county_output(dest, fmt, overwrite)
    tables = list(_tables_of(county))
    if fmt in ("csv", "parquet"):
        with atomic_folder(dest, overwrite=overwrite) as tmp:
            if fmt == "csv":
                write_csv_tables(tmp, localised(tables, county.structure.levels, lang, mechanisms), lang)
            else:
                _write_parquet(tmp, tables)
    elif fmt == "xlsx":
        wb = _workbook(localised(tables, county.structure.levels, lang, mechanisms), lang)
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
