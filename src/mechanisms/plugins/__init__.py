"""The plugin system: how mechanisms reach the library.

Writing a plugin
================

A plugin is any importable module (usually its own distribution) with functions marked
``@hookimpl``, advertised under the ``mechanisms`` entry-point group::

    # pyproject.toml
    [project.entry-points.mechanisms]
    my-county = "mechanisms_my_county"

    # mechanisms_my_county/__init__.py
    from mechanisms import hookimpl, Mechanism, Label

    @hookimpl
    def register_mechanisms(register):
        register(Mechanism(key="my-county", name=Label("我县机制", "My county"), county=Label("某县", "Some county")))

The hooks are listed, with their arguments, in :mod:`mechanisms.plugins.hookspecs`. Every
contribution is checked; a plugin that fails to import, raises, or registers an invalid
mechanism is reported by name and the others still load.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .hookspecs import hookimpl, hookspec
    from .manager import Catalog, MechanismEntry, PluginProblem, get_plugin_manager, load_catalog

# Served on first use: `mechanisms --help` imports plugins.command_index, which must not bring pluggy with it.
_EXPORTS = {"hookimpl": "hookspecs", "hookspec": "hookspecs", "Catalog": "manager", "MechanismEntry": "manager",
            "PluginProblem": "manager", "get_plugin_manager": "manager", "load_catalog": "manager"}


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(importlib.import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Catalog", "MechanismEntry", "PluginProblem", "get_plugin_manager", "hookimpl", "hookspec", "load_catalog"]
