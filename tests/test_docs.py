"""The docs stay complete: every hook and every table column is documented."""

from __future__ import annotations

import inspect
from pathlib import Path

from mechanisms.data.tables import ALL_TABLES
from mechanisms.plugins import hookspecs

DOCS = Path(__file__).resolve().parents[1] / "docs"


def _hooks() -> list[str]:
    return [name for name, fn in inspect.getmembers(hookspecs, inspect.isfunction)
            if hasattr(fn, "mechanisms_spec")]


def test_there_are_hooks() -> None:
    assert "register_mechanisms" in _hooks()


def test_every_hook_is_documented_with_its_signature() -> None:
    text = (DOCS / "hooks.md").read_text(encoding="utf-8")
    for name in _hooks():
        params = ", ".join(inspect.signature(getattr(hookspecs, name)).parameters)
        assert f"## `{name}({params})`" in text, f"hook {name} is not documented in docs/hooks.md"
        assert getattr(hookspecs, name).__doc__, f"hook {name} has no docstring"


def test_every_table_and_column_is_documented() -> None:
    text = (DOCS / "data-format.md").read_text(encoding="utf-8")
    for table in ALL_TABLES:
        assert f"### `{table.name}` ({table.zh})" in text, table.name
        for col in table.columns:
            assert f"| `{col.field}` | {col.zh} |" in text, f"{table.name}.{col.field}"
