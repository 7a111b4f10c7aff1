"""Results kept between processes, each beside the stamp of what it was computed from.

A command-line process starts from nothing: without a cache every ``mechanisms coverage …`` would parse, structure
and check every mechanism file again (most of its start-up, issue 14). What is kept here is only ever a *copy* of
a result the library can recompute, so the rules are those of a bytecode cache:

- a cache file holds two pickles, the stamp and then the value; the value is unpickled only when the stamp equals
  the one computed now, so a stale entry costs one small read;
- a missing, stale, truncated or otherwise unreadable file is a miss (never an error), and the value is computed
  and written again; a folder that cannot be written only costs the speed;
- files are replaced atomically (a concurrent reader sees the old file or the new one, never half of one).

The stamp always holds :func:`library_stamp` -- the library's version, the Python, and the newest modification time
of the library's own sources, so that a workspace edit of the model (a new field, a changed check) invalidates
every value pickled by the old code. The folder is ``$MECHANISMS_CACHE_DIR``, else ``$XDG_CACHE_HOME/mechanisms``,
else ``~/.cache/mechanisms``; it is the user's own, like ``__pycache__``, and only files the user owns and no one
else may write are unpickled.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

CACHE_ENV = "MECHANISMS_CACHE_DIR"
SOURCE_SUFFIXES = (".py", ".toml", ".yaml", ".yml")
_PACKAGE = Path(__file__).resolve().parent.parent


def cache_dir() -> Path:
    """``$MECHANISMS_CACHE_DIR``, else ``$XDG_CACHE_HOME/mechanisms``, else ``~/.cache/mechanisms``."""
    base = os.environ.get(CACHE_ENV) or os.path.join(os.environ.get("XDG_CACHE_HOME") or
                                                     os.path.join(os.path.expanduser("~"), ".cache"), "mechanisms")
    return Path(base)


def newest_mtime(root: str | os.PathLike[str]) -> int:
    """Newest mtime (ns) of the source files under ``root`` (a package folder) or of ``root`` (a module file)."""
    root = os.fspath(root)
    if os.path.isfile(root):
        return os.stat(root).st_mtime_ns
    newest = 0
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        for f in files:
            if f.endswith(SOURCE_SUFFIXES):
                try:
                    newest = max(newest, os.stat(os.path.join(folder, f)).st_mtime_ns)
                except OSError:  # removed while we walked: the next look sees the new state
                    continue
    return newest


@functools.cache
def library_stamp() -> dict[str, Any]:
    """What every cached value depends on: this library's version and sources, and the Python running it.

    Computed once a process: the code that runs is the code that was imported, whatever is edited later."""
    import pickle

    from .. import __version__

    return {"library": __version__, "sources": newest_mtime(_PACKAGE), "python": sys.version,
            "pickle": pickle.HIGHEST_PROTOCOL}


def file_stamp(path: Path) -> dict[str, Any] | None:
    """Path, size and times of ``path`` as it is now (``None`` when it cannot be stat'ed): a file edited, replaced
    or touched gets a new stamp."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return {"path": str(path), "size": st.st_size, "mtime_ns": st.st_mtime_ns, "ctime_ns": st.st_ctime_ns,
            "inode": st.st_ino}


def read(path: Path, stamp: object) -> Any | None:
    """The value kept at ``path`` if it was written with ``stamp``; ``None`` on any miss."""
    return read_checked(path, lambda kept: bool(kept == stamp))


def read_checked(path: Path, accept: Callable[[Any], bool]) -> Any | None:
    """The value kept at ``path`` if ``accept`` takes its stamp (for stamps checked piece by piece: the mtimes of
    the files it names); ``None`` on any miss."""
    import pickle

    try:
        with open(path, "rb") as f:
            if not _trusted(os.fstat(f.fileno())) or not accept(pickle.load(f)):
                return None
            return pickle.load(f)
    except Exception:  # missing, truncated, corrupt, written by other code: a miss, never an error
        return None


def _trusted(st: os.stat_result) -> bool:
    """Only a file this user wrote and no one else may change is unpickled (a cache folder pointed at a shared
    place must not run another user's pickle): owned by us, not writable by group or others. Entries are written
    that way (``mkstemp`` gives mode 0600)."""
    getuid = getattr(os, "getuid", None)
    if getuid is None:  # Windows: the folder is the user's profile
        return True
    return bool(st.st_uid == getuid() and not st.st_mode & 0o022)


def write(path: Path, stamp: object, value: object) -> bool:
    """Keep ``value`` at ``path`` under ``stamp``, atomically; best effort (``False`` where it could not)."""
    import pickle
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError:
        return False
    try:
        with os.fdopen(fd, "wb") as f:
            pickle.dump(stamp, f, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        return True
    except Exception:  # an unpicklable value, a full disk: no cache, no error
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        return False


def prune(folder: Path, keep: int) -> None:
    """Remove all but the ``keep`` most recently written entries of ``folder`` (a folder of one kind of entry)."""
    try:
        entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
        for old in entries[keep:]:
            old.unlink()
    except OSError:
        pass
