"""Fixtures for the store tests: a throwaway PostgreSQL cluster per test session (per xdist worker), and a fresh
store URL per test, once on SQLite and once on PostgreSQL — real databases, no mock.

The cluster: initdb and pg_ctl from Debian's postgresql (``make test`` installs it where it can), on a free port,
in a temporary directory, run as a non-root user (PostgreSQL refuses root; CI runs as root, so ``postgres`` or
``nobody`` through ``runuser``), trust authentication on 127.0.0.1 only, stopped at the end. Without the
binaries the PostgreSQL half is skipped with the reason — except when MECHANISMS_POSTGRES_TEST=required (CI),
where it fails.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


def _pg_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda d: int(Path(d).parent.name))
    return Path(dirs[-1]) if dirs and (Path(dirs[-1]) / "initdb").exists() else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_user() -> tuple[list[str], str | None]:
    if os.geteuid() != 0:
        return [], None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return ["runuser", "-u", name, "--"], name
    pytest.fail("running as root and no postgres or nobody user to run PostgreSQL as")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[str]:
    """``postgresql://postgres@127.0.0.1:PORT``: a cluster of this session (of this xdist worker)."""
    bindir = _pg_bin()
    if bindir is None:
        if os.environ.get("MECHANISMS_POSTGRES_TEST") == "required":
            pytest.fail("no PostgreSQL server binaries, and MECHANISMS_POSTGRES_TEST=required (make test installs them)")
        pytest.skip("no PostgreSQL server binaries on this machine (make test installs Debian's postgresql)")
    prefix, user = _as_user()
    tmp = Path(tempfile.mkdtemp(prefix="mechanisms-pg-"))
    if user is not None:
        shutil.chown(tmp, user)
    data, port = tmp / "data", _free_port()
    run = {"check": True, "capture_output": True, "text": True}
    subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                    "--locale=C", "--no-sync"], **run)  # type: ignore[call-overload]
    opts = f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off"
    subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(tmp / "log"), "-o", opts, "-w",
                    "start"], **run)  # type: ignore[call-overload]
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}"
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"],
                       capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database (not yet a store): a SQLite file, or a new database in the session's cluster."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'county.db'}"
        return
    import psycopg

    server: str = request.getfixturevalue("pg_server")
    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield f"{server}/{name}"
    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def store(store_url: str) -> str:
    """A store at the newest schema."""
    from mechanisms.store import init

    init(store_url)
    return store_url
