"""Files into raw Arrow columns: CSV (pyarrow), Excel (python-calamine), Parquet, JSON and YAML documents.

A :class:`RawTable` is a table as written: its headers, one Arrow array per header, and the
spreadsheet row of each record, before any cell is parsed. Nothing is dropped on the way:

* CSV is read by pyarrow's multi-threaded reader as text (so ``0012`` stays ``0012``), UTF-8 with
  or without BOM, else GBK/GB18030; a file mixing the two encodings is a problem, not garbage.
  A row with more cells than the header is a problem naming the row; a row with fewer is padded.
* Excel is read by python-calamine, which reads every cell of a sheet whatever its stated
  ``<dimension>`` (openpyxl's read-only mode trusted it and dropped rows) and ten times faster;
  openpyxl is kept for writing.
* YAML is read with no implicit typing (PyYAML's base loader): ``0012`` and ``NO`` stay the
  strings written. JSON keeps its types, and a key given twice in one record is a problem.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv

from ..errors import DataError, DataProblem
from .colparse import from_python
from .guards import check_input
from .problems import ProblemLog
from .row_numbers import RowNumbers, Rows
from .tables import normalise_header, table_for_name

BLOCK = 16 << 20
"""pyarrow's CSV block: a record must fit in one, so a 16 MiB cell is the largest read."""


@attrs.frozen(eq=False)
class RawTable:
    """One table as written: ``columns[i]`` holds the cells under ``headers[i]``; ``rows`` their spreadsheet rows."""

    file: str
    headers: list[str]
    columns: list[Any]
    rows: Rows
    spreadsheet: bool = True
    """Text from CSV or Excel, where writers escape formulas (documents are taken as they are)."""

    @property
    def n(self) -> int:
        return len(self.rows)


# ---------------------------------------------------------------- CSV

def _header(data: bytes, encoding: str) -> list[str]:
    head = data[: 1 << 16].decode(encoding, errors="replace")
    first = next(csv.reader(io.StringIO(head)), [])
    return [h.strip().lstrip("\ufeff") for h in first]


def _decodes(path: Path, encoding: str) -> bool:
    """Whether the file is ``encoding`` throughout (checked in slices, so a big file is not held twice)."""
    dec = codecs.getincrementaldecoder(encoding)()
    with path.open("rb") as fh:
        try:
            while chunk := fh.read(8 << 20):
                dec.decode(chunk)
            dec.decode(b"", final=True)
        except UnicodeDecodeError:
            return False
    return True


def _mixed_lines(path: Path) -> list[int]:
    """Lines of a file read as GBK that are valid UTF-8 with non-ASCII text: the file mixes two encodings."""
    out = []
    with path.open("rb") as fh:
        for no, line in enumerate(fh, start=1):
            if line.isascii():
                continue
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                continue
            out.append(no)
            if len(out) >= 1000:
                break
    return out


def read_csv(path: Path, log: ProblemLog) -> RawTable | None:
    check_input(path)
    file = str(path)
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    try:
        head.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError as exc:
        utf8 = exc.start > len(head) - 4  # a character cut at the end of the slice is still UTF-8
    table = None
    if utf8:
        table = _arrow_csv(path, None, _header(head, "utf-8-sig"))
        if table == "not-utf8":
            utf8, table = False, None
    if not utf8:
        mixed = _mixed_lines(path)  # first: UTF-8 lines in a file that is not UTF-8 throughout
        if mixed:
            log.add(file, None, "mixes two encodings: these lines are UTF-8 while the rest is GBK/GB18030 "
                    "(save the whole file in one encoding)",
                    "混用了两种编码：这些行是 UTF-8，其余是 GBK/GB18030（请以一种编码保存整个文件）",
                    rows=np.asarray(mixed), kind="mixed-encoding")
            return None
        if not _decodes(path, "gb18030"):
            log.add(file, None, "cannot decode: not UTF-8 or GBK/GB18030 text", "无法解码：既不是 UTF-8 也不是 GBK/GB18030 文本",
                    kind="undecodable")
            return None
        table = _arrow_csv(path, "gb18030", _header(head, "gb18030"))
    headers = _header(head, "utf-8-sig" if utf8 else "gb18030")
    if not headers or not any(headers):
        return RawTable(file, [], [], np.zeros(0, np.int64))
    if not isinstance(table, pa.Table):
        # ragged rows (more or fewer cells than the header) or a record larger than a block: the
        # standard library reader places each one (and pads short rows, as Excel does)
        return _read_csv_slow(path, "utf8" if utf8 else "gb18030", headers, log)
    return RawTable(file, headers, [table.column(i) for i in range(len(headers))], RowNumbers(2, table.num_rows))


def _arrow_csv(path: Path, encoding: str | None, headers: list[str]) -> Any:
    """The file's records as a table of text columns by pyarrow's parallel reader; ``"not-utf8"`` where UTF-8
    text is invalid, ``None`` where a row is ragged or too large (the slow reader then places the problem)."""
    if not headers:
        return None
    names = [f"c{i}" for i in range(len(headers))]
    ragged: list[int] = []

    def on_invalid(row: Any) -> str:
        ragged.append(row.actual_columns)
        return "skip"

    read = pacsv.ReadOptions(skip_rows=1, column_names=names)  # no encoding given: UTF-8 without a transcoder
    if encoding is not None:
        read = pacsv.ReadOptions(skip_rows=1, column_names=names, encoding=encoding)
    try:
        table = pacsv.read_csv(
            path, read_options=read,
            parse_options=pacsv.ParseOptions(newlines_in_values=True, ignore_empty_lines=False,
                                             invalid_row_handler=on_invalid),
            convert_options=pacsv.ConvertOptions(column_types={c: pa.string() for c in names},
                                                 strings_can_be_null=True, quoted_strings_can_be_null=True,
                                                 null_values=[""]))  # only an empty cell is empty: "NA", "nan" are text
    except pa.ArrowInvalid as exc:
        return "not-utf8" if "UTF8" in str(exc) or "utf8" in str(exc).lower() else None
    except (pa.ArrowTypeError, UnicodeDecodeError):
        return None
    return None if ragged else table


def _read_csv_slow(path: Path, encoding: str, headers: list[str], log: ProblemLog) -> RawTable | None:
    file = str(path)
    n = len(headers)
    cols: list[list[str]] = [[] for _ in range(n)]
    extra_rows: list[int] = []
    extra_cells: list[int] = []
    csv.field_size_limit(BLOCK)
    with path.open(encoding="utf-8-sig" if encoding == "utf8" else encoding, newline="") as fh:
        reader = csv.reader(fh)
        try:
            next(reader, None)
            for no, cells in enumerate(reader, start=2):
                if len(cells) > n:
                    if any(c.strip() for c in cells[n:]):
                        extra_rows.append(no)
                        extra_cells.append(len(cells) - n)
                    cells = cells[:n]
                elif len(cells) < n:
                    cells = cells + [""] * (n - len(cells))
                for i, c in enumerate(cells):
                    cols[i].append(c)
        except csv.Error as exc:
            log.add(file, None, f"not readable as CSV: {exc}", f"无法按 CSV 读取：{exc}", rows=[reader.line_num],
                    kind="csv-error")
            return None
    log.add(file, None, "{k} cell(s) beyond the header's last column (nothing is dropped: add a header for them, or "
            "delete them)", "表头之外多出 {k} 个单元格（不会丢弃：请为其加表头，或删除）", rows=np.asarray(extra_rows),
            k=np.asarray(extra_cells), kind="extra-cells")
    return RawTable(file, headers, [pa.array(c, type=pa.string()) for c in cols], RowNumbers(2, len(cols[0]) if cols else 0))


# ---------------------------------------------------------------- Excel

def read_workbook(path: Path, log: ProblemLog) -> Iterator[tuple[str, RawTable]]:
    """(sheet name, table) for each sheet, every row read (calamine ignores a wrong ``<dimension>``)."""
    from python_calamine import CalamineWorkbook

    check_input(path)
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own kinds for a broken file
        raise DataError([DataProblem(str(path), None, None, f"不是可读取的 .xlsx 工作簿：{exc}",
                                     f"not a readable .xlsx workbook: {exc}")]) from None
    for name in wb.sheet_names:
        if table_for_name(name) is None:  # a sheet of notes (说明) or lists is no table: not read, not checked
            continue
        label = f"{path}[{name}]"
        try:
            grid = wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except Exception as exc:  # a broken sheet is a problem of that sheet only
            log.add(label, None, f"sheet not readable: {exc}", f"工作表无法读取：{exc}", kind="sheet-error")
            continue
        yield name, _grid_table(label, grid, log)


def _grid_table(label: str, grid: list[list[Any]], log: ProblemLog) -> RawTable:
    """A sheet's grid as columns: transposed in one ``zip`` (a loop per cell in Python cost more than calamine's
    read); cells beyond the header's last column are looked at column by column."""
    if not grid:
        return RawTable(label, [], [], np.zeros(0, np.int64))
    head = [("" if h is None else str(h)).strip() for h in grid[0]]
    while head and not head[-1]:
        head.pop()
    n = len(head)
    body = grid[1:]
    width = max(map(len, body), default=0)
    if any(len(r) != width for r in body):  # calamine gives a rectangle; a ragged grid is padded, as Excel shows it
        body = [r + [None] * (width - len(r)) for r in body]
    cols = list(zip(*body, strict=True)) if body else []
    beyond = np.zeros(len(body), np.int64)
    for col in cols[n:]:
        beyond += np.fromiter((c is not None and c != "" for c in col), bool, len(body))
    if beyond.any():
        where = np.flatnonzero(beyond)
        log.add(label, None, "{k} cell(s) beyond the header's last column (nothing is dropped: add a header for them, "
                "or delete them)", "表头之外多出 {k} 个单元格（不会丢弃：请为其加表头，或删除）",
                rows=where + 2, k=beyond[where], kind="extra-cells")
    columns = [from_python(list(cols[i]) if i < len(cols) else [None] * len(body)) for i in range(n)]
    return RawTable(label, head, columns, RowNumbers(2, len(body)))


# ---------------------------------------------------------------- Parquet

def read_parquet(path: Path, log: ProblemLog) -> RawTable | None:
    import pyarrow.parquet as pq

    check_input(path)
    try:  # ParquetFile, not read_table: read_table imports pyarrow.dataset (a fifth of a second per process)
        with pq.ParquetFile(path, pre_buffer=True) as pf:
            table = pf.read()
    except Exception as exc:  # pyarrow raises several kinds for a broken file
        log.add(str(path), None, f"not a readable Parquet file: {exc}", f"不是可读取的 Parquet 文件：{exc}",
                kind="parquet-error")
        return None
    return RawTable(str(path), list(table.column_names), [blocks(c) for c in table.columns],
                    RowNumbers(1, table.num_rows), spreadsheet=False)


BLOCK_ROWS = 1 << 20
"""Rows per chunk of a column as the checks see it (Parquet gives a row group of ten million as one chunk)."""


def blocks(col: Any) -> Any:
    """``col`` with no chunk longer than :data:`BLOCK_ROWS` (zero-copy slices). The parsers and checks work a chunk
    at a time, so their scratch arrays are a few MB that the allocator hands out again, where ten-million-row
    scratch arrays are fresh memory every time: on a virtual machine each first touch of a page is a fault, and at
    a province's size the faults cost more than the work."""
    if all(len(c) <= BLOCK_ROWS for c in col.chunks):
        return col
    parts = [c.slice(i, BLOCK_ROWS) for c in col.chunks for i in range(0, len(c), BLOCK_ROWS)]
    return pa.chunked_array(parts, type=col.type)


# ---------------------------------------------------------------- documents

def read_document(path: Path, fmt: str, log: ProblemLog) -> Any:
    """The plain data of a JSON or YAML county document, strictly typed: a YAML ``0012`` or ``NO`` stays the
    string written, a JSON key given twice is a problem (:mod:`mechanisms.io.strict_documents`)."""
    from .strict_documents import parse_json, parse_yaml

    check_input(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError([DataProblem(str(path), None, None, "不是 UTF-8 文本", "not UTF-8 text")]) from None
    return parse_json(text, file=str(path)) if fmt == "json" else parse_yaml(text, file=str(path))


def records_table(file: str, records: list[Any], log: ProblemLog, header_map: Mapping[str, Any]) -> RawTable:
    """A document's list of records as columns. Each record may name its fields in English or Chinese: keys are
    mapped to field names record by record; a key no field has is kept as an extra column under its own name."""
    headers: dict[str, None] = {}
    bad_rows = []
    flat: list[dict[str, Any] | None] = []
    for i, r in enumerate(records, start=1):
        if not isinstance(r, dict):
            bad_rows.append(i)
            flat.append(None)
            continue
        dup: list[str] = []
        rec: dict[str, Any] = {}
        for k, v in r.items():
            col = header_map.get(normalise_header(str(k)))
            name = col.field if col is not None else str(k)
            if name in rec:
                dup.append(str(k))
            rec[name] = v
            headers.setdefault(name, None)
        if dup:
            log.add(file, ", ".join(map(str, dup)), "field given twice in one record (the second would silently win)",
                    "同一条记录中字段重复（后一个会悄悄覆盖前一个）", rows=[i], kind="duplicate-key")
        flat.append(rec)
    if bad_rows:
        log.add(file, None, "expected a record (key: value), got something else", "应为记录（键: 值），实际不是",
                rows=bad_rows, kind="not-a-record")
    names = list(headers)
    cols = []
    for h in names:
        values = [r.get(h) if r is not None else None for r in flat]
        cols.append(from_python(values))
    return RawTable(file, names, cols, RowNumbers(1, len(records)), spreadsheet=False)
