"""Kernels that replaced a Python loop over rows give what the loop gave, row for row, on awkward lists."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mechanisms.io.colparse import add_tag, from_numpy, take_rows


def _loop(lists: Any, where: np.ndarray, tag: str) -> list[Any]:
    """What add_tag did before: every list made Python, the tag appended row by row."""
    py: list[Any] = lists.to_pylist()
    for i in np.flatnonzero(where).tolist():
        items = py[i] or []
        if tag not in items:
            py[i] = [*items, tag]
    return py


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.one_of(st.none(), st.lists(st.sampled_from(["a", "community", "社区", ""]), max_size=3)),
                     max_size=12),
       data=st.data(), start=st.integers(0, 2))
def test_a_level_tag_is_added_as_the_row_loop_added_it(rows: list[list[str] | None], data: st.DataObject,
                                                       start: int) -> None:
    lists = pa.array(rows, type=pa.list_(pa.string())).slice(min(start, len(rows)))
    where = np.asarray(data.draw(st.lists(st.booleans(), min_size=len(lists), max_size=len(lists))), bool)
    assert add_tag(lists, where, "community").to_pylist() == _loop(lists, where, "community")


def test_no_row_marked_gives_the_lists_back_unchanged() -> None:
    lists = pa.array([["a"], None], type=pa.list_(pa.string()))
    assert add_tag(lists, np.zeros(2, bool), "community") is lists


@settings(max_examples=150, deadline=None)
@given(sizes=st.lists(st.integers(0, 6), max_size=6), data=st.data())
def test_rows_taken_chunk_by_chunk_are_the_rows_arrow_takes(sizes: list[int], data: st.DataObject) -> None:
    values = [f"v{i}" if i % 5 else None for i in range(sum(sizes))]
    pos = np.cumsum([0, *sizes])
    col = pa.chunked_array([pa.array(values[pos[k]:pos[k + 1]], pa.string()) for k in range(len(sizes))],
                           type=pa.string())
    rows = np.asarray(data.draw(st.lists(st.integers(0, max(len(values) - 1, 0)), max_size=12 if values else 0)),
                      np.int64)
    assert take_rows(col, rows).to_pylist() == [values[i] for i in rows]
    table = pa.table({"a": col, "b": pa.chunked_array([c.cast(pa.large_string()) for c in col.chunks],
                                                      type=pa.large_string())})
    assert take_rows(table, rows).to_pylist() == table.take(pa.array(rows, pa.int64())).to_pylist()


@settings(max_examples=200, deadline=None)
@given(dtype=st.sampled_from(["bool", "int8", "int32", "int64", "uint8", "uint64", "float32", "float64"]),
       data=st.data(), step=st.integers(1, 3))
def test_from_numpy_gives_what_pa_array_gives(dtype: str, data: st.DataObject, step: int) -> None:
    n = data.draw(st.integers(0, 70))  # bitmaps of several bytes, and a ragged last byte
    values = (np.arange(n * step) * 7 % 5).astype(dtype)[::step]  # a strided view: copied into one buffer
    valid = data.draw(st.none() | st.lists(st.booleans(), min_size=n, max_size=n).map(lambda v: np.asarray(v, bool)))
    got = from_numpy(values, valid)
    got.validate(full=True)
    assert got.equals(pa.array(values, mask=None if valid is None else ~valid))
    assert got.null_count == (0 if valid is None else int((~valid).sum()))


def test_from_numpy_refuses_what_is_not_booleans_or_numbers() -> None:
    for bad in (np.array(["a"]), np.zeros((2, 2)), np.array([None], object)):
        with pytest.raises(TypeError, match="booleans or numbers"):
            from_numpy(bad)
    with pytest.raises(ValueError, match=r"^8 validity flags for 9 values$"):  # a short bitmap is never read past
        from_numpy(np.arange(9), np.ones(8, bool))
