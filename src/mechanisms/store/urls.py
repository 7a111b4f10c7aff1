"""A store URL to a SQLAlchemy engine: psycopg 3 for PostgreSQL, WAL and a busy timeout for SQLite.

Why these settings: a county office's SQLite file is read (coverage, exports) while an import writes; in WAL
mode readers never wait for the writer and never see half an import, and a second writer waits up to
``BUSY_MS`` instead of failing at once. ``postgresql://`` means psycopg 3 here (SQLAlchemy would pick psycopg2).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from ..errors import UsageError

BUSY_MS = 60_000


def engine_url(url: str) -> str:
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    if not url.startswith(("sqlite:", "postgresql+psycopg:")):
        raise UsageError(f"{url}: a store URL is sqlite:///FILE or postgresql://USER@HOST:PORT/DB",
                         zh=f"{url}：存储地址应为 sqlite:///文件 或 postgresql://用户@主机:端口/数据库")
    return url


SORT_THREADS = min(4, os.cpu_count() or 1)
"""Helper threads SQLite's sorter may use (``PRAGMA threads``; 0 by default): a big load builds its indexes again
after the rows (store/bulk.py), and each build is one sort of the table (a 1M-household import took 7.0–7.5 s
with it and 7.9 s without, in one comparison on two cores)."""


def is_postgres(engine: sa.Engine) -> bool:
    return engine.dialect.name == "postgresql"


def make_engine(url: str, *, create: bool = False) -> sa.Engine:
    """An engine for ``url``; SQLite connections open in WAL mode with a busy timeout, transactions begun by us.

    A SQLite file that does not exist is refused unless ``create`` (``db init``): SQLite would make an empty one
    on the first connection, so a mistyped path given to ``coverage`` or ``db import`` would leave a stray file
    behind and then say it is not a store."""
    full = engine_url(url)
    if full.startswith("sqlite"):
        path = sa.engine.make_url(full).database
        if not create and path and path != ":memory:" and not path.startswith("file:") and not Path(path).exists():
            raise UsageError(f"{url}: no such file (`mechanisms db init {url}` makes a new store)",
                             zh=f"{url}：文件不存在（`mechanisms db init {url}` 可新建存储）")
        engine = sa.create_engine(full, connect_args={"timeout": BUSY_MS / 1000, "isolation_level": None},
                                  poolclass=sa.pool.NullPool)

        @sa.event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cur = dbapi_conn.cursor()
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute(f"PRAGMA busy_timeout={BUSY_MS}")
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.execute(f"PRAGMA threads={SORT_THREADS}")
            cur.close()

        @sa.event.listens_for(engine, "begin")
        def _begin(conn: sa.Connection) -> None:
            # the driver's own BEGIN is off (isolation_level=None): take the write lock up front, so two
            # importers queue instead of both reading, then one failing to write (or losing the other's rows)
            conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.info.get("write") else "BEGIN")

        return engine
    return sa.create_engine(full, poolclass=sa.pool.NullPool)
