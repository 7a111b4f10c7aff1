"""Columnar snapshots: every version of each table as Arrow IPC, written by the import (see store/snapshot.py).

A store made at 0001 upgrades with an empty ``snapshots`` table: reads go through SQL until its next import
writes the first snapshot. On PostgreSQL the blob is kept uncompressed out of line (``STORAGE EXTERNAL``): it is
zstd already, and pglz over tens of megabytes would cost more than the read it saves.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "snapshots",
        sa.Column("name", sa.Text(), primary_key=True),
        sa.Column("part", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("import_id", sa.Integer(), sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("row_count", sa.BigInteger(), nullable=False),
        sa.Column("max_row_id", sa.BigInteger()),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("keys", sa.LargeBinary(), nullable=False),
        comment="Every version of each table as Arrow IPC, written by the import that last wrote it (see snapshot.py).",
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER TABLE snapshots ALTER COLUMN data SET STORAGE EXTERNAL")
        op.execute("ALTER TABLE snapshots ALTER COLUMN keys SET STORAGE EXTERNAL")


def downgrade() -> None:
    op.drop_table("snapshots")
