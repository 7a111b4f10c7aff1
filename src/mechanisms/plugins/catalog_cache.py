"""The plugins' part of the catalogue, kept between command-line processes while what it was built from holds.

Building the catalogue means importing pluggy, :mod:`importlib.metadata` and every plugin, then reading, structuring
and checking every plugin's mechanism file: most of the start-up of a command that needs one mechanism (issue 14).
What the plugins contribute only changes when the installed plugins, their sources or their data files change, so
the mechanisms they registered are kept in one pickle in the cache folder (:mod:`mechanisms.io.stamped_cache`, the
folder of the plugin command index) with what they were built from:

- everything the command index depends on (plugins/command_index.py): the modification time of every folder on
  ``sys.path`` (a distribution installed, removed or upgraded), the Python, ``MECHANISMS_DISABLE_PLUGINS`` /
  ``MECHANISMS_LOAD_PLUGINS``, and the newest modification time of each plugin's source folder;
- the path, size and times of every mechanism file the plugins registered (read through
  :func:`~mechanisms.io.mechanism_file.read_mechanism_file`);
- the library's version and sources, and the Python (:func:`~mechanisms.io.stamped_cache.library_stamp`).

It is kept only when it can be trusted to come out the same: when every mechanism the hooks registered is a
mechanism file read and checked on disk (a plugin that builds a mechanism in Python may compute it from anything,
so its catalogue is simply built each time, through pluggy as always), and when no plugin failed (a plugin that
raised, or could not be imported, is asked again next time). Mechanism files named on the command line or found on
``MECHANISMS_PATH`` are never part of it: they are added afresh each time, through their own per-file cache.

The plugins' commands are not kept (the command index lists them for ``--help``): a catalogue read back loads them
when ``Catalog.commands`` is first asked for. ``MECHANISMS_NO_CACHE=1`` turns this off with the per-file cache.
A plugin whose hook picks its file from something other than its own sources (an environment variable, say) is the
one case it cannot see; such a plugin should register the mechanism in Python, or the user set that variable.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..io import stamped_cache
from ..io.mechanism_file import caching, checked_file, racy
from .catalog import Catalog, MechanismEntry, add_files
from .command_index import environment

FORMAT = 1
FOLDER = "catalogs"
"""The cache folder's subfolder of catalogues, one per interpreter and plugin selection."""
KEEP = 8


def cached_catalog(files: Iterable[Path | str] = (), *, strict_files: bool = True) -> Catalog:
    """What :func:`~mechanisms.load_catalog` gives, the plugins' part read from the cache while it holds."""
    catalog = read()
    if catalog is None:
        catalog = build()
    add_files(catalog, files, strict_files=strict_files)
    return catalog


def _entry() -> Path:
    """One catalogue per interpreter, ``sys.path`` and plugin selection, so switching between them (a test run with
    ``MECHANISMS_DISABLE_PLUGINS=all``) keeps each one's catalogue."""
    env = environment()
    which = json.dumps([env["executable"], sorted(env["path"]), env["disable"], env["load"]], ensure_ascii=False)
    return stamped_cache.cache_dir() / FOLDER / f"{hashlib.sha256(which.encode()).hexdigest()[:24]}.pickle"


def _exact() -> dict[str, Any]:
    return {"format": FORMAT, **stamped_cache.library_stamp(), "environment": environment()}


def _holds(stamp: Any, exact: dict[str, Any]) -> bool:
    """Whether the catalogue kept under ``stamp`` is still what the plugins would contribute now."""
    if not isinstance(stamp, dict) or stamp.get("exact") != exact:
        return False
    sources, files = stamp.get("sources"), stamp.get("files")
    if not isinstance(sources, dict) or not isinstance(files, list):
        return False
    if any(not isinstance(m, int) or stamped_cache.newest_mtime(root) != m for root, m in sources.items()):
        return False
    return all(isinstance(f, dict) and stamped_cache.file_stamp(Path(str(f.get("path")))) == f for f in files)


def read() -> Catalog | None:
    """The plugins' catalogue as kept, while it holds; ``None`` when missing, stale, unreadable or turned off."""
    if not caching():
        return None
    exact = _exact()
    kept = stamped_cache.read_checked(_entry(), lambda stamp: _holds(stamp, exact))
    if not isinstance(kept, dict):
        return None
    entries, plugins = kept.get("entries"), kept.get("plugins")
    if not isinstance(entries, list) or not isinstance(plugins, list):
        return None
    catalog = Catalog(plugins=[(str(n), str(s)) for n, s in plugins], commands=None)
    for entry in entries:
        if not isinstance(entry, MechanismEntry):
            return None
        catalog.entries[entry.mechanism.key] = entry
    return catalog


def build() -> Catalog:
    """The plugins' catalogue, asked of the plugins through pluggy, and kept where it can be trusted (see above)."""
    from .command_index import sources
    from .manager import from_plugins

    exact = _exact() if caching() else None  # before the build: a change made while it runs makes it stale
    roots = sources() if exact is not None else {}
    contributed: list[tuple[str, Any]] = []
    catalog = from_plugins(contributed=contributed)
    if exact is None or catalog.problems:
        return catalog
    stamps: dict[str, dict[str, Any]] = {}
    for _plugin, mech in contributed:
        checked, stamp = checked_file(mech)
        if not checked or stamp is None:  # made in Python, or a file not on disk: not kept
            return catalog
        stamps[str(stamp["path"])] = {k: stamp[k] for k in ("path", "size", "mtime_ns", "ctime_ns", "inode")}
    if any(racy(s) for s in stamps.values()):
        return catalog
    entry = _entry()
    stamp = {"exact": exact, "sources": roots, "files": list(stamps.values())}
    if stamped_cache.write(entry, stamp, {"entries": list(catalog.entries.values()), "plugins": catalog.plugins}):
        stamped_cache.prune(entry.parent, KEEP)
    return catalog
