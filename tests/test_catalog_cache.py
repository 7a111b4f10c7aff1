"""A fast start (issue 14): parsed mechanism files and the plugins' catalogue kept between processes, and
``validate`` without a mechanism building no catalogue at all.

What is kept is per process by nature, so every test runs real ``python`` processes against a private cache folder
(``MECHANISMS_CACHE_DIR``) and real files: a stand-in plugin is a real installed distribution (a package and a
dist-info folder with its entry point) on ``PYTHONPATH``. Whether a run read the cache or built afresh is seen in
what it imported: a hit imports neither the YAML parser and cattrs (a mechanism file) nor pluggy and the plugins
(the catalogue).
"""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from mechanisms.io import stamped_cache
from mechanisms.io.mechanism_file import FILES_FOLDER, RACY_NS

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "src" / "mechanisms" / "plugins" / "builtin" / "example.toml"
INSTALLED = ["changling-five-strengthen", "dongxing-4433", "example", "linjiang-five-bao", "louxing-three-duties",
             "xunyi-ten-actions"]
WATCH = ("pluggy", "yaml", "tomllib", "cattrs", "rich", "openpyxl", "mechanisms.plugins.manager",
         "mechanisms.io.county_write", "mechanisms.model.mechanism", "tmpcounty", "pycounty")

_PROBE = """
import json, sys
from mechanisms.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code
else:
    code = 0
print("IMPORTED " + json.dumps(sorted(m for m in WATCH if m in sys.modules)), file=sys.stderr)
sys.exit(code)
""".replace("WATCH", repr(WATCH))

_READ = """
import json, sys
from mechanisms.io.mechanism_file import load_mechanism_file
m = load_mechanism_file(sys.argv[1])
print(json.dumps({"key": m.key, "name": m.name.zh, "parsed": "cattrs" in sys.modules}, ensure_ascii=False))
"""


def mechanism_text(key: str, name: str = "临时机制") -> str:
    """The built-in example as a county's own file under another key and name (a real, valid mechanism file)."""
    text = EXAMPLE.read_text(encoding="utf-8")
    assert 'key = "example"\n' in text and 'name = { zh = "示例包保机制"' in text
    return text.replace('key = "example"\n', f'key = "{key}"\n', 1).replace(
        'name = { zh = "示例包保机制"', f'name = {{ zh = "{name}"', 1)


def settle(path: Path, seconds_ago: float = 5.0) -> None:
    """Set ``path``'s mtime to a while ago: a file written this instant is not kept (too racy to trust its stamp),
    as a county's file, written long before the command that reads it, is."""
    stamp = time.time_ns() - int(seconds_ago * 1e9)
    os.utime(path, ns=(stamp, stamp))


def env(cache: Path, site: Path | None, extra: dict[str, str]) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items()
           if k not in ("MECHANISMS_PATH", "MECHANISMS_NO_CACHE", "MECHANISMS_DISABLE_PLUGINS", "MECHANISMS_LOAD_PLUGINS",
                        "PYTHONPATH")}
    out.update(MECHANISMS_CACHE_DIR=str(cache), MECHANISMS_LANG="en")
    out.update(extra)
    if site is not None:
        out["PYTHONPATH"] = str(site)
    return out


def read_file(path: Path, cache: Path, **extra: str) -> dict[str, Any]:
    done = subprocess.run([sys.executable, "-c", _READ, str(path)], capture_output=True, text=True,
                          env=env(cache, None, extra), timeout=120)
    assert done.returncode == 0, done.stderr
    got: dict[str, Any] = json.loads(done.stdout)
    return got


def cli(args: list[str], cache: Path, site: Path | None = None, **extra: str) -> tuple[int, str, str, list[str]]:
    """Exit code, stdout, stderr (without the probe's line) and the watched modules the run imported."""
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True,
                          env=env(cache, site, extra), timeout=120)
    lines = done.stderr.splitlines()
    assert lines and lines[-1].startswith("IMPORTED "), done.stderr
    return done.returncode, done.stdout, "\n".join(lines[:-1]), json.loads(lines[-1][len("IMPORTED "):])


def listed(args: list[str], cache: Path, site: Path | None = None, **extra: str) -> tuple[dict[str, Any], list[str]]:
    code, out, err, imported = cli(["list", "--format", "json", *args], cache, site, **extra)
    assert code == 0, err
    return {m["key"]: m for m in json.loads(out)}, imported


def entries(cache: Path) -> list[Path]:
    return sorted((cache / FILES_FOLDER).glob("*.pickle"))


# ------------------------------------------------------------------ one mechanism file

def test_a_mechanism_file_is_parsed_once_then_read_back(tmp_path: Path) -> None:
    cache, path = tmp_path / "cache", tmp_path / "county.toml"
    path.write_text(mechanism_text("tmp-county"), encoding="utf-8")
    settle(path)
    assert read_file(path, cache) == {"key": "tmp-county", "name": "临时机制", "parsed": True}
    assert len(entries(cache)) == 1
    assert read_file(path, cache) == {"key": "tmp-county", "name": "临时机制", "parsed": False}  # no parser imported


def test_an_edited_file_is_read_again(tmp_path: Path) -> None:
    cache, path = tmp_path / "cache", tmp_path / "county.toml"
    path.write_text(mechanism_text("tmp-county", "甲乙机制"), encoding="utf-8")
    settle(path, 10)
    assert read_file(path, cache)["name"] == "甲乙机制"
    # the same size, the same inode: only the modification time tells the two apart
    with open(path, "r+b") as f:
        f.write(mechanism_text("tmp-county", "丙丁机制").encode("utf-8"))
    settle(path, 5)
    assert read_file(path, cache) == {"key": "tmp-county", "name": "丙丁机制", "parsed": True}
    assert read_file(path, cache) == {"key": "tmp-county", "name": "丙丁机制", "parsed": False}
    # another size
    path.write_text(mechanism_text("tmp-county", "一个长得多的名字的机制"), encoding="utf-8")
    settle(path, 4)
    assert read_file(path, cache) == {"key": "tmp-county", "name": "一个长得多的名字的机制", "parsed": True}
    assert len(entries(cache)) == 1  # one entry per file, replaced


def test_a_file_modified_just_now_is_not_kept(tmp_path: Path) -> None:
    cache, path = tmp_path / "cache", tmp_path / "county.toml"
    path.write_text(mechanism_text("tmp-county"), encoding="utf-8")
    now = time.time_ns() + 10 * RACY_NS  # "just now", whatever the time a process takes to start
    os.utime(path, ns=(now, now))
    assert read_file(path, cache)["parsed"] is True
    assert entries(cache) == []


def test_a_corrupt_or_foreign_cache_entry_is_ignored_and_rewritten(tmp_path: Path) -> None:
    cache, path = tmp_path / "cache", tmp_path / "county.toml"
    path.write_text(mechanism_text("tmp-county"), encoding="utf-8")
    settle(path)
    read_file(path, cache)
    (entry,) = entries(cache)
    good = entry.read_bytes()
    stamp = pickle.loads(good)  # the first pickle of an entry is its stamp
    for bad in (good[: len(good) // 2], pickle.dumps(stamp) + pickle.dumps(("not", "a mechanism"))):
        entry.write_bytes(bad)
        assert read_file(path, cache) == {"key": "tmp-county", "name": "临时机制", "parsed": True}
        assert read_file(path, cache)["parsed"] is False  # rewritten, and good again


def test_a_file_with_problems_is_never_kept_and_says_them_each_time(tmp_path: Path) -> None:
    cache, path = tmp_path / "cache", tmp_path / "county.toml"
    path.write_text(mechanism_text("tmp-county").replace('level = "town"', 'level = "province"', 1),
                    encoding="utf-8")
    settle(path)
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", _READ, str(path)], capture_output=True, text=True,
                              env=env(cache, None, {}), timeout=120)
        assert done.returncode != 0 and "province" in done.stderr
    assert entries(cache) == []


def test_no_cache_when_turned_off_or_unwritable(tmp_path: Path) -> None:
    path = tmp_path / "county.toml"
    path.write_text(mechanism_text("tmp-county"), encoding="utf-8")
    settle(path)
    cache = tmp_path / "cache"
    assert read_file(path, cache, MECHANISMS_NO_CACHE="1")["parsed"] is True
    assert read_file(path, cache, MECHANISMS_NO_CACHE="1")["parsed"] is True
    assert not cache.exists()
    blocked = tmp_path / "a-file"
    blocked.write_text("where the cache folder would be", encoding="utf-8")
    for _ in range(2):
        assert read_file(path, blocked) == {"key": "tmp-county", "name": "临时机制", "parsed": True}


def test_stamped_cache_round_trip_and_misses(tmp_path: Path) -> None:
    entry = tmp_path / "x" / "v.pickle"
    assert stamped_cache.read(entry, {"a": 1}) is None  # missing
    assert stamped_cache.write(entry, {"a": 1}, ["value"])
    assert stamped_cache.read(entry, {"a": 1}) == ["value"]
    assert stamped_cache.read(entry, {"a": 2}) is None  # another stamp
    assert stamped_cache.read_checked(entry, lambda s: s["a"] == 1) == ["value"]
    assert not stamped_cache.write(entry, {"a": 1}, lambda: None)  # unpicklable: not kept, no error
    assert stamped_cache.read(entry, {"a": 1}) == ["value"]  # and the old value is untouched
    assert [p.name for p in entry.parent.iterdir()] == ["v.pickle"]  # no temporary file left behind


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX file modes")
def test_an_entry_others_may_write_is_not_unpickled(tmp_path: Path) -> None:
    entry = tmp_path / "v.pickle"
    assert stamped_cache.write(entry, {"a": 1}, "value")
    assert entry.stat().st_mode & 0o777 == 0o600
    entry.chmod(0o666)  # a shared folder: anyone could have put a pickle there
    assert stamped_cache.read(entry, {"a": 1}) is None
    entry.chmod(0o644)
    assert stamped_cache.read(entry, {"a": 1}) == "value"


# ------------------------------------------------------------------ the plugins' catalogue

_DATA_PLUGIN = '''
from importlib.resources import files
from mechanisms import hookimpl, register_file

@hookimpl
def register_mechanisms(register):
    register_file(register, files(__package__) / "mechanism.toml")
'''

_PYTHON_PLUGIN = '''
import os
from mechanisms import Mechanism, hookimpl
from mechanisms.plugins.builtin import builtin_mechanisms
import attrs

@hookimpl
def register_mechanisms(register):
    m = builtin_mechanisms()[0]
    label = attrs.evolve(m.name, zh=os.environ.get("PYCOUNTY_NAME", "代码机制"))
    register(attrs.evolve(m, key="py-county", name=label))
'''


def install(site: Path, module: str, body: str, *, toml: str | None = None) -> Path:
    """A real installed distribution on ``site``: a package, and a dist-info folder naming its entry point."""
    package = site / module
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text(body, encoding="utf-8")
    if toml is not None:
        (package / "mechanism.toml").write_text(toml, encoding="utf-8")
    for f in package.iterdir():
        settle(f)
    info = site / f"{module}-1.0.dist-info"
    info.mkdir(exist_ok=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[mechanisms]\n{module} = {module}\n", encoding="utf-8")
    return package


def test_every_command_sees_every_mechanism_and_a_warm_one_imports_no_plugin(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold, imported = listed([], cache)
    assert sorted(cold) == INSTALLED
    assert "pluggy" in imported and "mechanisms.plugins.manager" in imported
    warm, imported = listed([], cache)
    assert warm == cold
    assert "pluggy" not in imported and "mechanisms.plugins.manager" not in imported and "yaml" not in imported
    code, out, err, imported = cli(["show", "dongxing-4433", "--format", "json"], cache)
    assert code == 0, err
    assert json.loads(out)["key"] == "dongxing-4433" and "pluggy" not in imported
    # `plugins` still names every plugin, from the kept catalogue
    code, out, err, imported = cli(["plugins", "--format", "json"], cache)
    assert code == 0, err
    assert {p["name"] for p in json.loads(out)["plugins"]} >= {"builtin", *[k for k in INSTALLED if k != "example"]}


def test_a_plugins_edited_data_file_rebuilds_the_catalogue(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    package = install(site, "tmpcounty", _DATA_PLUGIN, toml=mechanism_text("tmp-county", "甲乙机制"))
    got, imported = listed([], cache, site)
    assert got["tmp-county"]["name"]["zh"] == "甲乙机制" and got["tmp-county"]["plugin"] == "tmpcounty"
    assert sorted(got) == sorted([*INSTALLED, "tmp-county"])
    got, imported = listed([], cache, site)
    assert got["tmp-county"]["name"]["zh"] == "甲乙机制" and "tmpcounty" not in imported and "pluggy" not in imported
    with open(package / "mechanism.toml", "r+b") as f:  # the same size: only the times differ
        f.write(mechanism_text("tmp-county", "丙丁机制").encode("utf-8"))
    settle(package / "mechanism.toml", 2)
    got, imported = listed([], cache, site)
    assert got["tmp-county"]["name"]["zh"] == "丙丁机制" and "tmpcounty" in imported
    got, imported = listed([], cache, site)
    assert got["tmp-county"]["name"]["zh"] == "丙丁机制" and "tmpcounty" not in imported


_COMMANDS = """
import json, sys
from mechanisms.plugins.catalog_cache import cached_catalog
catalog = cached_catalog()
kept = catalog._commands is None
print(json.dumps({"read back": kept, "commands": [c.name for _, c in catalog.commands],
                  "keys": sorted(catalog.entries), "plugin imported": "tmpcounty" in sys.modules}))
"""


def test_a_catalogue_read_back_loads_the_plugins_commands_when_asked(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    install(site, "tmpcounty", _DATA_PLUGIN + "\nimport click\n\n@click.command('greet')\ndef greet():\n"
            "    click.echo('hi')\n\n@hookimpl\ndef register_commands(register):\n    register(greet)\n",
            toml=mechanism_text("tmp-county"))
    got = []
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", _COMMANDS], capture_output=True, text=True,
                              env=env(cache, site, {}), timeout=120)
        assert done.returncode == 0, done.stderr
        got.append(json.loads(done.stdout))
    assert [g["read back"] for g in got] == [False, True]
    assert all(g["commands"] == ["greet"] and g["plugin imported"] for g in got)  # asked for: loaded
    assert got[0]["keys"] == got[1]["keys"] == sorted([*INSTALLED, "tmp-county"])


def test_installing_and_removing_a_plugin_is_seen(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    assert "tmp-county" not in listed([], cache, site)[0]
    assert "tmp-county" not in listed([], cache, site)[0]  # kept
    install(site, "tmpcounty", _DATA_PLUGIN, toml=mechanism_text("tmp-county"))
    got, imported = listed([], cache, site)
    assert "tmp-county" in got and "tmpcounty" in imported
    for f in (site / "tmpcounty-1.0.dist-info").iterdir():
        f.unlink()
    (site / "tmpcounty-1.0.dist-info").rmdir()
    assert "tmp-county" not in listed([], cache, site)[0]


def test_a_mechanism_made_in_python_is_asked_for_every_time(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    install(site, "pycounty", _PYTHON_PLUGIN)
    got, imported = listed([], cache, site)
    assert got["py-county"]["name"]["zh"] == "代码机制" and got["py-county"]["plugin"] == "pycounty"
    got, imported = listed([], cache, site, PYCOUNTY_NAME="另一个名字")
    assert got["py-county"]["name"]["zh"] == "另一个名字"  # its hook ran again: nothing of it was kept
    assert "pycounty" in imported and "pluggy" in imported
    assert sorted(got) == sorted([*INSTALLED, "py-county"])


def test_a_broken_plugin_is_reported_every_time(tmp_path: Path) -> None:
    site, cache = tmp_path / "site", tmp_path / "cache"
    install(site, "tmpcounty", "from mechanisms import hookimpl\n\n@hookimpl\ndef register_mechanisms(register):\n"
                               "    raise RuntimeError('database unreachable')\n")
    for _ in range(2):
        code, out, err, _ = cli(["list", "--format", "json"], cache, site)
        assert code == 0
        assert "plugin 'tmpcounty': register_mechanisms raised RuntimeError: database unreachable" in err
        assert sorted(m["key"] for m in json.loads(out)) == INSTALLED


def test_a_corrupt_catalogue_is_ignored_and_rewritten(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    listed([], cache)
    (kept,) = sorted((cache / "catalogs").glob("*.pickle"))
    for bad in (b"\x80\x05garbage", kept.read_bytes()[:100]):
        kept.write_bytes(bad)
        got, imported = listed([], cache)
        assert sorted(got) == INSTALLED and "pluggy" in imported
        got, imported = listed([], cache)
        assert sorted(got) == INSTALLED and "pluggy" not in imported


def test_mechanism_files_on_the_path_and_the_command_line_are_added_afresh(tmp_path: Path) -> None:
    cache, folder = tmp_path / "cache", tmp_path / "mine"
    folder.mkdir()
    listed([], cache)  # the plugins' catalogue is kept
    (folder / "a.toml").write_text(mechanism_text("path-county", "路径机制"), encoding="utf-8")
    settle(folder / "a.toml")
    got, imported = listed([], cache, MECHANISMS_PATH=str(folder))
    assert got["path-county"]["name"]["zh"] == "路径机制" and "pluggy" not in imported
    (folder / "a.toml").write_text(mechanism_text("path-county", "改过的路径机制"), encoding="utf-8")
    settle(folder / "a.toml", 1)
    (folder / "b.toml").write_text(mechanism_text("second-county"), encoding="utf-8")
    settle(folder / "b.toml")
    got, _ = listed([], cache, MECHANISMS_PATH=str(folder))
    assert got["path-county"]["name"]["zh"] == "改过的路径机制" and "second-county" in got
    assert "path-county" not in listed([], cache)[0]  # never part of the plugins' catalogue
    own = tmp_path / "own.toml"
    own.write_text(mechanism_text("dongxing-4433", "县里自己的 4433"), encoding="utf-8")  # replaces the plugin's
    settle(own)
    got, _ = listed(["--mechanism-file", str(own)], cache)
    assert got["dongxing-4433"]["name"]["zh"] == "县里自己的 4433" and got["dongxing-4433"]["plugin"] == f"file:{own}"
    assert listed([], cache)[0]["dongxing-4433"]["plugin"] == "dongxing-4433"


# ------------------------------------------------------------------ validate: only what it uses

def test_validate_without_a_mechanism_builds_no_catalogue_and_imports_no_writer(tmp_path: Path) -> None:
    code, out, err, imported = cli(["validate", "demo"], tmp_path / "cache")
    assert code == 0, err
    assert out.startswith("OK: 340 units")
    # issue 14's start-up budget: validate without --mechanism needs no plugin (pluggy), no mechanism model, no
    # writer (YAML, TOML, cattrs, openpyxl) and no rich; an import of one of them on this path shows up here
    assert imported == [], f"validate demo imported {imported}: import them where they are used"
    assert not (tmp_path / "cache" / "catalogs").exists()


def test_validate_against_a_mechanism_still_sees_the_others(tmp_path: Path) -> None:
    # the demo keeps records of several mechanisms: an indicator of another one is no problem, and the others
    # come from the kept catalogue on the second run
    for _ in range(2):
        code, out, err, imported = cli(["validate", "demo", "--mechanism", "example", "--format", "json"],
                                       tmp_path / "cache")
        assert code == 0, err
        doc = json.loads(out)
        assert doc["ok"] is True
        assert not [w for w in doc.get("warnings", []) if "nor of any other mechanism" in w["message"]]
    assert "pluggy" not in imported


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_validate_prints_its_verdict_screen_safe_without_rich(tmp_path: Path, lang: str) -> None:
    code, out, _, imported = cli(["--lang", lang, "validate", "demo"], tmp_path / "cache")
    assert code == 0 and "rich" not in imported
    assert out == ("数据有效：340 个单位（288 户），80 名责任主体，347 条包保关系\n" if lang == "zh" else
                   "OK: 340 units (288 households), 80 actors, 347 assignments\n")


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_coverage_as_json_or_csv_imports_no_rich_and_no_cattrs(tmp_path: Path, fmt: str) -> None:
    """A machine-readable report prints no table: rich (a console) and cattrs (the year's text) stay unimported."""
    for _ in range(2):  # the second run reads the kept catalogue
        code, out, err, imported = cli(["coverage", "demo", "--mechanism", "example", "--format", fmt],
                                       tmp_path / "cache")
        assert code == 0, err
    assert out and "rich" not in imported and "cattrs" not in imported, imported
