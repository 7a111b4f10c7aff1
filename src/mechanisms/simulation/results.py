"""Tidy result tables and their summaries, written as CSV or Parquet without pandas.

Why a small table class of our own: results are one row per run × period × metric
(columns ``run, period, metric, role, value``, plus one column per swept parameter), which a
handful of numpy columns hold exactly; pandas is not a dependency of the library, and
``Table.to_pandas()`` hands over to it where it is installed. CSV goes through the
``csv`` module, Parquet through pyarrow (the ``parquet`` extra).

Summaries give, per group (parameters × period × metric × role), the number of runs, the
mean, the sample standard deviation and a two-sided 95 % confidence interval for the mean
from Student's t distribution with n − 1 degrees of freedom (exact table up to 30, a
Cornish–Fisher expansion beyond, accurate to 1e-6).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import numpy as np

from ..errors import UsageError
from ..io.atomic import atomic_path, write_text
from ..model.labels import _

TIDY_COLUMNS = ("run", "period", "metric", "role", "value")
SUMMARY_COLUMNS = ("n", "mean", "std", "ci_low", "ci_high")

_T975 = (12.7062047, 4.3026527, 3.1824463, 2.7764451, 2.5705818, 2.4469119, 2.3646243, 2.3060041, 2.2621572, 2.2281389,
         2.2009852, 2.1788128, 2.1603687, 2.1447867, 2.1314495, 2.1199053, 2.1098156, 2.1009220, 2.0930241, 2.0859634,
         2.0796138, 2.0738731, 2.0686576, 2.0638986, 2.0595386, 2.0555294, 2.0518305, 2.0484071, 2.0452296, 2.0422725)
_Z975 = 1.959963984540054


def t975(df: int) -> float:
    """The 97.5 % quantile of Student's t with ``df`` degrees of freedom (the half-width factor of a 95 % CI)."""
    if df < 1:
        return math.nan
    if df <= len(_T975):
        return _T975[df - 1]
    z, n = _Z975, float(df)
    return (z + (z**3 + z) / (4 * n) + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * n**2)
            + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * n**3)
            + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / (92160 * n**4))


def _column(values: Any) -> np.ndarray:
    arr = np.asarray(values)
    if arr.dtype.kind == "O":
        arr = arr.astype(str)
    return arr


def _columns(c: Any) -> dict[str, np.ndarray]:
    return {k: _column(v) for k, v in dict(c).items()}


@attrs.frozen(eq=False)
class Table:
    """Named columns of equal length (numpy arrays): a tidy result table or a summary."""

    columns: dict[str, np.ndarray] = attrs.field(converter=_columns)

    def __attrs_post_init__(self) -> None:
        lengths = {len(v) for v in self.columns.values()}
        if len(lengths) > 1:
            raise ValueError(f"columns of different lengths: { {k: len(v) for k, v in self.columns.items()} }")

    @classmethod
    def from_rows(cls, rows: Sequence[Mapping[str, Any]], names: Sequence[str]) -> Table:
        return cls({n: [r[n] for r in rows] for n in names})

    @classmethod
    def concat(cls, tables: Iterable[Table]) -> Table:
        tables = [t for t in tables]
        if not tables:
            return cls({n: np.zeros(0) for n in TIDY_COLUMNS})
        names = tables[0].names
        for t in tables[1:]:
            if t.names != names:
                raise ValueError(f"cannot join tables with columns {names} and {t.names}")
        return cls({n: np.concatenate([t.columns[n] for t in tables]) for n in names})

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.columns)

    def __len__(self) -> int:
        return len(next(iter(self.columns.values()))) if self.columns else 0

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]

    def equals(self, other: Table) -> bool:
        """Same columns in the same order with the same values (NaN equal to NaN)."""
        if self.names != other.names or len(self) != len(other):
            return False
        for n in self.names:
            a, b = self.columns[n], other.columns[n]
            if a.dtype.kind == "f" or b.dtype.kind == "f":
                if not np.array_equal(a.astype(float), b.astype(float), equal_nan=True):
                    return False
            elif not np.array_equal(a, b):
                return False
        return True

    def where(self, **equal: Any) -> Table:
        """The rows whose columns equal the given values: ``table.where(metric="coverage", period="all")``."""
        keep = np.ones(len(self), dtype=bool)
        for name, value in equal.items():
            keep &= self.columns[name] == value
        return Table({n: c[keep] for n, c in self.columns.items()})

    def with_columns(self, first: Mapping[str, Any]) -> Table:
        """The table with constant columns put in front (a sweep's parameter values)."""
        n = len(self)
        cols = {k: np.full(n, v) if not isinstance(v, str) else np.full(n, v, dtype=f"<U{max(len(v), 1)}")
                for k, v in first.items()}
        cols.update(self.columns)
        return Table(cols)

    def rows(self) -> Iterator[dict[str, Any]]:
        cols = [(n, c.tolist()) for n, c in self.columns.items()]
        for i in range(len(self)):
            yield {n: c[i] for n, c in cols}

    # ---- writing

    def to_csv_text(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(self.names)
        for row in zip(*(c.tolist() for c in self.columns.values()), strict=True):
            w.writerow(["" if isinstance(v, float) and math.isnan(v) else repr(v) if isinstance(v, float) else v
                        for v in row])
        return buf.getvalue()

    def to_arrow(self) -> Any:
        try:
            import pyarrow as pa
        except ImportError:
            raise UsageError(_("writing Parquet needs pyarrow: pip install 'mechanisms[parquet]'")) from None
        return pa.table({n: pa.array(c.tolist()) for n, c in self.columns.items()})

    def write(self, path: str | Path, *, fmt: str | None = None, overwrite: bool = False) -> Path:
        """Write as CSV or Parquet (by ``fmt`` or the file's suffix); refuses to replace a file unless ``overwrite``."""
        path = Path(path)
        fmt = fmt or {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}.get(path.suffix.lower())
        if fmt == "csv":
            write_text(path, self.to_csv_text(), overwrite=overwrite)
        elif fmt == "parquet":
            import pyarrow.parquet as pq

            table = self.to_arrow()
            with atomic_path(path, overwrite=overwrite) as tmp:
                pq.write_table(table, tmp)
        else:
            raise UsageError(_("{path}: write results as .csv or .parquet").format(path=path))
        return path

    def to_pandas(self) -> Any:
        """A pandas DataFrame, where pandas is installed (it is not a dependency)."""
        import pandas as pd

        return pd.DataFrame({n: c for n, c in self.columns.items()})


def read_table(path: str | Path) -> Table:
    """Read back a table written by :meth:`Table.write` (CSV values come back as text, numbers as floats)."""
    path = Path(path)
    if path.suffix.lower() in (".parquet", ".pq"):
        import pyarrow.parquet as pq

        t = pq.read_table(path)
        return Table({n: np.asarray(t.column(n).to_pylist()) for n in t.column_names})
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = list(reader)
    cols: dict[str, Any] = {}
    for i, name in enumerate(header):
        values = [r[i] for r in rows]
        try:
            cols[name] = np.array([float(v) if v != "" else math.nan for v in values])
            if name == "run":
                cols[name] = cols[name].astype(np.int64)
        except ValueError:
            cols[name] = np.array(values)
    return Table(cols)


def summarize(table: Table, *, by: Sequence[str] | None = None) -> Table:
    """Mean, standard deviation and 95 % t confidence interval of ``value`` over runs, per group.

    Groups are every column but ``run`` and ``value`` (parameters, period, metric, role)
    unless ``by`` names them; they keep the order in which they first appear.
    """
    keys = list(by) if by is not None else [n for n in table.names if n not in ("run", "value")]
    n_rows = len(table)
    if n_rows == 0:
        return Table({**{k: np.zeros(0, dtype=table[k].dtype) for k in keys},
                      **{c: np.zeros(0) for c in SUMMARY_COLUMNS}})
    code = np.zeros(n_rows, dtype=np.int64)
    for k in keys:
        _, inv = np.unique(table[k], return_inverse=True)
        code = code * (int(inv.max()) + 1) + inv.ravel()
        _, code = np.unique(code, return_inverse=True)
        code = code.ravel()
    _, first, group = np.unique(code, return_index=True, return_inverse=True)
    group = group.ravel()
    order_groups = np.argsort(first, kind="stable")
    rank = np.empty_like(order_groups)
    rank[order_groups] = np.arange(len(order_groups))
    group = rank[group]
    first = first[order_groups]
    n_groups = len(first)
    v = table["value"].astype(np.float64)
    n = np.bincount(group, minlength=n_groups).astype(np.int64)
    # shifted by each group's first value: exact for constant groups (std 0, not rounding noise), and stable
    shift = v[first]
    x = v - shift[group]
    mean_x = np.bincount(group, weights=x, minlength=n_groups) / n
    mean = shift + mean_x
    dev = x - mean_x[group]
    with np.errstate(invalid="ignore", divide="ignore"):
        var = np.bincount(group, weights=dev * dev, minlength=n_groups) / (n - 1)
        std = np.where(n > 1, np.sqrt(np.maximum(var, 0.0)), np.nan)
        half = np.array([t975(int(k) - 1) for k in n]) * std / np.sqrt(n)
    out: dict[str, Any] = {k: table[k][first] for k in keys}
    out.update(n=n, mean=mean, std=std, ci_low=mean - half, ci_high=mean + half)
    return Table(out)
