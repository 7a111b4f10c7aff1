"""Alembic migrations of the store, shipped in the package (``script_location = mechanisms.store:migrations``)."""
