"""Writing command results as a terminal table, JSON or CSV, in Chinese or English.

Commands build plain rows (dicts keyed by column) plus, where the JSON contract differs
from the table, a JSON document; this module only renders.
"""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import click

from ..io import strict_json
from ..io.cells import safe_cell
from ..model.labels import Label, Lang
from ..model.rows import Block, Col, Rows, Say
from ..model.safe_text import mask_personal
from .screen import screen_text, show_personal  # kept apart: a plain line needs no rich (cli/screen.py)

if TYPE_CHECKING:
    from rich.console import Console

__all__ = ["Col", "console", "emit", "emit_blocks", "emit_csv", "emit_json", "err_console", "plain",
           "screen_text", "show_personal"]


PIPE_WIDTH = 400
"""Width of tables written to a file or pipe: a log keeps whole rows rather than cells cut to 80 columns."""


def console() -> Console:
    """Standard output: the terminal's width, or, written to a file or pipe (a CI log, ``> out.txt``), wide enough
    for whole rows (``COLUMNS`` still rules where set)."""
    from .safe_console import SafeConsole

    if sys.stdout.isatty() or "COLUMNS" in os.environ:
        return SafeConsole(soft_wrap=True, highlight=False)
    return SafeConsole(soft_wrap=True, highlight=False, width=PIPE_WIDTH)


def err_console() -> Console:
    from .safe_console import SafeConsole

    return SafeConsole(stderr=True, highlight=False, soft_wrap=True)


def _fmt_cell(value: Any, lang: Lang) -> str:
    if value is None:
        return "—"
    if isinstance(value, Label):
        return screen_text(value.get(lang))
    if isinstance(value, str):
        return screen_text(value)
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1e4 else f"{value:,.0f}"
    if isinstance(value, list | tuple):
        return ", ".join(_fmt_cell(v, lang) for v in value)
    return str(value)


def plain(value: Any, lang: Lang) -> Any:
    """A value as JSON/CSV carries it: labels become text in ``lang``."""
    if isinstance(value, Label):
        return value.get(lang)
    if isinstance(value, list | tuple):
        return [plain(v, lang) for v in value]
    if isinstance(value, dict):
        return {k: plain(v, lang) for k, v in value.items()}
    return value


def emit_json(doc: Any) -> None:
    click.echo(strict_json.dumps(doc, ensure_ascii=False, indent=2, default=str))


def emit(rows: Sequence[dict[str, Any]], cols: Sequence[Col], *, fmt: str, lang: Lang,
         title: Label | None = None, json_doc: Any = None, caption: str | None = None) -> None:
    """Rows as JSON, CSV or a terminal table."""
    if fmt == "json":
        emit_json(json_doc if json_doc is not None else [{c.key: plain(r.get(c.key), lang) for c in cols} for r in rows])
        return
    if fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow([c.key for c in cols])
        for r in rows:
            w.writerow(["" if r.get(c.key) is None else _csv_cell(plain(r.get(c.key), lang)) for c in cols])
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=Text(screen_text(title.get(lang))) if title else None,
                  caption=Text(screen_text(caption)) if caption else None, show_lines=False)
    for c in cols:
        table.add_column(Text(c.label.get(lang)), justify=c.justify)  # type: ignore[arg-type]
    for r in rows:
        table.add_row(*(Text(_fmt_cell(r.get(c.key), lang)) for c in cols))
    console().print(table)


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        value = ";".join(str(v) for v in value)
    if isinstance(value, str) and not show_personal():
        value = mask_personal(value)
    return safe_cell(value)


def emit_csv(rows: Sequence[Sequence[Any]]) -> None:
    """Plain rows (header first) as CSV on standard output, every text cell defused against formula injection."""
    w = csv.writer(sys.stdout, lineterminator="\n")
    for row in rows:
        w.writerow([_csv_cell(v) for v in row])


def emit_blocks(blocks: Sequence[Block], *, lang: Lang) -> None:
    """A result's blocks as a person reads them: lines of text and titled tables, in order."""
    for b in blocks:
        if isinstance(b, Say):
            console().print(b.text, markup=False)
        elif isinstance(b, Rows):
            emit(b.rows, b.cols, fmt="table", lang=lang, title=b.title, caption=b.caption)
