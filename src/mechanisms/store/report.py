"""The import report (as DHIS2 gives one): per table created, updated, unchanged, closed; then each conflict.

A conflict is a problem that stops the import — every problem ``validate`` finds (file, row, field), or an
import dated before one the store already holds. With any conflict nothing is written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs

from ..errors import DataProblem
from ..io.problems import ProblemLog
from ..model.safe_text import hide_passwords

COUNTS = ("created", "updated", "unchanged", "closed")


@attrs.define
class TableCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    closed: int = 0

    def as_dict(self) -> dict[str, int]:
        return {k: getattr(self, k) for k in COUNTS}


@attrs.define
class ImportReport:
    url: str
    source: str
    on: dt.date
    by: str
    dry_run: bool
    sync: bool
    log: ProblemLog
    checksum: str = ""
    tables: dict[str, TableCounts] = attrs.field(factory=dict)
    import_id: int | None = None
    """The audit row's id; ``None`` for a dry run or a refused import (nothing was written)."""
    rows_written: int = 0
    """Versions added and versions closed (0 for a dry run, and for a second import of the same file)."""

    @property
    def ok(self) -> bool:
        return self.log.ok

    def conflicts(self) -> Iterator[DataProblem]:
        return self.log.problems("error")

    def to_json(self, lang: str = "zh") -> dict[str, Any]:
        return {"url": hide_passwords(self.url), "source": self.source, "on": self.on.isoformat(), "by": self.by,
                "dry_run": self.dry_run, "sync": self.sync, "checksum": self.checksum, "ok": self.ok,
                "import_id": self.import_id, "rows_written": self.rows_written,
                "tables": {k: v.as_dict() for k, v in self.tables.items()},
                "conflicts": [{"file": p.file, "row": p.row, "field": p.field,
                               "message": p.en if lang == "en" and p.en else p.message} for p in self.conflicts()]}

    def rows(self, lang: str = "zh") -> Iterator[dict[str, Any]]:
        """One row per table, then one per conflict: the CSV form of the report."""
        for name, c in self.tables.items():
            yield {"kind": "table", "table": name, **c.as_dict(), "file": "", "row": "", "field": "", "message": ""}
        for p in self.conflicts():
            yield {"kind": "conflict", "table": "", **dict.fromkeys(COUNTS, ""), "file": p.file,
                   "row": "" if p.row is None else p.row, "field": p.field or "",
                   "message": p.en if lang == "en" and p.en else p.message}

    def summary(self, lang: str = "zh") -> str:
        t = {k: sum(getattr(c, k) for c in self.tables.values()) for k in COUNTS}
        if lang == "en":
            verb = "would import" if self.dry_run else "imported"
            return (f"{verb} {self.source} into {self.url} as of {self.on}: {t['created']:,} created, "
                    f"{t['updated']:,} updated, {t['unchanged']:,} unchanged, {t['closed']:,} closed")
        verb = "试导入（未写入）" if self.dry_run else "已导入"
        return (f"{verb} {self.source} → {self.url}（生效日 {self.on}）：新增 {t['created']:,}，更新 {t['updated']:,}，"
                f"未变 {t['unchanged']:,}，关闭 {t['closed']:,}")
