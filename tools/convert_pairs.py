"""Turn bilingual literal pairs into catalog lookups: ``L("中文", "English")`` → ``_("English")``.

Usage (from the repository root, in the dev environment, which has Babel)::

    .venv/bin/python -m tools.convert_pairs [--dry-run] FILE_OR_FOLDER…   # e.g. src/mechanisms/coverage
    make catalogs                                                          # re-extract, update, compile

For each module under ``src/mechanisms`` it rewrites

- ``L("zh", "en")`` and ``Label("zh", "en")`` (both plain string literals, implicit concatenation allowed) into
  ``_("en")`` -- the English source text kept as written, so line breaks and concatenation survive;
- ``zh_en(lang, "zh", "en")`` into ``_("en").get(lang)``;

adds each pair to ``src/mechanisms/locale/zh/LC_MESSAGES/mechanisms.po`` (msgid = en, msgstr = zh), imports ``_``
(or ``p_``) from ``mechanisms.model.labels``, drops ``L``/``Label`` from the import where nothing else uses them,
and renames a throwaway ``_`` the module binds (``for _ in``, ``x, _ =``, ``lambda _:``, a parameter ``_``) to
``__`` so it cannot hide the function. One English text given two Chinese renderings is a *conflict*: the first
keeps the plain msgid, the others become ``p_("<module>", "en")`` with the module's name as msgctxt, and
the conflict is listed. Pairs with an f-string or computed side are listed (file:line) for conversion by hand to
``_("… {x} …").format(x=…)``.

Idempotent: a converted file has no literal pair left, and a pair already in the catalog with the same Chinese is
not added twice. Exit status 0; the report goes to stdout.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections.abc import Iterable
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"
PO = SRC / "mechanisms" / "locale" / "zh" / "LC_MESSAGES" / "mechanisms.po"
PAIR_CALLS = ("L", "Label")
LABELS_MODULE = "mechanisms.model.labels"


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _offsets(source: str) -> list[int]:
    starts, pos = [0], 0
    for line in source.splitlines(keepends=True):
        pos += len(line)
        starts.append(pos)
    return starts


class Conversion:
    """What converting one module found and did."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pairs: list[tuple[int, str | None, str, str]] = []  # line, context, en, zh
        self.by_hand: list[tuple[int, str]] = []
        self.renamed: list[int] = []
        self.new_source: str | None = None


def _labels_import(path: Path) -> str:
    """The import of ``mechanisms.model.labels`` as the module's package would write it (relative)."""
    try:
        rel = path.resolve().relative_to(SRC / "mechanisms")
    except ValueError:
        return LABELS_MODULE
    depth = len(rel.parts) - 1
    if rel.parts[:1] == ("model",) and depth == 1:
        return ".labels"
    return "." * (depth + 1) + "model.labels"


def convert_source(path: Path, source: str, known: dict[tuple[str | None, str], str]) -> Conversion:
    """Rewrite one module's pairs; ``known`` maps (context, en) to the zh already in the catalog (updated)."""
    out = Conversion(path)
    tree = ast.parse(source)
    starts = _offsets(source)
    lines = source.splitlines(keepends=True)

    def at(line: int, byte: int) -> int:  # ast columns count UTF-8 bytes; the edits count characters
        return starts[line - 1] + len(lines[line - 1].encode("utf-8")[:byte].decode("utf-8"))

    def span(node: ast.AST) -> tuple[int, int]:
        return (at(node.lineno, node.col_offset),  # type: ignore[attr-defined]
                at(node.end_lineno, node.end_col_offset))  # type: ignore[attr-defined]

    edits: list[tuple[int, int, str]] = []
    context = path.stem
    used_p = False
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
            continue
        name = node.func.id
        if name in PAIR_CALLS and len(node.args) == 2 and not node.keywords:
            zh_node, en_node, suffix = node.args[0], node.args[1], ""
        elif name == "zh_en" and len(node.args) == 3 and not node.keywords:
            zh_node, en_node = node.args[1], node.args[2]
            a, b = span(node.args[0])
            suffix = f".get({source[a:b]})"
        else:
            continue
        zh, en = _literal(zh_node), _literal(en_node)
        if zh is None or en is None:
            if isinstance(zh_node, ast.JoinedStr | ast.Constant) or isinstance(en_node, ast.JoinedStr | ast.Constant):
                out.by_hand.append((node.lineno, ast.get_source_segment(source, node) or name))
            continue
        if not en:
            out.by_hand.append((node.lineno, ast.get_source_segment(source, node) or name))
            continue
        ctx: str | None = None
        if (None, en) in known and known[(None, en)] != zh:
            ctx = context
            if (ctx, en) in known and known[(ctx, en)] != zh:
                out.by_hand.append((node.lineno, f"{en!r}: a third Chinese rendering {zh!r} in one module"))
                continue
        known.setdefault((ctx, en), zh)
        out.pairs.append((node.lineno, ctx, en, zh))
        a, b = span(en_node)
        start, end = span(node)
        call = f'p_("{ctx}", {source[a:b]})' if ctx else f"_({source[a:b]})"
        used_p |= ctx is not None
        edits.append((start, end, call + suffix))
    if not edits:
        return out
    edits += _rename_throwaways(tree, span, out)
    new = source
    for start, end, text in sorted(edits, reverse=True):
        new = new[:start] + text + new[end:]
    out.new_source = _fix_imports(path, new, {"_", *(["p_"] if used_p else [])})
    return out


def _rename_throwaways(tree: ast.AST, span: object, out: Conversion) -> list[tuple[int, int, str]]:
    edits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "_" and isinstance(node.ctx, ast.Store):
            a, b = span(node)  # type: ignore[operator]
            edits.append((a, b, "__"))
            out.renamed.append(node.lineno)
        elif isinstance(node, ast.arg) and node.arg == "_":
            a, _b = span(node)  # type: ignore[operator]
            edits.append((a, a + 1, "__"))
            out.renamed.append(node.lineno)
    return edits


def _fix_imports(path: Path, source: str, needed: set[str]) -> str:
    """Add ``needed`` to the module's labels import (or a new one), drop ``L``/``Label`` where now unused."""
    tree = ast.parse(source)
    used = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)} | {
        n.value.id for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name)}
    annotations = source  # names used only in string annotations (``from __future__ import annotations``)
    lines = source.splitlines(keepends=True)
    target = _labels_import(path)
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and (("." * node.level) + (node.module or "")) in (target, LABELS_MODULE):
            names = [a.name if a.asname is None else f"{a.name} as {a.asname}" for a in node.names]
            keep = [n for n in names if n not in PAIR_CALLS or n in used or _in_annotation(annotations, n)]
            merged = sorted(set(keep) | needed, key=_isort_key)
            text = f"from {'.' * node.level}{node.module or ''} import {', '.join(merged)}\n"
            return "".join(lines[: node.lineno - 1]) + text + "".join(lines[node.end_lineno:])
    last = max((n.end_lineno or n.lineno for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)), default=0)
    text = f"from {target} import {', '.join(sorted(needed))}\n"
    return "".join(lines[:last]) + text + "".join(lines[last:])


def _isort_key(name: str) -> tuple[int, str]:
    """ruff's (isort's) order of imported names: CONSTANTS, then Classes, then functions and variables."""
    bare = name.split(" as ")[0]
    kind = 0 if bare.isupper() else 1 if bare[:1].isupper() else 2
    return kind, bare.lower() if kind < 2 else bare


def _in_annotation(source: str, name: str) -> bool:
    tree = ast.parse(source)
    for node in ast.walk(tree):
        ann = getattr(node, "annotation", None) or getattr(node, "returns", None)
        if ann is not None and any(isinstance(n, ast.Name) and n.id == name for n in ast.walk(ann)):
            return True
    return False


def _files(args: Iterable[str]) -> list[Path]:
    out: list[Path] = []
    for a in args:
        p = Path(a)
        out.extend(sorted(p.rglob("*.py")) if p.is_dir() else [p])
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--dry-run", action="store_true", help="report, change nothing")
    args = parser.parse_args(argv)
    with PO.open("rb") as f:
        catalog: Catalog = read_po(f)
    known: dict[tuple[str | None, str], str] = {(m.context, str(m.id)): str(m.string) for m in catalog if m.id and m.string}
    before = dict(known)
    conversions = [convert_source(p, p.read_text(encoding="utf-8"), known) for p in _files(args.paths)]
    for c in conversions:
        rel = c.path.resolve().relative_to(ROOT) if c.path.resolve().is_relative_to(ROOT) else c.path
        if c.pairs:
            print(f"{rel}: {len(c.pairs)} pair(s) converted" + (f", `_` renamed on lines {sorted(set(c.renamed))}"
                                                               if c.renamed else ""))
        for line, ctx, en, zh in c.pairs:
            if ctx:
                print(f"  conflict {rel}:{line}: {en!r} is {before.get((None, en)) or known[(None, en)]!r} elsewhere, "
                      f"{zh!r} here: msgctxt {ctx!r}")
        for line, text in c.by_hand:
            print(f"  by hand {rel}:{line}: {text.splitlines()[0][:110]}")
        if c.new_source is not None and not args.dry_run:
            c.path.write_text(c.new_source, encoding="utf-8")
    added = {k: v for k, v in known.items() if k not in before}
    for (ctx, en), zh in added.items():
        msg = catalog.get(en, context=ctx)
        if msg is None:
            catalog.add(en, zh, context=ctx)
        else:
            msg.string = zh
    if added and not args.dry_run:
        with PO.open("wb") as f:
            write_po(f, catalog, sort_output=True, omit_header=False, width=120, no_location=True)
    print(f"{sum(len(c.pairs) for c in conversions)} pair(s) converted, {len(added)} new catalog entries, "
          f"{sum(len(c.by_hand) for c in conversions)} to convert by hand"
          + (" (dry run: nothing written)" if args.dry_run else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
