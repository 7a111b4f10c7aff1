"""The plugin commands ``mechanisms --help`` lists, remembered so listing them imports no plugin.

Building the list means importing every plugin (and pluggy, attrs, the model…) to call ``register_commands``:
about half a second, for a help screen. The list only changes when the installed plugins change, so it is kept
in a small JSON file with what it was built from, and used while that still holds:

- the modification time of every folder on ``sys.path`` -- installing, removing or upgrading a distribution adds or
  removes its ``*.dist-info`` folder (and an editable install its ``.pth`` file) there, which changes that time;
- the newest modification time of each plugin's source files (and of the built-in plugin's), so editing a plugin
  in a workspace rebuilds the list;
- the Python, and the ``MECHANISMS_DISABLE_PLUGINS``/``MECHANISMS_LOAD_PLUGINS`` choices.

Checking that costs a few ``stat`` calls, not :mod:`importlib.metadata` (a scan of every installed distribution);
the entry points are read only when the list is built. A command is still run only after the real plugin
manager has loaded it, and a cache folder that cannot be written only costs the speed. (Editing an installed
``entry_points.txt`` by hand in place is the one change this does not see: reinstall the plugin.)
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any, TypedDict

ENTRY_POINT_GROUP = "mechanisms"
BUILTIN_MODULE = "mechanisms.plugins.builtin"
CACHE_ENV = "MECHANISMS_CACHE_DIR"  # read by mechanisms.io.stamped_cache.cache_dir
FORMAT = 1


class IndexedCommand(TypedDict):
    plugin: str
    name: str
    short_help: str
    hidden: bool


class Index(TypedDict):
    environment: dict[str, Any]
    sources: dict[str, int]
    commands: list[IndexedCommand]
    problems: list[str]


def cache_file() -> Path:
    """``plugin-commands.json`` in the cache folder: ``$MECHANISMS_CACHE_DIR``, else ``$XDG_CACHE_HOME/mechanisms``,
    else ``~/.cache/mechanisms`` (:func:`mechanisms.io.stamped_cache.cache_dir`, shared with the catalogue's cache)."""
    from ..io.stamped_cache import cache_dir

    return cache_dir() / "plugin-commands.json"


def _newest(root: str) -> int:
    """Newest mtime (ns) of the source files under ``root`` (a package folder) or of ``root`` (a module file)."""
    from ..io.stamped_cache import newest_mtime

    return newest_mtime(root)


def _roots(module: str) -> list[str]:
    """Where the top-level package of ``module`` lives, found without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(module.split(".")[0])
    except (ImportError, ValueError):
        return []
    if spec is None:
        return []
    return list(spec.submodule_search_locations or []) or ([spec.origin] if spec.origin else [])


def environment() -> dict[str, Any]:
    """What, besides the plugins' sources, the list depends on: cheap to compute on every ``--help``."""
    folders = {}
    for entry in sys.path:
        try:
            folders[entry] = os.stat(entry).st_mtime_ns if entry and os.path.isdir(entry) else 0
        except OSError:
            folders[entry] = 0
    return {"format": FORMAT, "python": sys.version, "executable": sys.executable, "path": folders,
            "disable": os.environ.get("MECHANISMS_DISABLE_PLUGINS", ""),
            "load": os.environ.get("MECHANISMS_LOAD_PLUGINS", "")}


def sources() -> dict[str, int]:
    """The newest mtime of every plugin's source folder (entry points of the ``mechanisms`` group, the built-in)."""
    import importlib.metadata

    roots = [str(Path(__file__).with_name("builtin"))]
    for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
        roots.extend(_roots(ep.value.split(":")[0]))
    return {root: _newest(root) for root in sorted(set(roots))}


def _still_current(doc: dict[str, Any]) -> bool:
    if doc.get("environment") != environment() or not isinstance(doc.get("sources"), dict):
        return False
    return all(isinstance(m, int) and _newest(root) == m for root, m in doc["sources"].items())


def read() -> Index | None:
    """The remembered list while what it was built from still holds; ``None`` when missing, stale or unreadable."""
    try:
        doc = json.loads(cache_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(doc, dict) or not _still_current(doc):
        return None
    commands, problems = doc.get("commands"), doc.get("problems")
    if not isinstance(commands, list) or not isinstance(problems, list):
        return None
    ok = all(isinstance(c, dict) and isinstance(c.get("name"), str) and isinstance(c.get("plugin"), str)
             and isinstance(c.get("short_help"), str) and isinstance(c.get("hidden"), bool) for c in commands)
    return Index(environment=doc["environment"], sources=doc["sources"], commands=commands,
                 problems=[str(p) for p in problems]) if ok else None


def write(index: Index) -> None:
    """Remember ``index`` (atomically: a concurrent reader sees the old file or the new one); best effort."""
    import tempfile

    path = cache_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".plugin-commands.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(index, f, ensure_ascii=False)
        os.replace(tmp, path)
    except OSError:
        pass
