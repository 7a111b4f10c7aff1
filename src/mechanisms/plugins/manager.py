"""Builds the plugin manager and the catalogue of mechanisms. Nothing happens on import.

Controls, read from the environment when the manager is built:

- ``MECHANISMS_DISABLE_PLUGINS``: comma-separated entry-point names not to load, or ``all``
  to load none (built-ins still load).
- ``MECHANISMS_LOAD_PLUGINS``: comma-separated entry-point names; only these load.
- ``MECHANISMS_PATH``: folders (``os.pathsep``-separated) searched for ``*.toml``/``*.yaml``
  mechanism files, beside ``--mechanism-file`` paths.
"""

from __future__ import annotations

import importlib.metadata
import os
import types
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import pluggy

from ..errors import MechanismsError
from ..model.labels import Label, _
from ..model.mechanism import Mechanism
from . import hookspecs
from .catalog import Catalog, MechanismEntry, PluginProblem, add_files, mechanism_files
from .hookspecs import PROJECT

__all__ = ["BUILTIN", "ENTRY_POINT_GROUP", "Catalog", "MechanismEntry", "PluginProblem", "add_files", "call_each",
           "from_plugins", "get_plugin_manager", "load_catalog", "mechanism_files", "plugin_commands"]

ENTRY_POINT_GROUP = "mechanisms"
BUILTIN = "mechanisms.plugins.builtin"


def _names(var: str) -> set[str] | None:
    raw = os.environ.get(var)
    if raw is None or not raw.strip():
        return None
    return {n.strip() for n in raw.split(",") if n.strip()}


def get_plugin_manager(*, entry_points: bool = True, problems: list[PluginProblem] | None = None,
                       extra: Sequence[object] = ()) -> pluggy.PluginManager:
    """A new manager with the hookspecs, the built-ins, installed plugins and ``extra`` registered.

    A plugin that fails to import is recorded in ``problems`` (when given) as
    ``Error importing plugin "name"`` and skipped.
    """
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    import importlib

    pm.register(importlib.import_module(BUILTIN), name="builtin")
    if entry_points:
        disabled = _names("MECHANISMS_DISABLE_PLUGINS") or set()
        only = _names("MECHANISMS_LOAD_PLUGINS")
        for ep in sorted(importlib.metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
            if "all" in disabled or ep.name in disabled or (only is not None and ep.name not in only):
                continue
            if pm.get_plugin(ep.name) is not None or pm.is_blocked(ep.name):
                continue
            try:
                plugin = ep.load()
                pm.register(plugin, name=ep.name)
            except Exception as exc:  # a broken plugin must not stop the others
                if problems is not None:
                    problems.append(PluginProblem.of(ep.name, _('Error importing plugin "{name}": {error}: {exc}').format(
                        name=ep.name, error=type(exc).__name__, exc=str(exc))))
                continue
    for obj in extra:
        pm.register(obj, name=obj.__name__ if isinstance(obj, types.ModuleType) else type(obj).__name__)
    pm.check_pending()
    return pm


def call_each(pm: pluggy.PluginManager, hook_name: str, make_register: Callable[[str], Callable[[Any], None]],
              problems: list[PluginProblem]) -> None:
    """Call one hook through pluggy, one plugin at a time, so each contribution and each failure is attributed to
    its plugin while pluggy still decides the order (``tryfirst``/``trylast``, then last registered first) and
    traces the call.

    Each call goes through a subset hook caller holding only that plugin's implementation, so a raising plugin
    stops only itself.
    """
    hook = getattr(pm.hook, hook_name)
    impls = hook.get_hookimpls()  # pluggy calls these from the last to the first
    everyone = [impl.plugin for impl in impls]
    for impl in reversed(impls):
        caller = pm.subset_hook_caller(hook_name, remove_plugins=[p for p in everyone if p is not impl.plugin])
        try:
            caller(register=make_register(impl.plugin_name))
        except MechanismsError as exc:
            problems.append(PluginProblem.of(impl.plugin_name, _("{hook} failed: {exc}").format(
                hook=hook_name, exc=Label(exc.text("zh"), exc.text("en")))))
        except Exception as exc:  # plugin code: report, don't crash the host
            problems.append(PluginProblem.of(impl.plugin_name, _("{hook} raised {error}: {exc}").format(
                hook=hook_name, error=type(exc).__name__, exc=str(exc))))


def plugin_commands(pm: pluggy.PluginManager | None = None,
                    problems: list[PluginProblem] | None = None) -> list[tuple[str, Any]]:
    """``(plugin, command)`` for every command the ``register_commands`` hook contributes.

    Only that hook is called: listing commands (``mechanisms --help``) builds no catalogue of mechanisms.
    """
    problems = [] if problems is None else problems
    if pm is None:
        pm = get_plugin_manager(problems=problems)
    out: list[tuple[str, Any]] = []

    def reg_command(plugin: str) -> Callable[[Any], None]:
        def register(command: Any) -> None:
            out.append((plugin, command))
        return register

    call_each(pm, "register_commands", reg_command, problems)
    return out


def load_catalog(pm: pluggy.PluginManager | None = None, *, files: Iterable[Path | str] = (),
                 entry_points: bool = True, strict_files: bool = True) -> Catalog:
    """Everything the hooks and mechanism files contribute, each checked.

    ``files`` are TOML/YAML mechanism files named by the user: a broken one raises
    :class:`DataError` (the user asked for it) unless ``strict_files`` is false; files found
    on ``MECHANISMS_PATH`` are reported as problems instead.

    Every call asks the plugins again; a command-line process reads the plugins' part from the cache instead while
    nothing it was built from has changed (plugins/catalog_cache.py). Mechanism files are read through their own
    cache either way (io/mechanism_file.py).
    """
    catalog = from_plugins(pm, entry_points=entry_points)
    add_files(catalog, files, strict_files=strict_files)
    return catalog


def from_plugins(pm: pluggy.PluginManager | None = None, *, entry_points: bool = True,
                 contributed: list[tuple[str, Mechanism]] | None = None) -> Catalog:
    """The catalogue of what the plugins' hooks contribute (mechanisms and commands), without mechanism files.

    ``contributed`` (when given) receives every ``(plugin, mechanism)`` handed to ``register``, valid or not, in
    order: what plugins/catalog_cache.py needs to tell whether the catalogue is only the plugins' data files.
    """
    catalog = Catalog()
    if pm is None:
        pm = get_plugin_manager(entry_points=entry_points, problems=catalog.problems)
    dists = {ep.name: f"{ep.dist.name} {ep.dist.version}"
             for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP) if ep.dist is not None}
    for name, plugin in pm.list_name_plugin():
        catalog.plugins.append((name, dists.get(name) or str(getattr(plugin, "__name__", repr(plugin)))))

    def reg_mechanism(plugin: str) -> Callable[[Any], None]:
        def register(mechanism: Any) -> None:
            if not isinstance(mechanism, Mechanism):
                raise TypeError(f"register() takes a Mechanism, got {type(mechanism).__name__}")
            if contributed is not None:
                contributed.append((plugin, mechanism))
            catalog.add(mechanism, plugin)
        return register

    call_each(pm, "register_mechanisms", reg_mechanism, catalog.problems)
    catalog.commands.extend(plugin_commands(pm, catalog.problems))
    return catalog
