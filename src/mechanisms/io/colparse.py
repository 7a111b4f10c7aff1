"""Whole columns parsed at once: text, whole numbers, numbers, dates, tags, as Arrow compute kernels.

Why columns: a county of a million households is six million cells, and parsing them one by one in
Python took a minute where these kernels take a second. Each parser takes the column as read (an Arrow
array of any type: text from CSV and YAML, numbers and dates from Excel, JSON values) and gives the
parsed column plus a mask of the cells that could not be read, so the caller reports every bad cell
with its row and the rest of the table is still checked.

Dates are read in every form Excel and county offices write them: ``2024-01-01``, ``2024/1/1``,
``2024.1.1``, ``2024年1月1日``, ``20240101``, with a time after them, as date cells, and as Excel serial
numbers (days since 1899-12-30, a number cell or five digits of text).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

EXCEL_EPOCH_SHIFT = 25569
"""Excel's serial number of 1970-01-01 (serials count days from 1899-12-30)."""
SERIAL_RANGE = (10_000, 99_999)
"""Five-digit text is read as a serial date (1927–2173); shorter digits are too easily a year or a count."""
MAX_INT_DIGITS = 18
YES = ("是", "√", "✓", "有", "yes", "true", "y")
NO = ("否", "×", "✗", "无", "no", "false", "n")
TAG_SPLIT = r"[;；，,、|]"
FORMULA_ESCAPED = "^'('*[ \t\r\n\u3000]*[=+\\-@＝＋－＠])"
"""Text the writers escaped (see :mod:`mechanisms.io.cells`): one leading quote is theirs."""


@attrs.frozen
class Parsed:
    """A parsed column and the cells that could not be read (``bad``: bool per row)."""

    values: Any  # pa.Array
    bad: np.ndarray


def from_numpy(values: np.ndarray, valid: np.ndarray | None = None) -> Any:
    """A numpy array of booleans or numbers as an Arrow array (what ``pa.array(values, mask=~valid)`` gives), null
    where ``valid`` is False.

    Why not ``pa.array``: it asks whether ``values`` is a masked array, and ``np.ma`` is imported (15 ms of every
    command's start) by the question. Booleans and the validity are packed into Arrow's bitmaps; numbers are
    shared with numpy, not copied."""
    values = np.ascontiguousarray(values)
    if values.ndim != 1 or values.dtype.kind not in "biuf":
        raise TypeError(f"a one-dimensional array of booleans or numbers is wanted, not {values.dtype}[{values.ndim}]")
    n = len(values)
    bitmap = None
    nulls = 0
    if valid is not None and len(valid) != n:  # a short bitmap would be read past its end
        raise ValueError(f"{len(valid)} validity flags for {n} values")
    if valid is not None and not valid.all():
        bitmap = pa.py_buffer(np.packbits(np.asarray(valid, bool), bitorder="little"))
        nulls = n - int(np.count_nonzero(valid))
    if values.dtype == np.bool_:
        data = pa.py_buffer(np.packbits(values, bitorder="little"))
        return pa.Array.from_buffers(pa.bool_(), n, [bitmap, data], null_count=nulls)
    return pa.Array.from_buffers(pa.from_numpy_dtype(values.dtype), n, [bitmap, pa.py_buffer(values)], null_count=nulls)


def mask(arr: Any) -> np.ndarray:
    """A boolean Arrow array as numpy, nulls counted False."""
    out: np.ndarray = np.asarray(pc.fill_null(arr, False).to_numpy(zero_copy_only=False), dtype=bool)
    return out


def valid(arr: Any) -> np.ndarray:
    out: np.ndarray = np.asarray(arr.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
    return out


def chunks(arr: Any) -> list[Any]:
    """The arrays of a column: its chunks, or the array itself (columns stay chunked as the CSV reader made them,
    as combining a million strings into one buffer costs more than most of the parsing)."""
    return list(arr.chunks) if isinstance(arr, pa.ChunkedArray) else [arr]


def whole(arr: Any) -> Any:
    """One array of a (short, or list-typed) column, for kernels that want a single array."""
    return arr.combine_chunks() if isinstance(arr, pa.ChunkedArray) else arr


def take_rows(arr: Any, rows: np.ndarray) -> Any:
    """``arr.take(rows)`` (an Arrow array, chunked or not, or a table), taken chunk by chunk: Arrow's take of a
    chunked column first joins every chunk into one (a copy of ten million strings to pick a dozen)."""
    rows = np.asarray(rows, np.int64)
    if not isinstance(arr, pa.ChunkedArray | pa.Table):
        return arr.take(pa.array(rows))
    if isinstance(arr, pa.Table):
        return pa.table({name: take_rows(arr.column(i), rows) for i, name in enumerate(arr.column_names)})
    if arr.num_chunks <= 1:
        return arr.take(from_numpy(rows))
    lengths = [len(c) for c in arr.chunks]
    starts = np.concatenate([[0], np.cumsum(lengths)])
    which = np.searchsorted(starts, rows, side="right") - 1
    order = np.argsort(which, kind="stable")
    ordered_which = which[order]
    parts = []
    for k in np.unique(ordered_which).tolist():
        lo, hi = np.searchsorted(ordered_which, [k, k + 1])
        parts.append(arr.chunk(k).take(pa.array(rows[order[lo:hi]] - starts[k])))
    if not parts:
        return pa.array([], type=arr.type)
    picked = pa.concat_arrays(parts)
    if bool((order == np.arange(len(order))).all()):
        return picked
    back = np.empty(len(order), np.int64)
    back[order] = np.arange(len(order))
    return picked.take(pa.array(back))


def encode(arr: Any) -> tuple[Any, np.ndarray]:
    """The distinct values of a column (an Arrow array) and each row's index into them (-1 for null)."""
    enc = arr.dictionary_encode()
    parts = chunks(enc)
    if not parts:
        return pa.array([], type=arr.type), np.zeros(0, np.int64)
    codes = np.concatenate([np.asarray(pc.fill_null(c.indices, -1).to_numpy(zero_copy_only=False), np.int64)
                            for c in parts])
    return parts[-1].dictionary, codes


def is_text(typ: Any) -> bool:
    return bool(pa.types.is_string(typ) or pa.types.is_large_string(typ))


SPACE_AT_EDGE = r"^[\s\p{Z}]|[\s\p{Z}]$"
_SPACE_BYTE = np.zeros(256, bool)
_SPACE_BYTE[[0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x20]] = True
_SPACE_LEAD = _SPACE_BYTE.copy()
_SPACE_LEAD[[0xC2, 0xE1, 0xE2, 0xE3]] = True  # the first bytes of every non-ASCII white space (U+0085 … U+3000)
_SPACE_LEAD3 = np.zeros(256, bool)
_SPACE_LEAD3[[0xE1, 0xE2, 0xE3]] = True  # … of the three-byte ones
_SPACE_TAIL = np.zeros(256, bool)
_SPACE_TAIL[[*range(0x80, 0x8B), 0x9F, 0xA0, 0xA8, 0xA9, 0xAF]] = True  # … and their last bytes


def edge_candidates(arr: Any) -> np.ndarray:
    """Per row, whether the text may begin or end with white space, read from the bytes of the column.

    A superset (by UTF-8 lead bytes: every Unicode white space begins with C2, E1, E2 or E3) that an
    exact regex then narrows: a regex over every cell costs about 100 ms per million, the bytes a few ms,
    and almost no cell of a real column is a candidate. Nulls are never candidates."""
    out: list[np.ndarray] = []
    for c in chunks(arr):
        n = len(c)
        bufs = c.buffers()
        data: Any = np.frombuffer(bufs[2], np.uint8) if n and bufs[2] is not None and bufs[2].size else None
        if data is None:
            out.append(np.zeros(n, bool))
            continue
        width = 8 if pa.types.is_large_string(c.type) else 4
        offsets: Any = np.frombuffer(bufs[1], np.int64 if width == 8 else np.int32, count=n + 1, offset=c.offset * width)
        start, end = offsets[:-1], offsets[1:]
        length = end - start
        some = length > 0
        last = data.take(end - 1)  # an empty first cell reads index -1: it is not ``some``
        cand = some & (_SPACE_LEAD.take(data.take(np.minimum(start, len(data) - 1))) | _SPACE_BYTE.take(last))
        maybe = np.flatnonzero(some & _SPACE_TAIL.take(last) & ~cand)  # ends like a multi-byte space: look closer
        if len(maybe):
            e, size = end[maybe], length[maybe]
            cand[maybe] = ((size >= 2) & (data.take(e - 2) == 0xC2)) | ((size >= 3) & _SPACE_LEAD3.take(data.take(e - 3)))
        if c.null_count:
            cand &= valid(c)
        out.append(cand)
    return np.concatenate(out) if out else np.zeros(0, bool)


def nonempty(arr: Any) -> np.ndarray:
    """Per row of a text column, whether its cell holds at least one byte, read from the offsets (nulls count as
    they are stored: the caller masks them)."""
    out: list[np.ndarray] = []
    for c in chunks(arr):
        n = len(c)
        if n == 0:
            out.append(np.zeros(0, bool))
            continue
        width = 8 if pa.types.is_large_string(c.type) else 4
        offsets: np.ndarray = np.frombuffer(c.buffers()[1], np.int64 if width == 8 else np.int32, count=n + 1,
                                            offset=c.offset * width)
        out.append(offsets[1:] > offsets[:-1])
    return np.concatenate(out) if out else np.zeros(0, bool)


def space_at_edge(arr: Any, edges: np.ndarray | None = None) -> np.ndarray:
    """Per row, whether the text begins or ends with white space (:data:`SPACE_AT_EDGE`), the regex run only on
    the :func:`edge_candidates` (``edges``, where the caller has them already)."""
    cand = edge_candidates(arr) if edges is None else edges.copy()
    if cand.any():
        sel = np.flatnonzero(cand)
        cand[sel] = mask(pc.match_substring_regex(take_rows(arr, sel), SPACE_AT_EDGE))
    return cand


def blank_to_null(arr: Any, edges: np.ndarray | None = None) -> Any:
    """Text trimmed of surrounding white space (ASCII and the ideographic space), empty cells null.

    Each step is taken only where a cell needs it: the checks allocate a bit per row, the steps a copy.
    ``edges``: the column's :func:`edge_candidates`, where the caller has them already."""
    if arr.null_count == len(arr):
        return arr
    if space_at_edge(arr, edges).any():
        arr = pc.utf8_trim_whitespace(arr)
    if pc.any(pc.equal(arr, "")).as_py():
        arr = pc.if_else(pc.equal(arr, ""), pa.scalar(None, arr.type), arr)
    return arr


def unescape_formulas(arr: Any) -> Any:
    """Undo the ``'=`` escape writers put before formula-looking text, the whole column at once."""
    return pc.replace_substring_regex(arr, FORMULA_ESCAPED, r"\1")


def _refuse_all(arr: Any, typ: Any) -> Parsed:
    return Parsed(pa.nulls(len(arr), typ), valid(arr))


def _none_bad(n: int) -> np.ndarray:
    return np.zeros(n, dtype=bool)


# ---------------------------------------------------------------- text

def parse_text(arr: Any, edges: np.ndarray | None = None) -> Parsed:
    """Text as written. Whole numbers (an Excel number cell holding an id) are written out; anything else
    that is not text — a bool, a list, a fraction — is refused rather than turned into a string. ``edges``:
    the column's :func:`edge_candidates`, where the caller has them already."""
    n = len(arr)
    t = arr.type
    if pa.types.is_null(t):
        return Parsed(pa.nulls(n, pa.string()), _none_bad(n))
    if is_text(t):
        return Parsed(blank_to_null(arr.cast(pa.string()), edges), _none_bad(n))
    if pa.types.is_integer(t):
        return Parsed(arr.cast(pa.string()), _none_bad(n))
    if pa.types.is_floating(t):
        f = np.asarray(arr.cast(pa.float64()).to_numpy(zero_copy_only=False), np.float64)
        whole = np.isfinite(f) & (np.floor(f) == f) & (np.abs(f) < 2**53)
        bad = ~np.isnan(f) & ~whole
        ints = pa.array(np.where(whole, f, 0).astype(np.int64), mask=~whole)
        return Parsed(ints.cast(pa.string()), bad)
    return _refuse_all(arr, pa.string())


# ---------------------------------------------------------------- numbers

def _number_text(arr: Any) -> Any:
    return pc.replace_substring_regex(blank_to_null(arr), r"[,，\s]", "")


def parse_int(arr: Any) -> Parsed:
    """Whole numbers: ``1,234``, ``120`` and ``120.0`` (what an Excel export writes); at most 18 digits."""
    n = len(arr)
    t = arr.type
    if pa.types.is_null(t):
        return Parsed(pa.nulls(n, pa.int64()), _none_bad(n))
    if pa.types.is_integer(t):
        return Parsed(arr.cast(pa.int64()), _none_bad(n))
    if pa.types.is_floating(t):
        f = np.asarray(arr.cast(pa.float64()).to_numpy(zero_copy_only=False), np.float64)
        whole = np.isfinite(f) & (np.floor(f) == f) & (np.abs(f) < 1e18)
        return Parsed(pa.array(np.where(whole, f, 0).astype(np.int64), mask=~whole), ~np.isnan(f) & ~whole)
    if not is_text(t):
        return _refuse_all(arr, pa.int64())
    arr = blank_to_null(arr)
    if arr.null_count == n:  # an empty column (an optional one few fill): nothing to parse
        return Parsed(pa.nulls(n, pa.int64()), _none_bad(n))
    text = _number_text(arr)
    ok = pc.match_substring_regex(text, rf"^[+-]?\d{{1,{MAX_INT_DIGITS}}}(\.0*)?$")
    clean = pc.replace_substring_regex(pc.if_else(ok, text, pa.scalar("0")), r"^\+|\.0*$", "")  # Arrow's cast takes no +
    values = pc.if_else(ok, pc.cast(clean, pa.int64()), pa.scalar(None, pa.int64()))
    return Parsed(values, valid(text) & ~mask(ok))


def parse_float(arr: Any) -> Parsed:
    """Numbers, and 是/否 (√/×) as 1 and 0 for yes-or-no indicators. NaN and infinity are refused."""
    n = len(arr)
    t = arr.type
    if pa.types.is_null(t):
        return Parsed(pa.nulls(n, pa.float64()), _none_bad(n))
    if pa.types.is_integer(t) or pa.types.is_floating(t):
        f = np.asarray(arr.cast(pa.float64()).to_numpy(zero_copy_only=False), dtype=np.float64)
        present = valid(arr)
        finite = np.isfinite(f)
        return Parsed(pa.array(np.where(finite, f, 0.0), mask=~(finite & present)), present & ~finite)
    if not is_text(t):
        return _refuse_all(arr, pa.float64())
    arr = blank_to_null(arr)
    if arr.null_count == n:  # an empty column (an optional one few fill): nothing to parse
        return Parsed(pa.nulls(n, pa.float64()), _none_bad(n))
    text = _number_text(arr)
    low = pc.utf8_lower(text)
    yes = pc.is_in(low, pa.array(YES))
    no = pc.is_in(low, pa.array(NO))
    num = pc.match_substring_regex(text, r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d{1,3})?$")
    f = pc.cast(pc.if_else(num, text, pa.scalar("0")), pa.float64())
    f = pc.if_else(yes, pa.scalar(1.0), pc.if_else(no, pa.scalar(0.0), f))
    fin = np.isfinite(np.asarray(pc.fill_null(f, 0.0).to_numpy(zero_copy_only=False), np.float64))
    good = (mask(num) | mask(yes) | mask(no)) & fin
    values = pc.if_else(from_numpy(good), f, pa.scalar(None, pa.float64()))
    return Parsed(values, valid(text) & ~good)


# ---------------------------------------------------------------- dates

def _days(days: np.ndarray, ok: np.ndarray) -> Any:
    return from_numpy(np.where(ok, days, 0).astype(np.int32), valid=ok).cast(pa.date32())


def parse_date(arr: Any) -> Parsed:
    """Dates in every form Excel writes (see the module docstring); impossible days (2024-02-30) are refused."""
    n = len(arr)
    t = arr.type
    if pa.types.is_null(t):
        return Parsed(pa.nulls(n, pa.date32()), _none_bad(n))
    if pa.types.is_date(t):
        return Parsed(arr.cast(pa.date32()), _none_bad(n))
    if pa.types.is_timestamp(t):
        return Parsed(pc.cast(arr, pa.date32()), _none_bad(n))
    if pa.types.is_integer(t) or pa.types.is_floating(t):
        f = np.asarray(arr.cast(pa.float64()).to_numpy(zero_copy_only=False), np.float64)
        ok = np.isfinite(f) & (f >= 1) & (f < 2_958_466)
        return Parsed(_days(np.floor(np.where(ok, f, 0)) - EXCEL_EPOCH_SHIFT, ok), ~np.isnan(f) & ~ok)
    if not is_text(t):
        return _refuse_all(arr, pa.date32())
    arr = blank_to_null(arr)
    if arr.null_count == n:  # an empty column (an optional one few fill): nothing to parse
        return Parsed(pa.nulls(n, pa.date32()), _none_bad(n))
    text = blank_to_null(arr)
    norm = pc.replace_substring_regex(text, r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$", "")
    norm = pc.replace_substring_regex(norm, r"\s*日$", "")
    norm = pc.replace_substring_regex(norm, r"\s*[/.年月]\s*", "-")
    norm = pc.replace_substring_regex(norm, r"^(\d{4})(\d{2})(\d{2})$", r"\1-\2-\3")
    parts = pc.extract_regex(norm, r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})$")
    matched = mask(parts.is_valid())
    y = _ints(pc.struct_field(parts, "y"), matched)
    m = _ints(pc.struct_field(parts, "m"), matched)
    d = _ints(pc.struct_field(parts, "d"), matched)
    ok = matched & (m >= 1) & (m <= 12) & (d >= 1) & (d <= 31) & (y >= 1)
    month = (np.where(ok, y, 1970) - 1970) * 12 + np.where(ok, m, 1) - 1
    first = month.astype("datetime64[M]").astype("datetime64[D]")
    day = first + (np.where(ok, d, 1) - 1).astype("timedelta64[D]")
    ok &= day.astype("datetime64[M]") == first.astype("datetime64[M]")
    days = day.astype(np.int64)
    serial_text = pc.match_substring_regex(text, r"^\d{5}(\.\d+)?$")
    serial = mask(serial_text) & ~ok
    if serial.any():
        sv = np.asarray(pc.cast(pc.if_else(serial_text, text, pa.scalar("0")), pa.float64())
                        .to_numpy(zero_copy_only=False), np.float64)
        serial &= (sv >= SERIAL_RANGE[0]) & (sv <= SERIAL_RANGE[1])
        days = np.where(serial, np.floor(np.where(serial, sv, 0)).astype(np.int64) - EXCEL_EPOCH_SHIFT, days)
        ok |= serial
    return Parsed(_days(days, ok), valid(text) & ~ok)


def _ints(arr: Any, ok: np.ndarray) -> np.ndarray:
    safe = pc.if_else(from_numpy(ok), arr, pa.scalar("0"))
    out: np.ndarray = np.asarray(pc.cast(safe, pa.int64()).to_numpy(zero_copy_only=False), np.int64)
    return out


# ---------------------------------------------------------------- tags

def parse_tags(arr: Any) -> Parsed:
    """Tags as a list per row: text split at ; ； ， , 、 |, or a list in a document (of text only)."""
    n = len(arr)
    t = arr.type
    if pa.types.is_null(t):
        return Parsed(pa.array([[]] * n, type=pa.list_(pa.string())), _none_bad(n))
    if pa.types.is_list(t) or pa.types.is_large_list(t):
        vt = t.value_type
        if not (is_text(vt) or pa.types.is_null(vt)):
            return _refuse_all(arr, pa.list_(pa.string()))
        lists = arr.cast(pa.list_(pa.string()))
    elif is_text(t):
        text = blank_to_null(arr)
        if text.null_count == n:
            return Parsed(pa.ListArray.from_arrays(from_numpy(np.zeros(n + 1, np.int32)), pa.array([], pa.string())),
                          _none_bad(n))
        lists = pc.split_pattern_regex(text, TAG_SPLIT)
    else:
        return _refuse_all(arr, pa.list_(pa.string()))
    return Parsed(_clean_lists(lists), _none_bad(n))


def _clean_lists(lists: Any) -> Any:
    """Each list's items trimmed, empty items dropped; a row with no tags is an empty list."""
    lists = whole(lists)
    n = len(lists)
    flat = pc.utf8_trim_whitespace(pc.list_flatten(lists))
    parents = np.asarray(pc.list_parent_indices(lists).to_numpy(zero_copy_only=False), np.int64)
    keep = mask(pc.and_(pc.not_equal(flat, ""), flat.is_valid()))
    flat = flat.filter(from_numpy(keep))
    parents = parents[keep]
    offsets = np.searchsorted(parents, np.arange(n + 1), side="left").astype(np.int32)
    return pa.ListArray.from_arrays(from_numpy(offsets), flat)


def add_tag(lists: Any, where: np.ndarray, tag: str) -> Any:
    """``tag`` appended to the lists of the rows ``where`` marks (社区 → ``community``), unless already there."""
    if not where.any():
        return lists
    lists = whole(lists)
    n = len(lists)
    flat = pc.list_flatten(lists)
    parents = np.asarray(pc.list_parent_indices(lists).to_numpy(zero_copy_only=False), np.int64)
    has = np.zeros(n, bool)
    has[parents[mask(pc.equal(flat, tag))]] = True
    add = np.asarray(where, bool) & ~has
    sizes = np.asarray(pc.fill_null(pc.list_value_length(lists), 0).to_numpy(zero_copy_only=False), np.int64)
    old = np.concatenate([[0], np.cumsum(sizes)])
    new = np.concatenate([[0], np.cumsum(sizes + add)])
    take = np.empty(int(new[-1]), np.int64)  # each row's items where they were, then the tag where it is added
    take[new[parents] + np.arange(len(flat)) - old[parents]] = np.arange(len(flat))
    take[new[1:][add] - 1] = len(flat)
    values = pa.concat_arrays([flat.cast(pa.string()), pa.array([tag], pa.string())]).take(pa.array(take))
    null = ~valid(lists) & ~add  # a row with no list stays so, unless it gains the tag
    return pa.ListArray.from_arrays(pa.array(new.astype(np.int32)), values, mask=pa.array(null) if null.any() else None)


# ---------------------------------------------------------------- cells from Python values

@attrs.frozen(eq=False)
class Refused:
    """A text column with some cells that held a value of the wrong type (bool, list, mapping)."""

    text: Any
    rows: np.ndarray

    def __len__(self) -> int:
        return len(self.text)


def from_python(values: Sequence[Any]) -> Any:
    """A column of Python values (an Excel sheet's, a document's) as one Arrow array.

    The common column is all text or all numbers and converts in one call. A mixed column
    (text beside number cells, dates beside text) is made text cell by cell — numbers written
    out, dates as ISO — except that a value no text can honestly stand for (a bool, a list,
    a mapping) is refused: it comes back as :class:`Refused`, which the parsers report.
    """
    try:
        arr = pa.array(values, from_pandas=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, TypeError, OverflowError):
        arr = None
    if arr is not None and not (pa.types.is_boolean(arr.type) or pa.types.is_struct(arr.type)):
        return arr
    out: list[str | None] = []
    refused: list[int] = []
    for i, v in enumerate(values):
        if v is None or isinstance(v, str):
            out.append(v)
        elif isinstance(v, bool | list | dict | tuple):
            out.append(None)
            refused.append(i)
        elif isinstance(v, int):
            out.append(str(v))
        elif isinstance(v, float):
            out.append(str(int(v)) if v.is_integer() else repr(v))
        elif hasattr(v, "isoformat"):
            out.append(v.isoformat())
        else:
            out.append(None)
            refused.append(i)
    text = pa.array(out, type=pa.string())
    return Refused(text, np.asarray(refused, np.int64)) if refused else text
