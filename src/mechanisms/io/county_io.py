"""Read a county dataset in every supported format (writing lives in :mod:`mechanisms.io.county_write`).

Formats: a folder of CSV files (UTF-8 with or without BOM, or GBK/GB18030), a folder of
Parquet files, one .xlsx workbook with a sheet per table, one JSON or YAML document. The name
``demo`` loads the built-in demo county. Tables are read into Arrow columns
(:mod:`mechanisms.io.columns`) and every problem is collected before raising.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from ..errors import UsageError
from .tables import ALL_TABLES, TABLES

if TYPE_CHECKING:
    from ..county.records import County
    from ..model.mechanism import Mechanism
    from .county_write import check_county_output, write_county  # the write side: folders swapped in whole
else:
    def __getattr__(name: str) -> Any:
        """The write side, re-exported here, is imported when first used: reading (``validate``) writes nothing,
        and the writers bring YAML, cattrs and openpyxl (issue 14, a fast start)."""
        if name in ("check_county_output", "write_county"):
            from . import county_write

            return getattr(county_write, name)
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

CountyFormat = Literal["csv", "xlsx", "json", "yaml", "parquet"]


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
        raise UsageError(f"{path}: give the folder that holds units.csv, actors.csv and assignments.csv, not one CSV file",
                         zh=f"{path}：请给出存放 units.csv、actors.csv 和 assignments.csv 的文件夹，而不是其中一个 CSV 文件")
    raise UsageError(f"{path}: unknown county data format (a folder of CSV files, .xlsx, .json, .yaml)",
                     zh=f"{path}：无法识别的县级数据格式（可用：CSV 文件夹、.xlsx、.json、.yaml）")


def load_county(source: str | Path, *, strict: bool = False, mechanism: Mechanism | None = None) -> County:
    """Load a county from ``source`` (a path, or ``demo``); raises :class:`DataError` listing every problem.

    The tables are read into columns (:func:`~mechanisms.io.columns.read_columns`) and made
    into records; problems of the county's structure are :func:`validate_county`'s to find.
    Extra columns are kept in ``county.origin.extras`` (with ``strict`` they are errors).
    With ``mechanism``, role titles and indicator names as it writes them (县级领导包乡镇, 整治完成率) are read
    as its keys, as the columnar path reads them (:meth:`~mechanisms.io.columns.ColumnarCounty.for_mechanism`):
    a ledger filled in from the Chinese template counts the same as one written with keys.
    """
    if str(source) == "demo":
        from .demo import demo_county

        return demo_county()
    from .columns import read_columns

    columns, log = read_columns(source, strict=strict)
    log.raise_if_errors()
    return (columns.for_mechanism(mechanism) if mechanism is not None else columns).to_county()


__all__ = ["ALL_TABLES", "TABLES", "CountyFormat", "check_county_output", "detect_format", "load_county",
           "write_county"]
