"""``db init`` and ``db upgrade``: Alembic, run on our own connection, with the scripts shipped in the package."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from ..errors import UsageError
from .urls import make_engine


def _config(conn: sa.Connection) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "mechanisms.store:migrations")
    cfg.attributes["connection"] = conn
    return cfg


def head() -> str:
    cfg = Config()
    cfg.set_main_option("script_location", "mechanisms.store:migrations")
    rev = ScriptDirectory.from_config(cfg).get_current_head()
    assert rev is not None
    return rev


def current(engine: sa.Engine) -> str | None:
    """The store's schema revision; ``None`` for a database that is not a store (yet)."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(url: str) -> tuple[str | None, str]:
    """Bring the store at ``url`` to the newest schema; (revision before, revision after)."""
    engine = make_engine(url)
    before = current(engine)
    with engine.begin() as conn:
        command.upgrade(_config(conn), "head")
    engine.dispose()
    return before, head()


def init(url: str) -> str:
    """Create the store's tables in an empty database; refuses a database that already is a store."""
    engine = make_engine(url)
    rev = current(engine)
    if rev is not None:
        raise UsageError(f"{url} is already a store (schema {rev}); `mechanisms db upgrade {url}` brings it up to date")
    if sa.inspect(engine).get_table_names():
        raise UsageError(f"{url} already holds tables that are not a store's: give an empty database")
    engine.dispose()
    return upgrade(url)[1]


def require_current(engine: sa.Engine, url: str) -> None:
    """Refuse to read or write a database that is not a store at the newest schema (say what to run)."""
    rev = current(engine)
    if rev is None:
        raise UsageError(f"{url} is not a store yet: run `mechanisms db init {url}`")
    if rev != head():
        raise UsageError(f"{url} has schema {rev}, this version needs {head()}: run `mechanisms db upgrade {url}`")
