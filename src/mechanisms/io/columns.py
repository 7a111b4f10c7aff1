"""A county as Arrow tables: the form validate, coverage, simulate and compare work on, with no object per unit.

:func:`read_columns` reads any supported source into a :class:`ColumnarCounty` — one
:class:`ColumnTable` per county table, its columns parsed and typed (text, int64, float64,
date32, list of tags), the spreadsheet row of every record beside them, and the columns the
format does not know kept as extra attributes. Every problem goes to a
:class:`~mechanisms.io.problems.ProblemLog`; a bad cell becomes null and the rest of the
table is still read, so reference and structure checks run in the same pass.

:meth:`ColumnarCounty.to_county` makes the :class:`~mechanisms.county.records.County` of
frozen records for callers who want objects (the Python API on a small county).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from ..errors import DataError, DataProblem, UsageError
from ..model.labels import Label
from ..model.levels import DEFAULT_LEVELS, Level
from . import colparse as cells
from .problems import ProblemLog
from .readers import RawTable, read_csv, read_document, read_parquet, read_workbook, records_table
from .row_numbers import Rows
from .tables import LEVELS, RECORD_TABLES, TABLES, Column, TableSpec, level_lookup, normalise_header, table_for_name
from .vocab import KIND_LABELS, LEVEL_TAGS, named_fields

if TYPE_CHECKING:  # an annotation only: reading a county without a mechanism never imports the model (issue 14)
    from ..county.records import County
    from ..model.mechanism import Mechanism

ARROW_TYPES: Mapping[str, Any] = {"str": pa.string(), "level": pa.string(), "int": pa.int64(), "float": pa.float64(),
                                  "date": pa.date32(), "tags": pa.list_(pa.string())}
ID_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "units": ("id", "parent"), "actors": ("id", "unit"), "assignments": ("actor", "unit"),
    "observations": ("unit",), "visits": ("actor", "unit"), "problems": ("unit", "assigned_to"),
    "points": ("household",), "events": ("unit",)}
"""Columns holding ids, where a look-alike character makes one id silently differ from another."""
LOOKALIKE = r"[\x{200B}-\x{200D}\x{2060}\x{FEFF}\x{FF01}-\x{FF5E}\x{3000}]|^\s|\s$"


@attrs.frozen(eq=False)
class ColumnTable:
    """One county table as typed columns, named by field, with the spreadsheet row of each record."""

    spec: TableSpec
    file: str
    data: Any  # pa.Table with a column per field of ``spec``, typed by ARROW_TYPES
    rows: Rows
    headers: Mapping[str, str]
    """field → the header as the file wrote it (层级), for messages."""
    extras: Any = None
    """The columns the table does not define (联系电话, 备注 …), as text, kept row for row; None when there are none."""
    bad: np.ndarray | None = None
    """Rows with a cell that could not be read (now null): checks that compare whole rows leave them out."""

    def __len__(self) -> int:
        return int(self.data.num_rows)

    def column(self, field: str) -> Any:
        return self.data.column(field)

    def header(self, field: str) -> str:
        return self.headers.get(field, field)

    def replace(self, field: str, values: Any) -> ColumnTable:
        i = self.data.schema.get_field_index(field)
        return attrs.evolve(self, data=self.data.set_column(i, field, values))


@attrs.frozen(eq=False)
class ColumnarCounty:
    """Every table of one county as columns; a table the source lacks is an empty one."""

    levels: tuple[Level, ...]
    tables: Mapping[str, ColumnTable]
    memo: dict[str, Any] = attrs.field(factory=dict, repr=False)
    """Lookups computed once and shared by the checks and the engine's arrays (the id hash of a million units);
    kept across :meth:`for_mechanism`, which changes no id or reference."""

    def __getitem__(self, name: str) -> ColumnTable:
        return self.tables[name]

    @property
    def level_keys(self) -> tuple[str, ...]:
        return tuple(lv.key for lv in self.levels)

    def for_mechanism(self, mechanism: Mechanism) -> ColumnarCounty:
        """The county with role titles and indicator names as ``mechanism`` writes them, as its keys
        (a ledger's 县直部门包村 is the role its mechanism keys ``county-department``)."""
        tables = dict(self.tables)
        for name, field, names in named_fields(mechanism):
            t = tables[name]
            if len(t):
                tables[name] = t.replace(field, _map_values(t.column(field), names))
        return attrs.evolve(self, tables=tables)

    def to_county(self) -> County:
        """The county as frozen records (an object per row: for small counties and the Python API)."""
        from ..county.org import OrgStructure
        from ..county.records import County, Origin  # here: the columnar path never builds records

        origin = Origin()
        recs: dict[str, tuple[Any, ...]] = {}
        for name, t in self.tables.items():
            recs[name] = tuple(_records(t))
            if t.file:
                origin.files[name] = t.file
                origin.rows[name] = tuple(t.rows.tolist())
            if t.extras is not None:
                origin.extras[name] = t.extras
        structure = OrgStructure(units=recs["units"], actors=recs["actors"], assignments=recs["assignments"],
                                 levels=self.levels)
        return County(structure, observations=recs["observations"], visits=recs["visits"], problems=recs["problems"],
                      points=recs["points"], events=recs["events"], origin=origin)


def _records(t: ColumnTable) -> Iterator[Any]:
    tags = [c.field for c in t.spec.columns if c.kind == "tags"]
    for row in t.data.to_pylist():
        values = {k: v for k, v in row.items() if v is not None}
        for f in tags:
            values[f] = tuple(values.get(f) or ())
        yield t.spec.record(**values)


def empty_table(spec: TableSpec) -> ColumnTable:
    data = pa.table({c.field: pa.array([], type=ARROW_TYPES[c.kind]) for c in spec.columns})
    return ColumnTable(spec, "", data, np.zeros(0, np.int64), {})


# ---------------------------------------------------------------- reading a source

def detect_format(path: Path) -> str:
    from .county_io import detect_format as detect

    return detect(path)


def read_columns(source: str | Path, *, strict: bool = False, log: ProblemLog | None = None
                 ) -> tuple[ColumnarCounty, ProblemLog]:
    """Read every table of ``source`` into columns; every problem found goes to the returned log.

    ``strict`` makes the notices (extra columns) errors. A source that cannot be read at all
    (no such path, unknown format) raises :class:`UsageError`.
    """
    log = log if log is not None else ProblemLog(strict=strict)
    from .sources import is_store_url, read_store_url

    if is_store_url(source):  # a store URL (sqlite:///…, postgresql://…): validated when it was imported
        return read_store_url(str(source)), log
    if str(source) == "demo":
        from .demo_files import demo_folder

        with demo_folder() as folder:
            return read_columns(folder, strict=strict, log=log)
    path = Path(source)
    if not path.exists() and not path.is_symlink():
        raise UsageError(f"{path}: no such file or folder", zh=f"{path}：文件或文件夹不存在")
    fmt = detect_format(path)
    try:
        raw = _raw_tables(path, fmt, log)
    except DataError as exc:
        log.extend(exc.problems)
        raw = {}
    return build_columns(raw, log), log


def _raw_tables(path: Path, fmt: str, log: ProblemLog) -> dict[str, RawTable]:
    raw: dict[str, RawTable] = {}

    def put(name: str, table: RawTable | None) -> None:
        spec = table_for_name(name)
        if spec is None or table is None:
            return
        if spec.name in raw:
            log.add(table.file, None, "table {t!r} is given twice (also as {other}); nothing is merged or replaced: "
                    "keep one", "表“{t}”出现了两次（另见 {other}）；不会合并也不会替换：请只保留一个",
                    t=spec.name, other=raw[spec.name].file, kind="table-twice")
            return
        raw[spec.name] = table

    if fmt in ("csv", "parquet"):
        suffix = f".{fmt}"
        for file in sorted(path.iterdir()):
            if file.suffix.lower() != suffix or table_for_name(file.stem) is None:
                continue
            try:
                put(file.stem, read_csv(file, log) if fmt == "csv" else read_parquet(file, log))
            except DataError as exc:
                log.extend(exc.problems)
    elif fmt == "xlsx":
        for name, table in read_workbook(path, log):
            put(name, table)
    else:
        data = read_document(path, fmt, log)
        if not isinstance(data, dict):
            raise DataError([DataProblem(str(path), None, None, "应为以表名为键的文档（units/单位、actors/人员 …）",
                                         "expected a document with tables as keys (units, actors, …)")])
        for key, rows in data.items():
            spec = table_for_name(str(key))
            if spec is None:
                if key != "name":
                    log.add(str(path), str(key), "unknown table {k!r}", "未知的表“{k}”", k=str(key), kind="unknown-table")
                continue
            if not isinstance(rows, list):
                log.add(str(path), str(key), "expected a list of records", "应为记录列表", kind="not-a-list")
                continue
            put(str(key), records_table(f"{path}:{spec.name}", rows, log, spec.header_map()))
    return raw


def build_columns(raw: Mapping[str, RawTable], log: ProblemLog) -> ColumnarCounty:
    """Parse raw tables into a :class:`ColumnarCounty` (levels first: the level column depends on them)."""
    levels: tuple[Level, ...] = DEFAULT_LEVELS
    if "levels" in raw:
        lt = parse_table(raw["levels"], LEVELS, DEFAULT_LEVELS, log)
        keys = lt.data.column("key").to_pylist()
        zh = lt.data.column("zh").to_pylist()
        en = lt.data.column("en").to_pylist()
        if keys:
            levels = tuple(Level(k, Label(z or "", e or "")) for k, z, e in zip(keys, zh, en, strict=True) if k)
    present = [spec for spec in RECORD_TABLES if spec.name in raw]
    parsed = _parse_tables(raw, present, levels, log.strict)
    tables: dict[str, ColumnTable] = {}
    for spec in RECORD_TABLES:  # problems in table order, however the tables were parsed
        if spec.name not in raw:
            if not spec.optional:
                log.add(spec.name, None, "required table {t!r} ({tz}) is missing", "缺少必需的表“{tz}”（{t}）",
                        t=spec.name, tz=spec.zh, kind="missing-table")
            tables[spec.name] = empty_table(spec)
            continue
        tables[spec.name], own = parsed[spec.name]
        log.groups.extend(own.groups)
    return ColumnarCounty(levels, tables)


PARALLEL_ROWS = 200_000
"""Rows (all tables together) from which the tables are parsed side by side, one thread each (see
:func:`_parse_tables`); below it a thread costs more than it saves."""


def _parse_tables(raw: Mapping[str, RawTable], specs: Sequence[TableSpec], levels: tuple[Level, ...], strict: bool
                  ) -> dict[str, tuple[ColumnTable, ProblemLog]]:
    """Each table parsed with a log of its own: on a big county in threads, one per table up to one per core.

    Why threads help: a table's parse is a few dozen Arrow and numpy kernels over whole columns, each of which lets
    go of the GIL, so the units and the assignments (a million rows each in a county) are parsed at once on two
    cores; the logs are merged in table order by the caller, so the problems read the same either way."""
    def one(spec: TableSpec) -> tuple[ColumnTable, ProblemLog]:
        own = ProblemLog(strict=strict)
        return parse_table(raw[spec.name], spec, levels, own), own

    workers = min(len(specs), os.cpu_count() or 1)
    if workers < 2 or sum(raw[s.name].n for s in specs) < PARALLEL_ROWS:
        return {spec.name: one(spec) for spec in specs}
    from concurrent.futures import ThreadPoolExecutor

    order = sorted(specs, key=lambda s: -raw[s.name].n)  # the biggest first: the pool is not left waiting on it
    with ThreadPoolExecutor(workers) as pool:
        futures = {spec.name: pool.submit(one, spec) for spec in order}
        return {spec.name: futures[spec.name].result() for spec in specs}


def _header_language_zh(headers: list[str]) -> bool:
    return any(not h.isascii() for h in headers)


def parse_table(raw: RawTable, spec: TableSpec, levels: tuple[Level, ...], log: ProblemLog) -> ColumnTable:
    """Map headers to fields, keep the rest as extras, drop blank rows, parse each column; problems to ``log``."""
    header_map = spec.header_map()
    by_field: dict[str, int] = {}
    extra: list[int] = []
    for i, h in enumerate(raw.headers):
        col = header_map.get(normalise_header(h))
        if col is None:
            if h:
                extra.append(i)
            elif len(raw.columns) > i and _present(raw.columns[i]).any():
                log.add(raw.file, None, "a column with cells but no header (give it one, or delete it)",
                        "有内容但没有表头的列（请加表头，或删除）", rows=[1], kind="no-header")
        elif col.field in by_field:
            log.add(raw.file, h, "column {f!r} given twice ({first!r})", "列“{f}”出现了两次（已有“{first}”）",
                    rows=[1], f=col.field, first=raw.headers[by_field[col.field]], kind="column-twice")
        else:
            by_field[col.field] = i
    zh = _header_language_zh(raw.headers)
    for col in spec.columns:
        if col.required and col.field not in by_field:
            log.add(raw.file, col.zh if zh and col.zh else col.field, "required column {f!r} ({c}) is missing",
                    "缺少必需的列“{c}”（{f}）", rows=[1], f=col.field, c=col.zh, kind="missing-column")
    if extra:
        names = "、".join(raw.headers[i] for i in extra)
        log.add(raw.file, None, "extra column(s) kept as extra attributes: {names} (not part of the {t} table; "
                "--strict makes them errors)", "多出的列已作为附加属性保留：{names}（不属于“{tz}”表；--strict 时视为错误）",
                rows=[1], names=names if zh else ", ".join(raw.headers[i] for i in extra), t=spec.name, tz=spec.zh,
                severity="notice", kind="extra-columns")
    # blank rows (an empty line, a row of empty cells) are not records; where white space may sit is read from
    # each text column's bytes once, for this test, the parser's trim and the look-alike test
    edges_raw = [_edges(c) for c in raw.columns]
    present_cols = [_present(c, e) for c, e in zip(raw.columns, edges_raw, strict=True)]
    present = np.zeros(raw.n, bool)
    for m in present_cols:
        present |= m
    keep = np.flatnonzero(present)
    take = None if len(keep) == raw.n else pa.array(keep)
    rows = raw.rows if take is None else raw.rows[keep]  # consecutive rows stay RowNumbers (io/row_numbers.py)
    columns = [_take(c, take) for c in raw.columns]
    edges = [e if e is None or take is None else e[keep] for e in edges_raw]
    headers = {f: raw.headers[i] for f, i in by_field.items()}
    out: dict[str, Any] = {}
    lookup = level_lookup(levels)
    level_tag_rows: dict[str, np.ndarray] = {}
    bad_rows = np.zeros(len(rows), bool)
    for col in spec.columns:
        pos = by_field.get(col.field)
        if pos is None:
            out[col.field] = pa.nulls(len(rows), ARROW_TYPES[col.kind])
            continue
        values, tag_rows, bad_cells = _parse_column(columns[pos], col, raw, rows, headers[col.field], lookup, levels, log,
                                                    zh, edges[pos])
        bad_rows |= bad_cells
        out[col.field] = values
        for tag, where in tag_rows.items():
            level_tag_rows[tag] = level_tag_rows.get(tag, np.zeros(len(rows), bool)) | where
        if col.required:
            log.add(raw.file, headers[col.field], "is empty", "为空", rows=rows[~present_cols[pos][keep]], kind="empty")
    if spec.name in ID_COLUMNS:
        for f in ID_COLUMNS[spec.name]:
            pos = by_field.get(f)
            text = _as_text(columns[pos]) if pos is not None else None
            if text is not None:
                odd = _lookalike(text, edges[pos] if pos is not None and text is _text_of(columns[pos]) else None)
                if odd.any():
                    vals = text.filter(pa.array(odd))
                    log.add(raw.file, headers[f], "{v!r} has a look-alike character (zero-width, full-width or a "
                            "surrounding space): it matches only an id written exactly the same way",
                            "“{v}”含易混淆字符（零宽、全角或首尾空格）：只与写法完全相同的编号匹配",
                            rows=rows[odd], v=vals, severity="warning", kind="lookalike")
    if level_tag_rows and "tags" in out:
        for tag, where in level_tag_rows.items():
            out["tags"] = cells.add_tag(out["tags"], where, tag)
    if spec.name == "actors":
        out["kind"] = _map_values(out["kind"], KIND_LABELS)
    data = pa.table(out)
    extras = None
    if extra:
        extras = pa.table({raw.headers[i]: _as_text(columns[i]) for i in extra})
    return ColumnTable(spec, raw.file, data, rows, headers, extras, bad_rows if bad_rows.any() else None)


def _text_of(col: Any) -> Any:
    return col.text if isinstance(col, cells.Refused) else col


def _edges(col: Any) -> np.ndarray | None:
    """:func:`~mechanisms.io.colparse.edge_candidates` of a text column (``None`` for any other)."""
    text = _text_of(col)
    return cells.edge_candidates(text) if cells.is_text(text.type) else None


def _lookalike(text: Any, edges: np.ndarray | None = None) -> np.ndarray:
    """Cells with a zero-width or full-width character or a surrounding space: the exact tests run only on the
    cells that may have one (non-ASCII text, or white space bytes at an edge), a few in a real column."""
    odd = np.zeros(len(text), bool)
    cand = (cells.edge_candidates(text) if edges is None else edges) | (~cells.mask(pc.string_is_ascii(text))
                                                                      & cells.valid(text))
    if cand.any():
        sel = np.flatnonzero(cand)
        sub = cells.take_rows(text, sel)
        spaced = cells.mask(pc.not_equal(pc.binary_length(sub), pc.binary_length(pc.utf8_trim_whitespace(sub))))
        odd[sel] = spaced | cells.mask(pc.match_substring_regex(sub, LOOKALIKE))
    return odd


def _present(col: Any, edges: np.ndarray | None = None) -> np.ndarray:
    """Cells holding something: not null, not empty, not only white space (looked for only where a cell may begin
    with it: ``edges``, the column's :func:`~mechanisms.io.colparse.edge_candidates`)."""
    if isinstance(col, cells.Refused):
        mask = _present(col.text, edges)
        mask[col.rows] = True
        return mask
    present = cells.valid(col)
    if cells.is_text(col.type):
        present &= cells.nonempty(col)
        spaced = (cells.edge_candidates(col) if edges is None else edges) & present
        if spaced.any():
            at = np.flatnonzero(spaced)
            present[at] = ~cells.mask(pc.utf8_is_space(cells.take_rows(col, at)))
    return present


def _take(col: Any, take: Any) -> Any:
    if take is None:
        return col
    if isinstance(col, cells.Refused):
        keep = np.asarray(take.to_numpy(), np.int64)
        pos = np.full(len(col), -1, np.int64)
        pos[keep] = np.arange(len(keep))
        return cells.Refused(col.text.take(take), pos[col.rows][pos[col.rows] >= 0])
    return col.take(take)


def _as_text(col: Any) -> Any:
    if isinstance(col, cells.Refused):
        return col.text
    if cells.is_text(col.type):
        return col
    try:
        return pc.cast(col, pa.string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return pa.array([None if v is None else str(v) for v in col.to_pylist()], type=pa.string())


def _map_values(arr: Any, mapping: Mapping[str, str]) -> Any:
    """Each value replaced by ``mapping[value]`` where it has one (computed once per distinct value)."""
    if len(arr) == 0:
        return arr
    dictionary, codes = cells.encode(arr)
    words = dictionary.to_pylist()
    if all(mapping.get(w, w) == w for w in words if w is not None):  # every value already a key: nothing to take
        return arr
    new = pa.array([mapping.get(w, w) for w in words], type=pa.string())
    return new.take(pa.array(codes, mask=codes < 0))


LEVEL_MSG_ZH = "未知层级“{v}”（可用：{known_zh}）"
LEVEL_MSG_EN = "unknown level {v!r} (known: {known})"
KIND_MSGS: Mapping[str, tuple[str, str]] = {
    "int": ("应为整数，实际是“{v}”", "expected a whole number, got {v!r}"),
    "float": ("应为数字（或 是/否），实际是“{v}”", "expected a number (or 是/否), got {v!r}"),
    "date": ("应为日期（如 2024-01-31、2024/1/31、2024年1月31日），实际是“{v}”",
             "expected a date (2024-01-31, 2024/1/31, 2024年1月31日, …), got {v!r}"),
    "str": ("应为文本，实际是其他类型的值：{v}", "expected text, got a value of another type: {v}"),
    "tags": ("应为标签文本或文本列表，实际是：{v}", "expected tags (text, or a list of text), got: {v}"),
}


def _parse_column(col: Any, column: Column, raw: RawTable, rows: Rows, header: str, lookup: Mapping[str, str],
                  levels: tuple[Level, ...], log: ProblemLog, zh: bool, edges: np.ndarray | None = None
                  ) -> tuple[Any, dict[str, np.ndarray], np.ndarray]:
    """One column parsed by its kind; bad cells reported (as the file wrote them) and made null. ``edges``: the
    column's :func:`~mechanisms.io.colparse.edge_candidates` where they are known."""
    refused = np.zeros(len(rows), bool)
    if isinstance(col, cells.Refused):
        refused[col.rows] = True
        col = col.text
    if raw.spreadsheet and cells.is_text(col.type) and column.kind in ("str", "level", "tags") \
            and cells.mask(pc.starts_with(col, "'")).any():
        col = cells.unescape_formulas(col)
        edges = None  # the text changed
    kind = "str" if column.kind == "level" else column.kind
    parser = {"str": cells.parse_text, "int": cells.parse_int, "float": cells.parse_float, "date": cells.parse_date,
              "tags": cells.parse_tags}[kind]
    parsed = cells.parse_text(col, edges) if kind == "str" else parser(col)
    shown = parsed.bad & ~refused
    bad = parsed.bad | refused
    values = parsed.values
    tag_rows: dict[str, np.ndarray] = {}
    if column.kind == "level" and len(values):
        dictionary, idx = cells.encode(values)
        words = dictionary.to_pylist()
        mapped: list[str | None] = []
        unknown = np.zeros(len(words), bool)
        for j, w in enumerate(words):
            if levels == DEFAULT_LEVELS and w in LEVEL_TAGS:
                mapped.append(LEVEL_TAGS[w][0])
            elif w in lookup:
                mapped.append(lookup[w])
            else:
                mapped.append(None)
                unknown[j] = True
        if levels == DEFAULT_LEVELS:
            for w, (_, tag) in LEVEL_TAGS.items():
                if w in words:
                    hit = idx == words.index(w)
                    tag_rows[tag] = tag_rows.get(tag, np.zeros(len(idx), bool)) | hit
        unk_rows = (idx >= 0) & unknown[np.maximum(idx, 0)] if len(words) else np.zeros(len(idx), bool)
        if unk_rows.any():
            known_zh = "、".join(lv.label.zh or lv.key for lv in levels)
            if levels == DEFAULT_LEVELS:
                known_zh = "县/区/市、乡/镇/乡镇/街道、村/社区/行政村、组/村民小组/屯/院落、户/农户"
            log.add(raw.file, header, LEVEL_MSG_EN, LEVEL_MSG_ZH, rows=rows[unk_rows], v=values.filter(pa.array(unk_rows)),
                    known=", ".join(lv.key for lv in levels), known_zh=known_zh, kind="unknown-level")
            bad |= unk_rows
        if mapped != words:  # a level written by its name (乡镇), not its key: the keys, one take
            values = pa.array(mapped, type=pa.string()).take(pa.array(idx, mask=idx < 0))
    if shown.any():
        zh_msg, en_msg = KIND_MSGS[kind]
        log.add(raw.file, header, en_msg, zh_msg, rows=rows[shown], v=_as_text(col).filter(pa.array(shown)),
                kind=f"bad-{kind}")
    if refused.any():
        log.add(raw.file, header, "expected {what}, got true/false, a list or a mapping (not turned into text)",
                "应为{what_zh}，实际是真假值、列表或映射（不会转成文本）", rows=rows[refused], kind="wrong-type",
                what="tags" if kind == "tags" else "a value", what_zh="标签" if kind == "tags" else "单个值")
    if bad.any():
        values = pc.if_else(pa.array(~bad), values, pa.scalar(None, values.type))
    return values, tag_rows, bad


__all__ = ["TABLES", "ColumnTable", "ColumnarCounty", "build_columns", "read_columns"]
