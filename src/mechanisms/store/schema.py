"""The store's tables: one per table of the data format, each row a *version* with valid time, and the audit table.

Why versions and not rows: an office asks "who answered for this village on 1 March?" after cadres have
rotated. A row of ``units`` (or any table) is therefore never overwritten: an import that changes it closes
the version in force (``valid_to`` = the import's day) and adds a new one from that day. ``valid_from`` is
inclusive, ``valid_to`` exclusive (``NULL``: still in force), so the versions of one ``row_key`` tile time.

``row_key`` names the row across versions: the unit's or actor's id, a problem's id; an assignment's actor,
role, unit, mechanism and start; an observation's unit, indicator and period; for visits, points and events
(facts with no id) the whole row. A key repeated in one file gets ``#2``, ``#3`` … so nothing is merged.

The migration (:mod:`mechanisms.store.migrations`) creates exactly these tables and, on PostgreSQL, an
exclusion constraint per table (``hashtextextended(row_key, 0) WITH =, daterange(valid_from, valid_to) WITH &&``,
btree_gist) so two
versions of one row can never overlap; SQLite has a unique index on the open version and the import checks
the rest inside its transaction (through that index: the versions an import adds are open). ``snapshots``
(revision 0002) holds a columnar copy of every table for reads; the versioned tables stay the truth. Revision 0003
dropped the ``<table>_key (row_key, valid_from)`` index nothing read through.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from ..io.tables import ALL_TABLES, TableSpec

metadata = sa.MetaData()

SQL_TYPES: Mapping[str, type[sa.types.TypeEngine[Any]]] = {
    "str": sa.Text, "level": sa.Text, "tags": sa.Text, "int": sa.BigInteger, "float": sa.Float, "date": sa.Date}
"""How each kind of column is kept: tags as one text, ``;`` between them (a tag never holds a separator)."""

KEY_FIELDS: Mapping[str, tuple[str, ...]] = {
    "levels": ("key",), "units": ("id",), "actors": ("id",),
    "assignments": ("actor", "role", "unit", "mechanism", "start"),
    "observations": ("unit", "indicator", "period"), "problems": ("id",),
    "visits": ("actor", "unit", "date", "role", "days", "note"),
    "points": ("household", "date", "points", "rule", "note"),
    "events": ("unit", "event", "date", "subject", "task", "note"),
}
"""The fields that name a row across versions; the others are what a new version may change."""

VERSION_COLUMNS = ("row_key", "seq", "valid_from", "valid_to", "import_id", "closed_by")

imports = sa.Table(
    "imports", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("by", sa.Text, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("checksum", sa.Text, nullable=False),
    sa.Column("on_date", sa.Date, nullable=False),
    sa.Column("sync", sa.Boolean, nullable=False),
    sa.Column("counts", sa.Text, nullable=False),
    comment="The audit table: one row per import (who, when, source file and its checksum, counts as JSON).",
)

def import_days(conn: sa.Connection) -> tuple[dt.date | None, dt.date | None]:
    """The day of the store's first import and of its latest (``None``, ``None`` for a store nothing was imported
    into): the import refuses to go back before the latest, a read as DATA before the first."""
    first, latest = conn.execute(sa.select(sa.func.min(imports.c.on_date), sa.func.max(imports.c.on_date))).one()
    return _day(first), _day(latest)


def _day(value: Any) -> dt.date | None:
    return dt.date.fromisoformat(value) if isinstance(value, str) else value


snapshots = sa.Table(
    "snapshots", metadata,
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("part", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False),
    sa.Column("row_count", sa.BigInteger, nullable=False),
    sa.Column("max_row_id", sa.BigInteger),
    sa.Column("data", sa.LargeBinary, nullable=False),
    sa.Column("keys", sa.LargeBinary, nullable=False),
    comment="Every version of each table as Arrow IPC, written by the import that last wrote it (see snapshot.py).",
)
"""Columnar copies of the versioned tables for fast reads (:mod:`mechanisms.store.snapshot`); never the truth."""


def fields(spec: TableSpec) -> tuple[str, ...]:
    """The data columns of ``spec`` in the store (levels keep their order as ``position``)."""
    names = tuple(c.field for c in spec.columns)
    return (*names, "position") if spec.name == "levels" else names


def _kind(spec: TableSpec, field: str) -> str:
    return "int" if field == "position" else next(c.kind for c in spec.columns if c.field == field)


def _versioned(spec: TableSpec) -> sa.Table:
    cols = [sa.Column(f, SQL_TYPES[_kind(spec, f)]()) for f in fields(spec)]
    t = sa.Table(
        spec.name, metadata,
        sa.Column("row_id", sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True, autoincrement=True),
        sa.Column("row_key", sa.Text, nullable=False),
        *cols,
        sa.Column("seq", sa.BigInteger, nullable=False),
        sa.Column("valid_from", sa.Date, nullable=False),
        sa.Column("valid_to", sa.Date),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("closed_by", sa.Integer, sa.ForeignKey("imports.id")),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name=f"{spec.name}_valid_range"),
    )
    sa.Index(f"{spec.name}_open", t.c.row_key, unique=True, sqlite_where=t.c.valid_to.is_(None),
             postgresql_where=t.c.valid_to.is_(None))
    return t


TABLES: Mapping[str, sa.Table] = {spec.name: _versioned(spec) for spec in ALL_TABLES}
SPECS: Mapping[str, TableSpec] = {spec.name: spec for spec in ALL_TABLES}
KIND: Mapping[str, Mapping[str, str]] = {s.name: {f: _kind(s, f) for f in fields(s)} for s in ALL_TABLES}

__all__ = ["KEY_FIELDS", "KIND", "SPECS", "TABLES", "VERSION_COLUMNS", "fields", "import_days", "imports", "metadata",
           "snapshots"]
