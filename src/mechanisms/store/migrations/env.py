"""Alembic's environment for the store: always run on the connection :mod:`mechanisms.store.migrate` hands over."""

from __future__ import annotations

from alembic import context

from mechanisms.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
