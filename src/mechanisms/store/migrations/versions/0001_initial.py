"""The first schema of the store: the nine tables of the data format as versions with valid time, and the audit table.

Written out column by column (not built from :mod:`mechanisms.store.schema`), so it stays what it was when the
schema moves on; tests/test_store_checks.py checks that the migrated database matches the schema module.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

OPEN: dict[str, Any] = {"sqlite_where": sa.text("valid_to IS NULL"), "postgresql_where": sa.text("valid_to IS NULL")}
"""The open version of a row (valid_to NULL) is unique: the one index SQLite can hold against overlaps."""
VERSIONED = ("levels", "units", "actors", "assignments", "observations", "visits", "problems", "points", "events")


def upgrade() -> None:
    op.create_table(
        "imports",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("by", sa.Text(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("checksum", sa.Text(), nullable=False),
        sa.Column("on_date", sa.Date(), nullable=False),
        sa.Column("sync", sa.Boolean(), nullable=False),
        sa.Column("counts", sa.Text(), nullable=False),
        comment="The audit table: one row per import (who, when, source file and its checksum, counts as JSON).",
    )
    op.create_table(
        "actors",
        sa.Column("row_id", sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True, autoincrement=True),
        sa.Column("row_key", sa.Text(), nullable=False),
        sa.Column("id", sa.Text()),
        sa.Column("name", sa.Text()),
        sa.Column("kind", sa.Text()),
        sa.Column("tags", sa.Text()),
        sa.Column("unit", sa.Text()),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date()),
        sa.Column("import_id", sa.Integer(), sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("closed_by", sa.Integer(), sa.ForeignKey("imports.id")),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="actors_valid_range"),
    )
    op.create_index("actors_key", "actors", ["row_key", "valid_from"])
    op.create_index("actors_open", "actors", ["row_key"], unique=True, **OPEN)
    op.create_table(
        "assignments",
        sa.Column("row_id", sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True, autoincrement=True),
        sa.Column("row_key", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text()),
        sa.Column("role", sa.Text()),
        sa.Column("unit", sa.Text()),
        sa.Column("start", sa.Date()),
        sa.Column("end", sa.Date()),
        sa.Column("households", sa.BigInteger()),
        sa.Column("mechanism", sa.Text()),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date()),
        sa.Column("import_id", sa.Integer(), sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("closed_by", sa.Integer(), sa.ForeignKey("imports.id")),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="assignments_valid_range"),
    )
    op.create_index("assignments_key", "assignments", ["row_key", "valid_from"])
    op.create_index("assignments_open", "assignments", ["row_key"], unique=True, **OPEN)
    op.create_table(
        "events",
        sa.Column("row_id", sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True, autoincrement=True),
        sa.Column("row_key", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text()),
        sa.Column("event", sa.Text()),
        sa.Column("date", sa.Date()),
        sa.Column("subject", sa.Text()),
        sa.Column("task", sa.Text()),
        sa.Column("note", sa.Text()),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date()),
        sa.Column("import_id", sa.Integer(), sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("closed_by", sa.Integer(), sa.ForeignKey("imports.id")),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="events_valid_range"),
    )
    op.create_index("events_key", "events", ["row_key", "valid_from"])
    op.create_index("events_open", "events", ["row_key"], unique=True, **OPEN)
    op.create_table(
        "levels",
        sa.Column("row_id", sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True, autoincrement=True),
        sa.Column("row_key", sa.Text(), nullable=False),
        sa.Column("key", sa.Text()),
        sa.Column("zh", sa.Text()),
        sa.Column("en", sa.Text()),
        sa.Column("position", sa.BigInteger()),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date()),
        sa.Column("import_id", sa.Integer(), sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("closed_by", sa.Integer(), sa.ForeignKey("imports.id")),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="levels_valid_range"),
    )
    op.create_index("levels_key", "levels", ["row_key", "valid_from"])
    op.create_index("levels_open", "levels", ["row_key"], unique=True, **OPEN)
    op.create_table(
        "observations",
        sa.Column("row_id", sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True, autoincrement=True),
        sa.Column("row_key", sa.Text(), nullable=False),
        sa.Column("unit", sa.Text()),
        sa.Column("indicator", sa.Text()),
        sa.Column("period", sa.Text()),
        sa.Column("value", sa.Float()),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date()),
        sa.Column("import_id", sa.Integer(), sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("closed_by", sa.Integer(), sa.ForeignKey("imports.id")),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="observations_valid_range"),
    )
    op.create_index("observations_key", "observations", ["row_key", "valid_from"])
    op.create_index("observations_open", "observations", ["row_key"], unique=True, **OPEN)
    op.create_table(
        "points",
        sa.Column("row_id", sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True, autoincrement=True),
        sa.Column("row_key", sa.Text(), nullable=False),
        sa.Column("household", sa.Text()),
        sa.Column("date", sa.Date()),
        sa.Column("points", sa.BigInteger()),
        sa.Column("rule", sa.Text()),
        sa.Column("note", sa.Text()),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date()),
        sa.Column("import_id", sa.Integer(), sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("closed_by", sa.Integer(), sa.ForeignKey("imports.id")),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="points_valid_range"),
    )
    op.create_index("points_key", "points", ["row_key", "valid_from"])
    op.create_index("points_open", "points", ["row_key"], unique=True, **OPEN)
    op.create_table(
        "problems",
        sa.Column("row_id", sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True, autoincrement=True),
        sa.Column("row_key", sa.Text(), nullable=False),
        sa.Column("id", sa.Text()),
        sa.Column("unit", sa.Text()),
        sa.Column("found", sa.Date()),
        sa.Column("description", sa.Text()),
        sa.Column("assigned_to", sa.Text()),
        sa.Column("deadline", sa.Date()),
        sa.Column("closed", sa.Date()),
        sa.Column("category", sa.Text()),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date()),
        sa.Column("import_id", sa.Integer(), sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("closed_by", sa.Integer(), sa.ForeignKey("imports.id")),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="problems_valid_range"),
    )
    op.create_index("problems_key", "problems", ["row_key", "valid_from"])
    op.create_index("problems_open", "problems", ["row_key"], unique=True, **OPEN)
    op.create_table(
        "units",
        sa.Column("row_id", sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True, autoincrement=True),
        sa.Column("row_key", sa.Text(), nullable=False),
        sa.Column("id", sa.Text()),
        sa.Column("name", sa.Text()),
        sa.Column("level", sa.Text()),
        sa.Column("parent", sa.Text()),
        sa.Column("tags", sa.Text()),
        sa.Column("households", sa.BigInteger()),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date()),
        sa.Column("import_id", sa.Integer(), sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("closed_by", sa.Integer(), sa.ForeignKey("imports.id")),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="units_valid_range"),
    )
    op.create_index("units_key", "units", ["row_key", "valid_from"])
    op.create_index("units_open", "units", ["row_key"], unique=True, **OPEN)
    op.create_table(
        "visits",
        sa.Column("row_id", sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), primary_key=True, autoincrement=True),
        sa.Column("row_key", sa.Text(), nullable=False),
        sa.Column("actor", sa.Text()),
        sa.Column("unit", sa.Text()),
        sa.Column("date", sa.Date()),
        sa.Column("role", sa.Text()),
        sa.Column("days", sa.Float()),
        sa.Column("note", sa.Text()),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date()),
        sa.Column("import_id", sa.Integer(), sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("closed_by", sa.Integer(), sa.ForeignKey("imports.id")),
        sa.CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="visits_valid_range"),
    )
    op.create_index("visits_key", "visits", ["row_key", "valid_from"])
    op.create_index("visits_open", "visits", ["row_key"], unique=True, **OPEN)
    if op.get_bind().dialect.name == "postgresql":
        # two versions of one row never overlap in time, whoever writes them. The key is compared by its 64-bit
        # hash: btree_gist on text made COPY ~4x slower; a collision can only refuse an import, never let one overlap
        op.execute("CREATE EXTENSION IF NOT EXISTS btree_gist")
        for name in VERSIONED:
            op.execute(f"ALTER TABLE {name} ADD CONSTRAINT {name}_no_overlap EXCLUDE USING gist "
                       "(hashtextextended(row_key, 0) WITH =, daterange(valid_from, valid_to, '[)') WITH &&)")


def downgrade() -> None:
    for name in VERSIONED:
        op.drop_table(name)
    op.drop_table("imports")
