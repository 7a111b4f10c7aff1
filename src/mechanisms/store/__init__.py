"""The county store: SQLite (embedded default) or PostgreSQL (shared), with valid time and an audit of imports.

Import it and a store URL becomes DATA like any other: :func:`~mechanisms.io.columns.read_columns` (and so
``load_county`` and every command) reads ``sqlite:///county.db`` or ``postgresql://…`` through
:func:`read_store`. Nothing heavy (SQLAlchemy, pyarrow) is imported until a store is used.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..io.sources import register_reader

if TYPE_CHECKING:
    from ..io.columns import ColumnarCounty
    from ..model.labels import Lang
    from ..model.levels import Level
    from .read import Version
    from .report import ImportReport


def _data(url: str, on: dt.date | None) -> ColumnarCounty:
    """A store URL given as a command's DATA: refused when nothing was imported by ``on`` (see ``read_store``)."""
    from .read import read_store

    return read_store(url, on, require_records=True)


register_reader(_data)


def init(url: str) -> str:
    """Create the store's schema in an empty database (Alembic, to the newest revision)."""
    from .migrate import init as run

    return run(url)


def upgrade(url: str) -> tuple[str | None, str]:
    """Migrate the store to the newest schema; (revision before, after)."""
    from .migrate import upgrade as run

    return run(url)


def import_county(url: str, source: str | Path, **options: Any) -> ImportReport:
    """Import ``source`` into the store (see :func:`mechanisms.store.importer.import_county`)."""
    from .importer import import_county as run

    return run(url, source, **options)


def read_store(url: str, on: dt.date | None = None) -> ColumnarCounty:
    """The county as of ``on`` as columns (``.to_county()`` for records; empty before the first import)."""
    from .read import read_store as run

    return run(url, on)


def export_store(url: str, dest: str | Path, *, on: dt.date | None = None, overwrite: bool = False,
                 headers: Lang | None = None, require_records: bool = False) -> Path:
    """Write the county as of ``on`` to ``dest`` (a folder of CSV, .xlsx, .json, .yaml); ``headers`` (``zh`` or
    ``en``, default ``en``) is the language of its sheet names and headers. ``require_records``: refuse a day
    before the first import instead of writing empty tables (``db export`` does)."""
    from .read import export_store as run

    return run(url, dest, on=on, overwrite=overwrite, headers=headers, require_records=require_records)


def history(url: str, *, unit: str | None = None, actor: str | None = None) -> list[Version]:
    """Every version of a unit or actor, and of the assignments naming it."""
    from .read import history as run

    return run(url, unit=unit, actor=actor)


def levels(url: str) -> tuple[Level, ...]:
    """The store's levels, named as its latest import names them (the default five before any import)."""
    from .read import levels as run

    return run(url)


__all__ = ["export_store", "history", "import_county", "init", "levels", "read_store", "upgrade"]
