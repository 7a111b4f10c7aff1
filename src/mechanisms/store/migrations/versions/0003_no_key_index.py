"""Drop the ``<table>_key (row_key, valid_from)`` index of every versioned table: nothing reads through it.

Why: the index was made for the import's overlap check on SQLite, which looks up the versions an import adds by
their key; those are open versions (``valid_to IS NULL``), which the unique ``<table>_open`` index already finds
(the check says so, and takes that index). No read asks for a key's versions in time order (history and
``--on`` filter other columns or read the snapshot), and PostgreSQL's exclusion constraint carries its own GiST
index. What it cost: a quarter of a store's size (80 of 352 MB for a 1M-household county) and a sort of every
table on each big load — about a tenth of the import's time.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

VERSIONED = ("levels", "units", "actors", "assignments", "observations", "visits", "problems", "points", "events")


def upgrade() -> None:
    for table in VERSIONED:
        op.drop_index(f"{table}_key", table_name=table)


def downgrade() -> None:
    for table in VERSIONED:
        op.create_index(f"{table}_key", table, ["row_key", "valid_from"])
