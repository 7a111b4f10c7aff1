"""The problems of a county's files, as ``validate`` shows them: a few of each kind on the terminal, all of them in a file.

A county with a million bad rows must not print a million lines nor hold a million messages:
the terminal gets the first few of each kind and the count of the rest, and ``--format
json|csv`` (stdout) and ``-o problems.csv`` (a file) stream the complete list, one problem at
a time, from the :class:`~mechanisms.io.problems.ProblemLog`'s columns of bad rows.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from ..io.cells import safe_cell
from ..io.problems import ProblemLog, Severity

FIRST = 5
"""Problems of one kind shown on the terminal; the rest are counted."""
KEYS = ("file", "row", "field", "message")
SECTIONS: tuple[tuple[str, Severity], ...] = (("problems", "error"), ("warnings", "warning"), ("notices", "notice"))
HEADERS_ZH = ("文件", "行", "列", "问题", "级别")
"""The header row of a Chinese problems file: ``file, row, field, message, severity``."""
SEVERITY_ZH: dict[Severity, str] = {"error": "错误", "warning": "警告", "notice": "提示"}


def _rows(log: ProblemLog, severity: Severity, lang: str) -> Iterator[dict[str, object]]:
    for p in log.problems(severity):
        message = p.en if lang == "en" and p.en else p.message
        yield {"file": p.file, "row": p.row, "field": p.field, "message": message}


def write_json(log: ProblemLog, out: IO[str], lang: str) -> None:
    """``{"ok", "problems": [...]}`` plus ``warnings`` and ``notices`` where there are any, written as it goes."""
    out.write('{"ok": ' + ("true" if log.ok else "false"))
    for name, sev in SECTIONS:
        if sev != "error" and not log.count(sev):
            continue
        out.write(f', "{name}": [')
        for i, row in enumerate(_rows(log, sev, lang)):
            out.write((", " if i else "") + json.dumps(row, ensure_ascii=False))
        out.write("]")
    out.write("}\n")


def write_csv(log: ProblemLog, out: IO[str], lang: str, headers: str = "en") -> None:
    """One CSV line per problem (errors, then warnings, then notices), with its severity; cells formula-safe.

    ``headers="zh"`` writes the header row and the severities in Chinese (文件, 行, 列, 问题, 级别; 错误 …), for a
    file an office opens in Excel; stdout keeps the English keys scripts read."""
    w = csv.writer(out, lineterminator="\n")
    zh = headers == "zh"
    w.writerow(list(HEADERS_ZH) if zh else [*KEYS, "severity"])
    for _, sev in SECTIONS:
        shown = SEVERITY_ZH[sev] if zh else sev
        for row in _rows(log, sev, lang):
            w.writerow([safe_cell("" if row[k] is None else row[k]) for k in KEYS] + [shown])


def write_terminal(log: ProblemLog, lang: str, out: IO[str] | None = None) -> None:
    out = out or sys.stdout
    for _, sev in SECTIONS:
        lines = list(log.summary(sev, first=FIRST, lang=lang))
        if not lines:
            continue
        if sev != "error":
            out.write(("警告：\n" if sev == "warning" else "提示：\n") if lang == "zh" else
                      ("warnings:\n" if sev == "warning" else "notes:\n"))
        out.write("\n".join(lines) + "\n")
    n = log.count("error")
    if n:
        out.write(f"{n:,} 个问题\n" if lang == "zh" else f"{n:,} problem(s) found.\n")


def write_file(log: ProblemLog, path: Path, lang: str, overwrite: bool) -> None:
    """The complete list into ``path`` (JSON for ``.json``, its keys English; else CSV as UTF-8 with BOM, which Excel
    on Chinese Windows opens, its header row in ``lang``)."""
    from ..io.atomic import write_with  # here: its tempfile and shutil are 6 ms of a validate that writes no file

    if path.suffix.lower() == ".json":
        write_with(path, lambda fh: write_json(log, fh, lang), overwrite=overwrite)
    else:
        write_with(path, lambda fh: write_csv(log, fh, lang, headers=lang), overwrite=overwrite, encoding="utf-8-sig")
