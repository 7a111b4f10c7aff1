"""The shape of the package: layers that import only downwards, a small lazy public API, a lazy CLI, hooks
called through pluggy."""

from __future__ import annotations

import ast
import functools
import importlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner

import mechanisms
from mechanisms import Catalog, hookimpl
from mechanisms.cli import COMMANDS, main
from mechanisms.plugins import manager

SRC = Path(mechanisms.__file__).parent
# lowest first; a module may import only from its own layer and those before it
LAYERS = ["i18n", "errors", "paths", "converter", "model", "county", "io", "store", "coverage", "year", "reassign", "simulation",
          "compare", "report", "plugins", "cli", "testing"]


def _imports() -> list[tuple[str, str]]:
    """(importing module, imported module) for every import of the library inside it."""
    out = []
    for path in SRC.rglob("*.py"):
        parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
        package = parts[:-1]
        module = ".".join(parts if parts[-1] != "__init__" else parts[:-1])
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package[: len(package) - (node.level - 1)]
                    target = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    target = node.module or ""
                if target.startswith("mechanisms"):
                    out.append((module, target))
    return out


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_every_subpackage_imports_only_layers_below_it() -> None:
    upward = []
    for a, b in _imports():
        la, lb = _layer(a), _layer(b)
        if la == "" or lb == "" or la == lb:  # the facade re-exports; a layer may import itself
            continue
        assert la in LAYERS and lb in LAYERS, (a, b)
        if LAYERS.index(lb) > LAYERS.index(la):
            upward.append(f"{a} -> {b}")
    assert upward == []


def test_import_mechanisms_and_help_load_nothing_heavy(tmp_path: Path) -> None:
    code = ("import sys, mechanisms\nfrom mechanisms.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "heavy = ('numpy', 'pyarrow', 'mechanisms.coverage', 'mechanisms.io.county_io', 'pluggy', 'attrs', 'cattrs',"
            " 'rich', 'yaml', 'mechanisms.plugins.manager', 'mechanisms.model.mechanism', 'babel')\n"
            "print(sorted(m for m in heavy if m in sys.modules))")
    env = {**{k: v for k, v in os.environ.items() if k != "MECHANISMS_LANG"}, "MECHANISMS_CACHE_DIR": str(tmp_path)}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert "numpy" not in first and "pyarrow" not in first  # building the plugin command index loads the plugins
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env).stdout
    assert out.strip().splitlines()[-1] == "[]"  # from then on, --help reads the index: no plugin system at all
    assert "用法：" in out and "显示一个机制" in out  # and it is in Chinese, from the catalog


def test_the_public_api_is_small_lazy_and_typed() -> None:
    assert 40 <= len(mechanisms.__all__) <= 70
    # the literal list type checkers read (kept in ruff's RUF022 order) names exactly the exports, once each
    assert sorted(mechanisms.__all__) == sorted(mechanisms._EXPORTS) and len(set(mechanisms.__all__)) == len(mechanisms.__all__)
    init = ast.parse((SRC / "__init__.py").read_text(encoding="utf-8"))
    typed: dict[str, str] = {}
    for node in ast.walk(init):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            typed.update({a.name: f"mechanisms.{node.module}" for a in node.names})
    assert typed == mechanisms._EXPORTS  # what type checkers see is what __getattr__ serves
    for name, module in mechanisms._EXPORTS.items():
        assert getattr(mechanisms, name) is getattr(importlib.import_module(module), name), name
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        _ = mechanisms.nope  # the module's __getattr__ makes any name type-check; at run time it raises
    assert (SRC / "py.typed").is_file()


def test_the_lazy_command_table_matches_the_commands() -> None:
    for name, (module, function, short_help) in COMMANDS.items():
        cmd = getattr(importlib.import_module(f"mechanisms.cli.{module}"), function)
        assert isinstance(cmd, click.Command) and cmd.name == name, name
        assert cmd.get_short_help_str(limit=10_000) == short_help, name
    defined = set()
    for mod in {m for m, _, _ in COMMANDS.values()}:
        found = [c for c in vars(importlib.import_module(f"mechanisms.cli.{mod}")).values() if isinstance(c, click.Command)]
        inner = {id(sub) for g in found if isinstance(g, click.Group) for sub in g.commands.values()}
        defined |= {c.name for c in found if id(c) not in inner}  # a group's subcommands are not top-level commands
    assert defined == set(COMMANDS)


@click.command("hello")
def _hello() -> None:
    """Say hello from a plugin."""
    click.echo("你好")


class CommandPlugin:
    @hookimpl
    def register_commands(self, register: Any) -> None:
        register(_hello)
        register(click.Command("show"))  # taken by a built-in: reported, skipped


def test_a_plugin_command_is_listed_and_runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("MECHANISMS_CACHE_DIR", str(tmp_path))  # no index yet: the (patched) manager is asked
    monkeypatch.setenv("MECHANISMS_LANG", "en")
    monkeypatch.setattr(manager, "get_plugin_manager", functools.partial(manager.get_plugin_manager, entry_points=False,
                                                                         extra=[CommandPlugin()]))
    monkeypatch.setattr(main, "_plugin_commands_loaded", False)
    monkeypatch.setattr(main, "commands", {})
    runner = CliRunner()
    listed = runner.invoke(main, ["--help"])
    assert "hello     Say hello from a plugin." in listed.output
    assert "plugin 'CommandPlugin': command 'show' already exists; skipped" in listed.stderr
    assert runner.invoke(main, ["hello"]).output == "你好\n"


class First:
    @hookimpl(tryfirst=True)
    def register_mechanisms(self, register: Any) -> None:
        calls.append("first")


class Plain:
    @hookimpl
    def register_mechanisms(self, register: Any) -> None:
        calls.append("plain")


calls: list[str] = []


def test_hooks_are_called_through_pluggy_in_its_order(temp_plugin: Any) -> None:
    calls.clear()
    catalog: Catalog = temp_plugin(First(), Plain())
    assert calls == ["first", "plain"]  # tryfirst wins although it was registered first (pluggy calls LIFO)
    assert "example" in catalog.entries
    traced: list[str] = []
    pm = manager.get_plugin_manager(entry_points=False, extra=[Plain()])
    undo = pm.add_hookcall_monitoring(lambda name, impls, kw: traced.append(name), lambda *a: None)
    manager.load_catalog(pm)
    undo()
    assert traced.count("register_mechanisms") == 2  # one pluggy call per plugin: builtin and Plain
