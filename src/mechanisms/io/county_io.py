"""Read and write a county dataset in every supported format.

Formats: a folder of CSV files (UTF-8 with or without BOM, or GBK/GB18030), one .xlsx
workbook with a sheet per table, one JSON or YAML document. The name ``demo`` loads the
built-in demo county. Reading collects every problem before raising; writing is atomic
and refuses to replace existing files unless ``overwrite`` is set.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, Literal

import attrs

from ..county.org import OrgStructure
from ..county.records import County, Origin
from ..errors import DataError, DataProblem, UsageError
from ..model.levels import DEFAULT_LEVELS, Level
from .atomic import atomic_path, check_writable, write_text
from .documents import drop_none, parse, yaml_text
from .tables import (
    ALL_TABLES,
    LEVELS,
    RECORD_TABLES,
    TABLES,
    TableSpec,
    escape,
    normalise_header,
    parse_rows,
    record_to_row,
    table_for_name,
)

CountyFormat = Literal["csv", "xlsx", "json", "yaml", "parquet"]


@attrs.frozen
class RawTable:
    """A table as read, before parsing: where from, its headers, and (row number, header → cell) rows."""

    file: str
    headers: list[str]
    rows: list[tuple[int, dict[str, Any]]]
    spreadsheet: bool = True

ENCODINGS = ("utf-8-sig", "gb18030")


def detect_format(path: Path) -> CountyFormat:
    if path.is_dir():
        return "parquet" if any(p.suffix.lower() == ".parquet" for p in path.iterdir()) else "csv"
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return "xlsx"
    if suffix == ".json":
        return "json"
    if suffix in (".yaml", ".yml"):
        return "yaml"
    if suffix == ".csv":
        raise UsageError(f"{path}: give the folder that holds units.csv, actors.csv and assignments.csv, not one CSV file")
    raise UsageError(f"{path}: unknown county data format (a folder of CSV files, .xlsx, .json, .yaml)")


def load_county(source: str | Path) -> County:
    """Load a county from ``source`` (a path, or ``demo``); raises :class:`DataError` listing every problem."""
    if str(source) == "demo":
        from .demo import demo_county

        return demo_county()
    path = Path(source)
    if not path.exists():
        raise UsageError(f"{path}: no such file or folder")
    fmt = detect_format(path)
    problems: list[DataProblem] = []
    if fmt == "csv":
        raw = _read_csv_folder(path, problems)
    elif fmt == "xlsx":
        raw = _read_workbook(path, problems)
    elif fmt == "parquet":
        raw = _read_parquet_folder(path, problems)
    else:
        raw = _read_document(path, fmt, problems)
    return _build(raw, problems)


def _build(raw: Mapping[str, RawTable], problems: list[DataProblem]) -> County:
    levels: tuple[Level, ...] = DEFAULT_LEVELS
    origin = Origin()
    if "levels" in raw:
        t = raw["levels"]
        recs, _ = parse_rows(LEVELS, t.rows, file=t.file, headers=t.headers, problems=problems,
                             spreadsheet=t.spreadsheet)
        if recs:
            levels = tuple(recs)
    tables: dict[str, list[Any]] = {}
    for spec in RECORD_TABLES:
        if spec.name not in raw:
            if not spec.optional:
                problems.append(DataProblem(spec.name, None, None, f"required table {spec.name!r} ({spec.zh}) is missing"))
            tables[spec.name] = []
            continue
        t = raw[spec.name]
        recs, row_numbers = parse_rows(spec, t.rows, file=t.file, headers=t.headers, levels=levels,
                                       problems=problems, spreadsheet=t.spreadsheet)
        tables[spec.name] = recs
        origin.files[spec.name] = t.file
        origin.rows[spec.name] = tuple(row_numbers)
    if problems:
        raise DataError(problems)
    structure = OrgStructure(units=tuple(tables["units"]), actors=tuple(tables["actors"]),
                             assignments=tuple(tables["assignments"]), levels=levels)
    return County(structure, observations=tuple(tables["observations"]), visits=tuple(tables["visits"]),
                  problems=tuple(tables["problems"]), points=tuple(tables["points"]), events=tuple(tables["events"]),
                  origin=origin)


def _decode(path: Path, problems: list[DataProblem]) -> str | None:
    data = path.read_bytes()
    for enc in ENCODINGS:
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    problems.append(DataProblem(str(path), None, None, "cannot decode: not UTF-8 or GBK/GB18030 text"))
    return None


def _csv_rows(text: str) -> tuple[list[str], list[tuple[int, dict[str, Any]]]]:
    reader = csv.reader(io.StringIO(text))
    lines = list(reader)
    if not lines:
        return [], []
    headers = [h.strip() for h in lines[0]]
    rows = []
    for i, cells in enumerate(lines[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        rows.append((i, dict(zip(headers, cells, strict=False))))
    return headers, rows


def _read_csv_folder(folder: Path, problems: list[DataProblem]) -> dict[str, RawTable]:
    raw: dict[str, RawTable] = {}
    for file in sorted(folder.iterdir()):
        if file.suffix.lower() != ".csv":
            continue
        spec = table_for_name(file.stem)
        if spec is None:
            continue
        if spec.name in raw:
            problems.append(DataProblem(str(file), None, None, f"table {spec.name!r} also given as {raw[spec.name].file}"))
            continue
        text = _decode(file, problems)
        if text is None:
            continue
        headers, rows = _csv_rows(text)
        raw[spec.name] = RawTable(str(file), headers, rows)
    return raw


def _pyarrow() -> Any:  # pyarrow ships no type information: the module is Any
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError:
        raise UsageError("Parquet needs pyarrow: pip install 'mechanisms[parquet]'") from None
    return pyarrow


def _read_parquet_folder(folder: Path, problems: list[DataProblem]) -> dict[str, RawTable]:
    pa = _pyarrow()
    raw: dict[str, RawTable] = {}
    for file in sorted(folder.glob("*.parquet")):
        spec = table_for_name(file.stem)
        if spec is None:
            continue
        try:
            table = pa.parquet.read_table(file)
        except Exception as exc:  # pyarrow raises several kinds for a broken file
            problems.append(DataProblem(str(file), None, None, f"not a readable Parquet file: {exc}"))
            continue
        headers = table.column_names
        rows = [(i, r) for i, r in enumerate(table.to_pylist(), start=1)]
        raw[spec.name] = RawTable(str(file), headers, rows, spreadsheet=False)
    return raw


def _read_workbook(path: Path, problems: list[DataProblem]) -> dict[str, RawTable]:
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise DataError([DataProblem(str(path), None, None, f"not a readable .xlsx workbook: {exc}")]) from None
    raw: dict[str, RawTable] = {}
    try:
        for ws in wb.worksheets:
            spec = table_for_name(ws.title)
            if spec is None:
                continue
            label = f"{path}[{ws.title}]"
            it = ws.iter_rows(values_only=True)
            header_row = next(it, None)
            if header_row is None:
                raw[spec.name] = RawTable(label, [], [])
                continue
            headers = [str(h).strip() if h is not None else "" for h in header_row]
            while headers and not headers[-1]:
                headers.pop()
            rows = []
            for i, cells in enumerate(it, start=2):
                if cells is None or all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                    continue
                rows.append((i, dict(zip(headers, cells, strict=False))))
            raw[spec.name] = RawTable(label, headers, rows)
    finally:
        wb.close()
    return raw


def _read_document(path: Path, fmt: Literal["json", "yaml"], problems: list[DataProblem]) -> dict[str, RawTable]:
    from .documents import read_text

    data = parse(read_text(path), fmt, file=str(path))
    if not isinstance(data, dict):
        raise DataError([DataProblem(str(path), None, None, "expected a document with tables as keys (units, actors, …)")])
    raw: dict[str, RawTable] = {}
    for key, rows in data.items():
        spec = table_for_name(str(key))
        if spec is None:
            if key not in ("name",):
                problems.append(DataProblem(str(path), None, str(key), f"unknown table {key!r}"))
            continue
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            problems.append(DataProblem(str(path), None, str(key), "expected a list of records"))
            continue
        # Each record may name its fields in English or Chinese: map them to field names record by record.
        header_map = spec.header_map()
        file = f"{path}:{spec.name}"
        headers: list[str] = []
        flat = []
        for i, r in enumerate(rows, start=1):
            rec: dict[str, Any] = {}
            for k, v in r.items():
                col = header_map.get(normalise_header(str(k)))
                if col is None:
                    problems.append(DataProblem(file, i, str(k), f"unknown field {k!r} for table {spec.name!r} "
                                                f"(expected: {', '.join(c.field for c in spec.columns)})"))
                elif col.field in rec:
                    problems.append(DataProblem(file, i, str(k), f"field {col.field!r} given twice"))
                else:
                    rec[col.field] = ";".join(map(str, v)) if isinstance(v, list) else v
                    if col.field not in headers:
                        headers.append(col.field)
            flat.append((i, rec))
        raw[spec.name] = RawTable(file, headers, flat, spreadsheet=False)
    return raw


# ---------------------------------------------------------------- writing

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


def write_county(county: County, dest: str | Path, *, fmt: CountyFormat | None = None, overwrite: bool = False,
                 chinese_headers: bool = False) -> Path:
    """Write ``county`` to ``dest``; refuses to replace existing files unless ``overwrite``."""
    dest = Path(dest)
    if fmt is None:
        fmt = "csv" if dest.suffix == "" or dest.is_dir() else detect_format(dest)
    tables = list(_tables_of(county))
    if fmt == "csv":
        targets = [(dest / f"{spec.name}.csv", spec, rows) for spec, rows in tables]
        for path, _, _ in targets:
            check_writable(path, overwrite)
        dest.mkdir(parents=True, exist_ok=True)
        for path, spec, rows in targets:
            # UTF-8 with BOM: what Excel on Chinese Windows opens without garbling.
            write_text(path, _csv_text(spec, rows, chinese_headers), overwrite=overwrite, encoding="utf-8-sig")
    elif fmt == "parquet":
        pa = _pyarrow()
        targets = [(dest / f"{spec.name}.parquet", spec, rows) for spec, rows in tables]
        for path, _, _ in targets:
            check_writable(path, overwrite)
        dest.mkdir(parents=True, exist_ok=True)
        for path, spec, rows in targets:
            columns = {c.field: [r[c.field] for r in rows] for c in spec.columns}
            types = {"int": pa.int64(), "float": pa.float64(), "date": pa.date32()}
            schema = pa.schema([(c.field, types.get(c.kind, pa.string())) for c in spec.columns])
            with atomic_path(path, overwrite=overwrite) as tmp:
                pa.parquet.write_table(pa.table(columns, schema=schema), tmp)
    elif fmt == "xlsx":
        import openpyxl

        wb = openpyxl.Workbook()
        wb.remove(wb.active)
        for spec, rows in tables:
            ws = wb.create_sheet(spec.name)
            ws.append(_headers(spec, chinese_headers))
            for r in rows:
                ws.append([None if r[c.field] is None else
                           escape(r[c.field]) if isinstance(r[c.field], str) else r[c.field] for c in spec.columns])
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


def _doc_row(spec: TableSpec, row: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for c in spec.columns:
        v = row[c.field]
        if c.kind == "tags":
            v = v.split(";") if v else None
        out[c.field] = v
    return out


__all__ = ["ALL_TABLES", "TABLES", "CountyFormat", "detect_format", "load_county", "write_county"]
