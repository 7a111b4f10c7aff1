"""``db init`` and ``db upgrade``: Alembic, run on our own connection, with the scripts shipped in the package.

Every other store command only asks whether the database is a store at the newest schema (:func:`require_current`):
that is one row of Alembic's ``alembic_version`` table against :data:`HEAD`, read without importing Alembic —
a sixth of a second that every ``coverage sqlite:///…`` paid to load it and parse the migration scripts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import sqlalchemy as sa

from ..errors import UsageError
from .urls import make_engine

if TYPE_CHECKING:
    from alembic.config import Config

HEAD = "0003"
"""The newest migration's revision (tests/test_store_checks.py holds it to the scripts' own head)."""


def _config(conn: sa.Connection | None = None) -> Config:
    """Alembic's configuration: the scripts shipped in the package, run on ``conn`` where one is given."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", "mechanisms.store:migrations")
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def script_head() -> str:
    """The newest revision among the migration scripts shipped in the package, as Alembic reads them."""
    from alembic.script import ScriptDirectory

    rev = ScriptDirectory.from_config(_config()).get_current_head()
    assert rev is not None
    return rev


def current(engine: sa.Engine) -> str | None:
    """The store's schema revision (what Alembic's ``alembic_version`` holds); ``None`` for a database that is not
    a store (yet)."""
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("alembic_version"):
            return None
        revs = sorted(str(r) for r in conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalars())
    return ",".join(revs) or None


def upgrade(url: str, *, create: bool = False) -> tuple[str | None, str]:
    """Bring the store at ``url`` to the newest schema; (revision before, revision after). ``create``: a SQLite
    file that does not exist yet is made (as :func:`init` does), else refused."""
    from alembic import command

    engine = make_engine(url, create=create)
    before = current(engine)
    with engine.begin() as conn:
        command.upgrade(_config(conn), "head")
    engine.dispose()
    return before, HEAD


def init(url: str) -> str:
    """Create the store's tables in an empty database; refuses a database that already is a store."""
    engine = make_engine(url, create=True)
    rev = current(engine)
    if rev is not None:
        raise UsageError(f"{url} is already a store (schema {rev}); `mechanisms db upgrade {url}` brings it up to date",
                         zh=f"{url} 已经是存储（结构版本 {rev}）；`mechanisms db upgrade {url}` 可将其升级到最新")
    if sa.inspect(engine).get_table_names():
        raise UsageError(f"{url} already holds tables that are not a store's: give an empty database",
                         zh=f"{url} 中已有不属于存储的表：请给一个空数据库")
    engine.dispose()
    return upgrade(url, create=True)[1]


def require_current(engine: sa.Engine, url: str) -> None:
    """Refuse to read or write a database that is not a store at the newest schema (say what to run)."""
    rev = current(engine)
    if rev is None:
        raise UsageError(f"{url} is not a store yet: run `mechanisms db init {url}`",
                         zh=f"{url} 还不是存储：请先运行 `mechanisms db init {url}`")
    if rev != HEAD:
        raise UsageError(f"{url} has schema {rev}, this version needs {HEAD}: run `mechanisms db upgrade {url}`",
                         zh=f"{url} 的结构版本是 {rev}，本版本需要 {HEAD}：请运行 `mechanisms db upgrade {url}`")
