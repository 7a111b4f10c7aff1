"""The docs stay complete: every hook and every table column is documented, and every link between pages resolves."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import mechanisms
from mechanisms.io.tables import ALL_TABLES
from mechanisms.plugins import hookspecs
from mechanisms.testing.contract import changed_value

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


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_links_between_documents_resolve() -> None:
    root = Path(__file__).resolve().parents[1]
    pages = [root / "README.md", *sorted((root / "docs").rglob("*.md")), *sorted(root.glob("plugins/*/README.md"))]
    broken = []
    for page in pages:
        text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+:", target):
                continue
            path, _, anchor = target.partition("#")
            file = (page.parent / path).resolve() if path else page
            if not file.exists():
                broken.append(f"{page.relative_to(root)}: {target} (no such file)")
            elif anchor and file.suffix == ".md":
                headings = re.findall(r"^#+ (.+)$", file.read_text(encoding="utf-8"), flags=re.M)
                if anchor not in {_slug(h) for h in headings}:
                    broken.append(f"{page.relative_to(root)}: {target} (no such heading)")
    assert not broken, "\n".join(broken)


def test_the_example_mechanism_file_is_valid(tmp_path: Path) -> None:
    """writing-a-mechanism.md holds one complete mechanism file; it loads, checks clean, and each assumption overrides."""
    text = (DOCS / "writing-a-mechanism.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"^```yaml\n(.*?)^```$", text, flags=re.S | re.M) if re.search(r"^key:", b, re.M)]
    assert len(blocks) == 1, f"expected one complete yaml example, found {len(blocks)}"
    file = tmp_path / "my-county.yaml"
    file.write_text(blocks[0], encoding="utf-8")
    m = mechanisms.load_mechanism_file(file)
    assert mechanisms.check_mechanism(m) == []
    assert m.assumptions, "the example shows no assumptions"
    for a in m.assumptions:
        new = changed_value(a.value)
        assert new is not None, f"{a.key}: no other value to try"
        changed = mechanisms.apply_overrides(m, {a.key: new})
        assert mechanisms.get_path(changed, a.path) == new, a.key
        assert mechanisms.check_mechanism(changed) == [], a.key
