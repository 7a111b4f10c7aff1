"""The plugin system: built-ins through the same hooks, broken plugins isolated by name, mechanism files."""

from __future__ import annotations

import importlib.metadata
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest

from mechanisms import Catalog, DataError, Label, Mechanism, Role, hookimpl, load_catalog, load_mechanism_file
from mechanisms.io.documents import dumps
from mechanisms.plugins import get_plugin_manager
from mechanisms.plugins.builtin import builtin_mechanisms

EXAMPLE = builtin_mechanisms()[0]


def _mech(key: str, **kw: object) -> Mechanism:
    return Mechanism(key, Label("测试", "test"), Label("县", "county"), **kw)  # type: ignore[arg-type]


class Good:
    @hookimpl
    def register_mechanisms(self, register: Callable[[Mechanism], None]) -> None:
        register(_mech("good"))


class Raises:
    @hookimpl
    def register_mechanisms(self, register: Callable[[Mechanism], None]) -> None:
        raise RuntimeError("database unreachable")


class Invalid:
    @hookimpl
    def register_mechanisms(self, register: Callable[[Mechanism], None]) -> None:
        register(_mech("bad", roles=(Role("r", Label("", ""), "province", ("leader",)),)))
        register(_mech("also-good"))


class Duplicate:
    @hookimpl
    def register_mechanisms(self, register: Callable[[Mechanism], None]) -> None:
        register(_mech("example"))


class NotAMechanism:
    @hookimpl
    def register_mechanisms(self, register: Callable[[object], None]) -> None:
        register({"key": "dict"})


def test_builtins_come_through_the_hooks(temp_plugin: Callable[..., Catalog]) -> None:
    catalog = temp_plugin()
    assert catalog.entries["example"].plugin == "builtin"
    assert catalog.problems == []


def test_a_broken_plugin_is_reported_by_name_and_the_others_still_work(temp_plugin: Callable[..., Catalog]) -> None:
    catalog = temp_plugin(Good(), Raises(), Invalid(), Duplicate(), NotAMechanism())
    assert sorted(catalog.entries) == ["also-good", "example", "good"]
    assert sorted(str(p) for p in catalog.problems) == [
        "plugin 'Duplicate': mechanism key 'example' is already taken by 'builtin'",
        "plugin 'Invalid': mechanism 'bad' is invalid: roles[key=r].level: role 'r' is on unknown level 'province'",
        "plugin 'NotAMechanism': register_mechanisms raised TypeError: register() takes a Mechanism, got dict",
        "plugin 'Raises': register_mechanisms raised RuntimeError: database unreachable",
    ]


def test_an_entry_point_that_fails_to_import_is_isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    real = importlib.metadata.entry_points(group="mechanisms")
    broken = importlib.metadata.EntryPoint("broken-county", "mechanisms_no_such_module_xyz", "mechanisms")
    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: [*real, broken])
    catalog = load_catalog()
    assert [str(p) for p in catalog.problems if p.plugin == "broken-county"] == [
        "plugin 'broken-county': Error importing plugin \"broken-county\": "
        "ModuleNotFoundError: No module named 'mechanisms_no_such_module_xyz'"]
    assert "example" in catalog.entries
    assert {ep.name for ep in real} <= {name for name, _ in catalog.plugins}


def test_environment_controls_which_plugins_load(monkeypatch: pytest.MonkeyPatch) -> None:
    installed = {ep.name for ep in importlib.metadata.entry_points(group="mechanisms")}
    monkeypatch.setenv("MECHANISMS_DISABLE_PLUGINS", "all")
    assert [n for n, _ in load_catalog().plugins] == ["builtin"]
    if installed:
        one = sorted(installed)[0]
        monkeypatch.delenv("MECHANISMS_DISABLE_PLUGINS")
        monkeypatch.setenv("MECHANISMS_LOAD_PLUGINS", one)
        assert sorted(n for n, _ in load_catalog().plugins) == sorted(["builtin", one])


def test_building_the_manager_has_no_import_side_effects() -> None:
    pm1, pm2 = get_plugin_manager(entry_points=False), get_plugin_manager(entry_points=False)
    assert pm1 is not pm2
    assert [n for n, _ in pm1.list_name_plugin()] == ["builtin"]


def test_a_mechanism_file_is_checked_like_a_plugin(tmp_path: Path) -> None:
    good = tmp_path / "mine.toml"
    good.write_text(dumps(attrs.evolve(EXAMPLE, key="my-county"), "toml"), encoding="utf-8")
    assert load_mechanism_file(good).key == "my-county"
    catalog = load_catalog(files=[good])
    assert catalog.entries["my-county"].plugin == f"file:{good}"

    bad = tmp_path / "bad.yaml"
    bad.write_text(dumps(attrs.evolve(EXAMPLE, key="bad county"), "yaml").replace("level: town", "level: province", 1),
                   encoding="utf-8")
    with pytest.raises(DataError) as info:
        load_mechanism_file(bad)
    assert [str(p) for p in info.value.problems] == [
        f"{bad}, field 'key': key 'bad county' must be non-empty letters, digits, '-', '_' or '.'",
        f"{bad}, field 'roles[key=county-leader].level': role 'county-leader' is on unknown level 'province'",
    ]


def test_files_on_the_search_path_load_and_broken_ones_are_reported(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.toml").write_text(dumps(attrs.evolve(EXAMPLE, key="path-county"), "toml"), encoding="utf-8")
    (tmp_path / "b.yaml").write_text("key: [unclosed\n", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    monkeypatch.setenv("MECHANISMS_PATH", str(tmp_path))
    catalog = load_catalog()
    assert "path-county" in catalog.entries
    assert [p.plugin for p in catalog.problems if p.plugin.startswith("file:")] == [f"file:{tmp_path / 'b.yaml'}"]


def test_an_explicit_file_replaces_a_plugin_mechanism_of_the_same_key(tmp_path: Path) -> None:
    mine = attrs.evolve(EXAMPLE, name=Label("本县机制", "our own"))
    f = tmp_path / "example.json"
    f.write_text(dumps(mine, "json"), encoding="utf-8")
    catalog = load_catalog(files=[f])
    assert catalog.get("example").name.en == "our own"


def test_each_plugin_keeps_a_true_copy_of_its_source() -> None:
    """Each plugin's tests check its quotes against a copy of its source document kept beside them (so they run on any
    checkout); where the project's shared seeds are at hand, each copy is the seed byte for byte."""
    root = Path(__file__).resolve().parents[1]
    copies = sorted(root.glob("plugins/*/tests/source/*.txt"))
    assert len(copies) == 5
    seeds = root.parent / "shared" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"{seeds} is not at hand to compare with")
    for copy in copies:
        assert copy.read_bytes() == (seeds / copy.name).read_bytes(), copy


# ------------------------------------------------------------------ plugin commands listed without importing plugins

_COMMAND_PLUGIN = '''
import click
from mechanisms import hookimpl

@click.command("greet")
def greet():
    """{help}"""
    click.echo("你好，插件")

@hookimpl
def register_commands(register):
    register(greet)
'''
_PROBE = ("import sys\nfrom mechanisms.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
          "print('IMPORTED', sorted(m for m in ('pluggy', 'greetplugin', 'mechanisms.plugins.manager', 'attrs', 'rich')"
          " if m in sys.modules), file=sys.stderr)\n")


def _install_command_plugin(site: Path, help_text: str) -> None:
    """A real installed distribution: a module and a dist-info folder with an entry point, on PYTHONPATH."""
    (site / "greetplugin.py").write_text(_COMMAND_PLUGIN.replace("{help}", help_text), encoding="utf-8")
    info = site / "greetplugin-1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: greetplugin\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text("[mechanisms]\ngreet = greetplugin\n", encoding="utf-8")


def _run(args: list[str], site: Path, cache: Path) -> tuple[str, str]:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(site), "MECHANISMS_CACHE_DIR": str(cache), "MECHANISMS_LANG": "en"}
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, env=env, check=True)
    return done.stdout, done.stderr


def test_plugin_commands_are_listed_from_the_index_without_importing_any_plugin(tmp_path: Path) -> None:
    import os
    import time

    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    _install_command_plugin(site, "Greet from a plugin.")
    out, err = _run(["--help"], site, cache)  # cold: the plugins are imported and the index written
    assert "greet     Greet from a plugin." in out
    assert "'greetplugin'" in err and "'pluggy'" in err
    assert (cache / "plugin-commands.json").is_file()
    out, err = _run(["--help"], site, cache)  # warm: the same list, nothing of the plugin system imported
    assert "greet     Greet from a plugin." in out
    assert err.strip().splitlines()[-1] == "IMPORTED []"
    out, err = _run(["greet"], site, cache)  # running it loads the plugin for real
    assert out == "你好，插件\n"
    # editing the plugin's source (a workspace plugin) rebuilds the list
    time.sleep(0.01)
    _install_command_plugin(site, "Greet, edited.")
    stamp = time.time_ns() + 10_000_000
    os.utime(site / "greetplugin.py", ns=(stamp, stamp))
    out, _ = _run(["--help"], site, cache)
    assert "greet     Greet, edited." in out and "Greet from a plugin." not in out
    # uninstalling it (its dist-info folder goes) drops the command from the list
    for f in (site / "greetplugin-1.0.dist-info").iterdir():
        f.unlink()
    (site / "greetplugin-1.0.dist-info").rmdir()
    out, _ = _run(["--help"], site, cache)
    assert "greet" not in out


def test_an_unwritable_cache_only_costs_speed(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "not-a-folder"
    site.mkdir()
    cache.write_text("a file where the cache folder would be", encoding="utf-8")
    _install_command_plugin(site, "Greet from a plugin.")
    for _ in range(2):
        out, err = _run(["--help"], site, cache)
        assert "greet     Greet from a plugin." in out and "'greetplugin'" in err
