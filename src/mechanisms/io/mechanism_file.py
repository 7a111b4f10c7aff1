"""Mechanisms as plain YAML (or TOML/JSON) files, so a county office can define one without code.

A plugin ships the same kind of file and registers it with :func:`register_file`. Besides the
fields of :class:`~mechanisms.Mechanism`, a file may start with ``quotes:``, a mapping of short
names to the source's sentences, verbatim and in the order they appear; YAML anchors on them
(``city: &city 4名市领导…``) let every role, rule and figure cite a sentence by alias
(``quote: *city``) so that each sentence is typed once. The section is the file's own: it is
checked (each entry must be text) and dropped before the mechanism is built.
"""

from __future__ import annotations

import os
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

from ..errors import DataError, DataProblem
from ..model.labels import _

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from ..model.mechanism import Mechanism

QUOTES_KEY = "quotes"


def _read(path: Path | Traversable) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError([DataProblem.of(str(path), None, None,
                                        _("cannot read: {reason}").format(reason=exc.strerror))]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError([DataProblem.of(str(path), None, None, _("not UTF-8 text"))]) from None


def split_quotes(data: Any, *, file: str) -> tuple[dict[str, str], Any]:
    """The file's ``quotes`` section and the rest of the document (the mechanism's fields)."""
    if not isinstance(data, dict) or QUOTES_KEY not in data:
        return {}, data
    rest = dict(data)
    quotes = rest.pop(QUOTES_KEY)
    if not isinstance(quotes, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in quotes.items()):
        raise DataError([DataProblem.of(file, None, QUOTES_KEY, _("quotes must map names to sentences (text)"))])
    return quotes, rest


def read_mechanism_file(path: Path | Traversable) -> tuple[Mechanism, dict[str, str]]:
    """The mechanism a file states, checked, and its ``quotes`` section; every problem raised at once.

    A file on disk is read once: its parsed, checked mechanism is kept in the cache folder
    (:mod:`mechanisms.io.stamped_cache`) under the file's path, size and times and the library's stamp, and read
    from there while those still hold -- a changed file is read again. A file that does not pass is never kept (its
    problems are worked out, and reported, every time). ``MECHANISMS_NO_CACHE=1`` turns the cache off.
    """
    name = str(path)
    entry, stamp = _cache_entry(path)
    if entry is not None:
        from . import stamped_cache

        got = stamped_cache.read(entry, stamp)
        if _is_result(got):
            _remember(got[0], stamp)
            return got[0], got[1]
    from ..converter import structure
    from ..model.checks import check_mechanism
    from ..model.mechanism import Mechanism
    from .documents import format_for, parse

    quotes, data = split_quotes(parse(_read(path), format_for(path.name), file=name), file=name)
    mech = structure(data, Mechanism, file=name)
    problems = check_mechanism(mech, file=name)
    if problems:
        raise DataError(problems)
    if entry is not None and stamp is not None and not racy(stamp):
        from . import stamped_cache

        if stamped_cache.write(entry, stamp, (mech, quotes)):
            stamped_cache.prune(entry.parent, KEEP)
    _remember(mech, stamp)
    return mech, quotes


FILES_FOLDER = "mechanism-files"
"""The cache folder's subfolder of parsed mechanism files, one entry per file."""
KEEP = 256
"""Entries kept in :data:`FILES_FOLDER` (the most recently written): files of a temporary folder do not pile up."""
NO_CACHE_ENV = "MECHANISMS_NO_CACHE"
RACY_NS = 100_000_000
"""A file modified less than this before it was read is not kept: file times are coarse (a few milliseconds on
Linux, seconds elsewhere), and a same-size edit within one tick would keep the same stamp (git's "racy" files)."""

_made: dict[int, tuple[weakref.ref[Any], dict[str, Any] | None]] = {}


def caching() -> bool:
    """Whether parsed mechanisms are kept between processes (not with ``MECHANISMS_NO_CACHE`` set to 1/yes/true)."""
    return os.environ.get(NO_CACHE_ENV, "").strip().lower() not in ("1", "yes", "true", "on")


def _cache_entry(path: Path | Traversable) -> tuple[Path | None, dict[str, Any] | None]:
    """Where the file's cached result lives and the stamp it must carry; ``(None, None)`` for a file not on disk
    (a zipped package) or with the cache off. The stamp is taken before the file is read, so an edit made while it
    is read leaves a stamp that no longer matches."""
    if not isinstance(path, Path) or not caching():
        return None, None
    import hashlib

    from . import stamped_cache

    absolute = os.path.abspath(path)
    file = stamped_cache.file_stamp(Path(absolute))
    if file is None:
        return None, None
    stamp = {**stamped_cache.library_stamp(), **file, "name": str(path)}
    digest = hashlib.sha256(f"{absolute}\0{path}".encode("utf-8", "surrogatepass")).hexdigest()[:32]
    return stamped_cache.cache_dir() / FILES_FOLDER / f"{digest}.pickle", stamp


def racy(stamp: dict[str, Any]) -> bool:
    """Whether the file of ``stamp`` was modified too shortly before now to trust its stamp (:data:`RACY_NS`)."""
    import time

    return bool(time.time_ns() - int(stamp["mtime_ns"]) < RACY_NS)


def _is_result(got: object) -> TypeGuard[tuple[Mechanism, dict[str, str]]]:
    from ..model.mechanism import Mechanism

    return (isinstance(got, tuple) and len(got) == 2 and isinstance(got[0], Mechanism) and isinstance(got[1], dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in got[1].items()))


def _remember(mech: Mechanism, stamp: dict[str, Any] | None) -> None:
    key = id(mech)
    _made[key] = (weakref.ref(mech, lambda _ref: _made.pop(key, None)), stamp)


def checked_file(mech: object) -> tuple[bool, dict[str, Any] | None]:
    """Whether ``mech`` (this very object) was read and checked by :func:`read_mechanism_file` in this process, and
    the stamp of its file (``None`` for a file not on disk or with the cache off).

    The catalogue uses it not to check a file's mechanism twice, and to know that a plugin's contribution is only
    its data file (so the catalogue built from it may be kept: plugins/catalog_cache.py)."""
    got = _made.get(id(mech))
    if got is None or got[0]() is not mech:
        return False, None
    return True, got[1]


def load_mechanism_file(path: Path | Traversable | str) -> Mechanism:
    """Read and check a mechanism file; every problem is raised at once as a :class:`DataError`."""
    return read_mechanism_file(Path(path) if isinstance(path, str) else path)[0]


def register_file(register: Callable[[Mechanism], None], path: Path | Traversable | str) -> Mechanism:
    """Load the mechanism file at ``path`` and hand it to a ``register_mechanisms`` callback.

    The whole of a plugin whose mechanism is data::

        from importlib.resources import files
        from mechanisms import hookimpl, register_file

        @hookimpl
        def register_mechanisms(register):
            register_file(register, files(__package__) / "mechanism.yaml")

    A broken file raises :class:`DataError`, which the catalogue reports against the plugin.
    """
    mech = load_mechanism_file(path)
    register(mech)
    return mech
