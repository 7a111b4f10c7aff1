"""RowNumbers answers every question the checks ask exactly as the array of row numbers it stands for."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mechanisms.io.row_numbers import RowNumbers


@st.composite
def rows_and_key(draw: st.DrawFn) -> tuple[RowNumbers, np.ndarray, Any]:
    first, n = draw(st.integers(0, 5)), draw(st.integers(0, 40))
    whole = np.arange(first, first + n, dtype=np.int64)
    kind = draw(st.sampled_from(["mask", "index", "list", "int", "slice"]))
    if kind == "mask":
        key: Any = np.array(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)
    elif kind in ("index", "list") and n:
        picks = draw(st.lists(st.integers(-n, n - 1), max_size=12))
        key = np.array(picks, dtype=np.int64) if kind == "index" else picks
    elif kind == "int" and n:
        key = draw(st.integers(-n, n - 1))
    else:
        key = slice(draw(st.none() | st.integers(-n - 2, n + 2)), draw(st.none() | st.integers(-n - 2, n + 2)),
                    draw(st.none() | st.integers(1, 3)))
    return RowNumbers(first, n), whole, key


@given(rows_and_key())
def test_indexing_is_the_arrays(case: tuple[RowNumbers, np.ndarray, Any]) -> None:
    rows, whole, key = case
    got, want = rows[key], whole[key]
    assert np.array_equal(np.asarray(got), want)
    if isinstance(want, np.ndarray):
        assert len(got) == len(want)
        assert np.asarray(got).dtype == np.int64
    assert len(rows) == len(whole)
    assert rows.tolist() == whole.tolist()
    assert np.array_equal(np.asarray(rows), whole)


def test_out_of_range_is_an_error_as_for_the_array() -> None:
    rows = RowNumbers(2, 3)
    for key in (3, -4, [0, 3], np.array([-4])):
        with pytest.raises(IndexError):
            rows[key]
        with pytest.raises(IndexError):
            np.arange(2, 5)[key]
    with pytest.raises(IndexError):
        rows[np.array([True, False])]  # a mask of the wrong length
