"""Kernels that replaced a Python loop over rows give what the loop gave, row for row, on awkward lists."""

from __future__ import annotations

from typing import Any

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from mechanisms.io.colparse import add_tag


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
