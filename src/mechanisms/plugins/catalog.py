"""The catalogue of mechanisms: what is available, where each came from, and what went wrong loading the rest.

Kept apart from the plugin manager (plugins/manager.py) so that a catalogue can exist -- read back from the cache
(plugins/catalog_cache.py) -- without importing pluggy, :mod:`importlib.metadata` or any plugin. The manager
re-exports these names.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import attrs

from ..errors import DataError, UsageError
from ..model.labels import Label, _
from ..model.mechanism import Mechanism


@attrs.frozen
class PluginProblem:
    plugin: str
    message: str
    """In English (what ``str`` and JSON give)."""
    zh: str = ""
    """The message in Chinese where the catalog has it."""

    @classmethod
    def of(cls, plugin: str, text: Label) -> PluginProblem:
        return cls(plugin, text.en, text.zh)

    def __str__(self) -> str:
        return f"plugin {self.plugin!r}: {self.message}"

    def text(self, lang: str = "zh") -> str:
        """The problem in ``lang``, naming the plugin."""
        if lang == "en" or not self.zh:
            return str(self) if lang == "en" else _("plugin {plugin}: {message}").format(
                plugin=repr(self.plugin), message=self.message).get("zh")
        return _("plugin {plugin}: {message}").format(plugin=repr(self.plugin), message=self.zh).get("zh")


@attrs.frozen
class MechanismEntry:
    mechanism: Mechanism
    plugin: str
    """Entry-point name, ``builtin``, or ``file:PATH`` for a TOML/YAML mechanism."""


@attrs.define
class Catalog:
    """The mechanisms available now, where each came from, and what went wrong loading the rest."""

    entries: dict[str, MechanismEntry] = attrs.field(factory=dict)
    problems: list[PluginProblem] = attrs.field(factory=list)
    plugins: list[tuple[str, str]] = attrs.field(factory=list)
    """(name, distribution version or module) of every plugin that loaded."""
    _commands: list[Any] | None = attrs.field(factory=list, alias="commands")
    """``None`` for a catalogue read back from the cache: the plugins' commands are loaded when first asked for."""

    @property
    def commands(self) -> list[Any]:
        """``(plugin, command)`` for every command the ``register_commands`` hook contributes."""
        if self._commands is None:
            from .manager import plugin_commands

            self._commands = plugin_commands(problems=self.problems)
        return self._commands

    def get(self, key: str) -> Mechanism:
        try:
            return self.entries[key].mechanism
        except KeyError:
            known = ", ".join(sorted(self.entries))
            raise UsageError(_("unknown mechanism {key} (known: {known})").format(
                key=repr(key), known=known or _("none"))) from None

    def __iter__(self) -> Iterator[MechanismEntry]:
        return iter(self.entries.values())

    def add(self, mechanism: Mechanism, plugin: str, *, checked: bool = False) -> None:
        """Add ``mechanism`` as ``plugin``'s, unless it is invalid or its key is taken (both reported as problems).

        ``checked``: it has passed :func:`~mechanisms.check_mechanism` already (a mechanism file's mechanism, which
        :func:`~mechanisms.io.mechanism_file.read_mechanism_file` checks): not checked twice.
        """
        if not checked:
            from ..io.mechanism_file import checked_file

            checked = checked_file(mechanism)[0]
        problems = [] if checked else _check(mechanism)
        if problems:
            for p in problems:
                said = Label(p.message if p.en else "", p.en or p.message)  # a problem's message is zh where it has en
                self.problems.append(PluginProblem.of(plugin, _("mechanism {key} is invalid: {field}: {message}").format(
                    key=repr(mechanism.key), field=p.field, message=said) if p.field else said))
            return
        if mechanism.key in self.entries:
            other = self.entries[mechanism.key].plugin
            self.problems.append(PluginProblem.of(plugin, _("mechanism key {key} is already taken by {other}").format(
                key=repr(mechanism.key), other=repr(other))))
            return
        self.entries[mechanism.key] = MechanismEntry(mechanism, plugin)


def _check(mechanism: Mechanism) -> list[Any]:
    from ..model.checks import check_mechanism

    return check_mechanism(mechanism)


def mechanism_files(paths: Iterable[Path | str] = ()) -> list[Path]:
    """Mechanism files given explicitly, then those found on ``MECHANISMS_PATH``."""
    found = [Path(p) for p in paths]
    for folder in filter(None, os.environ.get("MECHANISMS_PATH", "").split(os.pathsep)):
        d = Path(folder)
        if d.is_dir():
            found.extend(sorted(p for p in d.iterdir() if p.suffix.lower() in (".toml", ".yaml", ".yml")))
    return found


def add_files(catalog: Catalog, files: Iterable[Path | str] = (), *, strict_files: bool = True) -> None:
    """Add the mechanism files named (``files``) and those on ``MECHANISMS_PATH`` to ``catalog``; a file named
    replaces a plugin's mechanism of the same key (see :func:`~mechanisms.load_catalog`)."""
    from ..io.mechanism_file import load_mechanism_file

    explicit = [Path(p) for p in files]
    for path in mechanism_files(explicit):
        try:
            mech = load_mechanism_file(path)
        except DataError as exc:
            if strict_files and path in explicit:
                raise
            for p in exc.problems:
                catalog.problems.append(PluginProblem(f"file:{path}", str(p), p.text("zh") if p.en else ""))
            continue
        if path in explicit and mech.key in catalog.entries:
            # A county's own file replaces a plugin's mechanism of the same key, on purpose.
            catalog.entries.pop(mech.key)
        catalog.add(mech, f"file:{path}", checked=True)
