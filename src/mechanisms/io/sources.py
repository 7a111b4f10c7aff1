"""DATA that is not a file: a store URL (``sqlite:///county.db``, ``postgresql://…``), read through a registered reader.

The store lives in a layer above ``io`` (it imports ``io`` to validate what it imports), so ``io`` cannot
import it. Instead :mod:`mechanisms.store` registers its reader here when it is imported, and
:func:`~mechanisms.io.columns.read_columns` asks this module first: every command that takes DATA (and
:func:`~mechanisms.io.county_io.load_county`) then takes a store URL with no change of its own.

The day a store is read "as of" is a context variable: a command with ``--on`` sets it
(:func:`remember_on`), a library user passes ``on=`` to the store's own functions.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import importlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..errors import UsageError

URL_PREFIXES = ("sqlite:", "postgresql:", "postgresql+psycopg:", "postgres:")
AS_OF: contextvars.ContextVar[dt.date | None] = contextvars.ContextVar("mechanisms_store_as_of", default=None)
"""The day a store URL given as DATA is read as of; ``None``: the versions in force now (the latest imported)."""

Reader = Callable[[str, "dt.date | None"], Any]
_READERS: list[Reader] = []


def is_store_url(source: str | Path) -> bool:
    return isinstance(source, str) and source.startswith(URL_PREFIXES)


def register_reader(reader: Reader) -> None:
    """Called by :mod:`mechanisms.store` on import: ``reader(url, on)`` gives a ColumnarCounty."""
    if reader not in _READERS:
        _READERS.append(reader)


def read_store_url(url: str) -> Any:
    """The county a store URL holds as of :data:`AS_OF`; the store package is imported by its public name."""
    if not _READERS:
        importlib.import_module("mechanisms.store")  # the package registers itself; named, not imported upward
    if not _READERS:
        raise UsageError(f"{url}: no store reader is installed", zh=f"{url}：未安装数据库读取组件")
    return _READERS[0](url, AS_OF.get())


def remember_on(_ctx: Any, _param: Any, value: dt.datetime | dt.date | None) -> Any:
    """A click callback for ``--on``: a store URL given as DATA is then read as of that day."""
    AS_OF.set(value.date() if isinstance(value, dt.datetime) else value)
    return value
