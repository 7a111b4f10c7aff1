"""`mechanisms new`: the plugin it writes is valid, its own tests pass at once, and nothing is overwritten unasked."""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import attrs
import pytest
from click.testing import CliRunner

from mechanisms import Catalog, Mechanism, check_mechanism, load_mechanism_file
from mechanisms.cli import main
from mechanisms.cli.new_cmds import plugin_files
from mechanisms.testing import contract_problems

NAME = "my-county"
PACKAGE = "mechanisms_my_county"
FILES = {
    "README.md",
    "pyproject.toml",
    f"src/{PACKAGE}/__init__.py",
    f"src/{PACKAGE}/mechanism.yaml",
    "tests/source/source.txt",
    f"tests/test_{PACKAGE}.py",
}


def _tree(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def _new(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["new", *args])
    return result.exit_code, result.stdout, result.stderr


def _generate(tmp_path: Path, name: str = NAME) -> Path:
    target = tmp_path / name.replace("-", "_")
    code, out, _ = _new(name, "--dir", str(target))
    assert code == 0, out
    return target


# --- (a) the command -----------------------------------------------------------------------------------------------


def test_new_writes_the_tree_and_says_what_next(tmp_path: Path) -> None:
    target = tmp_path / "plugins" / "my_county"
    code, out, _ = _new(NAME, "--dir", str(target))
    assert code == 0, out
    assert _tree(target) == FILES
    assert os.listdir(tmp_path / "plugins") == ["my_county"]  # no temporary folder left beside it
    assert "已写入插件 mechanisms-my-county（机制 my-county）" in out
    assert f"uv run pytest {target}" in out and "[tool.uv.workspace]" in out
    assert f"src/{PACKAGE}/mechanism.yaml" in out
    pyproject = (target / "pyproject.toml").read_text(encoding="utf-8")
    assert 'name = "mechanisms-my-county"' in pyproject
    assert f'[project.entry-points.mechanisms]\nmy-county = "{PACKAGE}"' in pyproject
    assert "mechanisms = { workspace = true }" in pyproject
    assert "register_file" in (target / "src" / PACKAGE / "__init__.py").read_text(encoding="utf-8")


def test_new_in_english_and_to_the_default_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, _ = _new("county-2", "--lang", "en")
    assert code == 0, out
    assert "Wrote the plugin mechanisms-county-2 (mechanism county-2): county_2" in out
    assert "Next steps:" in out
    assert _tree(tmp_path / "county_2") == {f.replace(PACKAGE, "mechanisms_county_2") for f in FILES}


def test_new_refuses_to_overwrite_and_force_replaces(tmp_path: Path) -> None:
    target = _generate(tmp_path)
    edited = target / "README.md"
    edited.write_text("mine", encoding="utf-8")
    code, out, err = _new(NAME, "--dir", str(target))
    assert code == 2
    assert f"错误：{target} 已存在；不替换（加 --force 可替换）" in err  # the default --lang is zh
    assert edited.read_text(encoding="utf-8") == "mine"
    (target / "extra.txt").write_text("x", encoding="utf-8")
    code, out, _ = _new(NAME, "--dir", str(target), "--force")
    assert code == 0, out
    assert "已替换插件" in out
    assert _tree(target) == FILES  # replaced whole, not merged
    assert edited.read_text(encoding="utf-8").startswith("# mechanisms-my-county")
    assert os.listdir(tmp_path) == ["my_county"]


def test_force_never_replaces_the_current_folder_or_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = _generate(tmp_path)
    monkeypatch.chdir(target / "src")
    code, _, err = _new(NAME, "--dir", str(target), "--force")
    assert code == 2 and "包含当前文件夹" in err
    assert _tree(target) == FILES
    file = tmp_path / "a-file"
    file.write_text("keep", encoding="utf-8")
    code, _, err = _new(NAME, "--dir", str(file), "--force")
    assert code == 2 and file.read_text(encoding="utf-8") == "keep"


@pytest.mark.parametrize("bad", ["My-County", "my_county", "my county", "-x", "x-", "a--b", "县", ""])
def test_a_bad_name_is_a_usage_error_without_traceback(tmp_path: Path, bad: str) -> None:
    result = CliRunner().invoke(main, ["new", "--dir", str(tmp_path / "p"), "--", bad])
    assert result.exit_code == 2
    assert "'NAME' 的值无效" in result.stderr and "请用小写字母、数字" in result.stderr
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)
    assert not (tmp_path / "p").exists()


# --- (b) the mechanism it writes -----------------------------------------------------------------------------------


def test_the_templates_render_completely() -> None:
    files = plugin_files(NAME)
    assert set(files) == FILES
    for rel, text in files.items():
        assert not re.search(r"\{\{\s*\w+\s*\}\}", text) and "PACKAGE" not in text, rel
    assert "【占位来源，请替换为真实来源】" in files["tests/source/source.txt"]


def test_the_generated_mechanism_is_valid_and_every_section_is_explained(tmp_path: Path) -> None:
    target = _generate(tmp_path)
    path = target / "src" / PACKAGE / "mechanism.yaml"
    m = load_mechanism_file(path)
    assert check_mechanism(m) == []
    assert m.key == NAME
    assert len(m.roles) >= 2 and m.coverage_rules and m.policy is not None and m.assumptions
    assert m.reference is not None and m.reference.figures and m.reference.derived
    assert any("[" in a.path for a in m.assumptions)  # a key path, not an index
    text = path.read_text(encoding="utf-8")
    for field in ("quotes", *(f.name for f in attrs.fields(Mechanism))):
        # each section is written (or, where the placeholder source has nothing for it, shown commented out) ...
        assert re.search(rf"^(# )?{field}:", text, re.M), field
        # ... under a comment that names it
        assert re.search(rf"^# --- .*\b{field}\b", text, re.M) or field in {"name", "county", "year", "summary", "source"}, field


# --- (c) the plugin's own tests ------------------------------------------------------------------------------------


def test_the_generated_package_registers_its_mechanism(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       temp_plugin: Callable[..., Catalog]) -> None:
    target = _generate(tmp_path, "registered-county")
    package = "mechanisms_registered_county"
    monkeypatch.syspath_prepend(str(target / "src"))
    module = importlib.import_module(package)
    monkeypatch.delitem(sys.modules, package)
    catalog = temp_plugin(module)
    assert catalog.problems == []
    assert catalog.get("registered-county") == load_mechanism_file(target / "src" / package / "mechanism.yaml")


def test_the_generated_mechanism_keeps_the_plugin_contract(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = _generate(tmp_path)
    folder = target / "src" / PACKAGE
    monkeypatch.setenv("MECHANISMS_PATH", str(folder))
    assert contract_problems(NAME, source=target / "tests" / "source" / "source.txt",
                             mechanism_file=folder / "mechanism.yaml") == []


def test_the_generated_tests_pass(tmp_path: Path) -> None:
    target = _generate(tmp_path)
    env = {k: v for k, v in os.environ.items() if k not in ("MECHANISMS_PATH", "PYTEST_ADDOPTS")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(target / "src"), env.get("PYTHONPATH")]))
    run = subprocess.run([sys.executable, "-m", "pytest", str(target / "tests"), "-q", "-p", "no:cacheprovider"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert re.search(r"\b2 passed\b", run.stdout), run.stdout
