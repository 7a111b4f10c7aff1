"""The row each record was written on, without an array of them where they are plain consecutive numbers.

Why: a table read from a file keeps, per record, the spreadsheet row it came from, so every problem can name it.
Nearly always those rows are ``first, first + 1, …``: a CSV's rows 2, 3, …, a Parquet file's 1, 2, …. An array of
them is 8 bytes a record that no check reads unless a record is wrong. For a ten-million-household province that
was two arrays of 80 MB, written out, copied once more when blank rows were dropped, and held to the end: on a
virtual machine every first touch of a page is a fault. :class:`RowNumbers` stands for them and answers what the
checks ask (the rows of the records a mask or an index picks) by arithmetic.
"""

from __future__ import annotations

from typing import Any

import numpy as np


class RowNumbers:
    """The rows ``first, first + 1, …, first + n - 1``, indexed as the int64 array they stand for."""

    __slots__ = ("first", "n")

    def __init__(self, first: int, n: int) -> None:
        self.first = int(first)
        self.n = int(n)

    def __len__(self) -> int:
        return self.n

    def __repr__(self) -> str:
        return f"RowNumbers(first={self.first}, n={self.n})"

    def __array__(self, dtype: Any = None, copy: Any = None) -> np.ndarray:
        out = np.arange(self.first, self.first + self.n, dtype=np.int64)
        return out if dtype is None else out.astype(dtype)

    def __getitem__(self, key: Any) -> Any:
        """As ``np.arange(first, first + n)[key]``: an int gives an int, a slice more row numbers, a mask or an
        index the rows they pick (an int64 array); an index out of range raises IndexError as numpy does."""
        if isinstance(key, slice):
            start, stop, step = key.indices(self.n)
            if step == 1:
                return RowNumbers(self.first + start, max(0, stop - start))
            return np.arange(self.first + start, self.first + stop, step, dtype=np.int64)
        if isinstance(key, (int, np.integer)):
            i = int(key)
            if not -self.n <= i < self.n:
                raise IndexError(f"row index {i} is out of range for {self.n} rows")
            return self.first + (i % self.n)
        idx = np.asarray(key)
        if idx.dtype == bool:
            if idx.shape != (self.n,):
                raise IndexError(f"a mask of {idx.shape} for {self.n} rows")
            return np.flatnonzero(idx).astype(np.int64) + self.first
        idx = idx.astype(np.int64, copy=False)
        if idx.size and (int(idx.min()) < -self.n or int(idx.max()) >= self.n):
            raise IndexError(f"row index out of range for {self.n} rows")
        return np.where(idx < 0, idx + self.n, idx) + self.first

    def tolist(self) -> list[int]:
        return list(range(self.first, self.first + self.n))


Rows = np.ndarray | RowNumbers
"""Rows as a table keeps them: consecutive (:class:`RowNumbers`) or any (an int64 array)."""
