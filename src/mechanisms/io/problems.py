"""Every problem of a county's files, kept as columns of bad rows so a million of them cost megabytes, not gigabytes.

A vectorised check finds all bad rows of one kind at once (every unknown parent, every bad
date of a column): it adds one :class:`ProblemGroup` holding their row numbers and the values
its message names, and a :class:`~mechanisms.errors.DataProblem` is made only when a problem
is shown or written. The terminal shows the first few of each kind and counts the rest; JSON,
CSV and ``-o problems.csv`` stream the whole list.

Severity: ``error`` fails the load; ``warning`` (a look-alike id) and ``notice`` (an extra column
kept) are said once and do not, unless ``strict`` turns notices into errors.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Literal

import attrs
import numpy as np

from ..errors import DataError, DataProblem

Severity = Literal["error", "warning", "notice"]


def _value(seq: Any, i: int) -> Any:
    v = seq[i]
    return v.as_py() if hasattr(v, "as_py") else v


@attrs.frozen(eq=False)
class ProblemGroup:
    """Problems of one kind in one file and column: a row (and values) per problem."""

    severity: Severity
    kind: str
    file: str
    field: str | None
    zh: str
    """``str.format`` template for the Chinese message; ``""`` when the message is English only."""
    en: str
    rows: np.ndarray | None
    """Spreadsheet rows (int64); ``None`` for one problem of the file as a whole."""
    values: Mapping[str, Sequence[Any]] = attrs.field(factory=dict)
    fixed: Mapping[str, Any] = attrs.field(factory=dict)

    def __len__(self) -> int:
        return 1 if self.rows is None else len(self.rows)

    def problem(self, i: int) -> DataProblem:
        args = dict(self.fixed)
        for k, seq in self.values.items():
            args[k] = _value(seq, i)
        row = None if self.rows is None else int(self.rows[i])
        en = self.en.format(**args)
        if not self.zh:
            return DataProblem(self.file, row, self.field, en)
        return DataProblem(self.file, row, self.field, self.zh.format(**args), en)

    def __iter__(self) -> Iterator[DataProblem]:
        return (self.problem(i) for i in range(len(self)))


class ProblemLog:
    """Problem groups in the order found; errors, warnings and notices apart."""

    def __init__(self, *, strict: bool = False) -> None:
        self.groups: list[ProblemGroup] = []
        self.strict = strict

    def add(self, file: str, field: str | None, en: str, zh: str = "", *, rows: Any = None,
            severity: Severity = "error", kind: str | None = None, **values: Any) -> None:
        """Problems at ``rows`` (an array; ``None``: the file as a whole). Keyword values are per-row sequences
        when ``rows`` is given and as long as it, else fixed values; both fill the templates."""
        if severity == "notice" and self.strict:
            severity = "error"
        if rows is not None:
            rows = np.asarray(rows, dtype=np.int64)
            if len(rows) == 0:
                return
            per_row = {k: v for k, v in values.items() if _is_seq(v) and len(v) == len(rows)}
            fixed = {k: v for k, v in values.items() if k not in per_row}
        else:
            per_row, fixed = {}, values
        self.groups.append(ProblemGroup(severity, kind or en, file, field, zh, en, rows, per_row, fixed))

    def extend(self, problems: Sequence[DataProblem]) -> None:
        """Problems already made (by a reader that raised) into the log, both languages kept."""
        for p in problems:
            rows = None if p.row is None else np.asarray([p.row], np.int64)
            if p.en:
                self.groups.append(ProblemGroup("error", p.en, p.file, p.field, "{zh}", "{en}", rows,
                                                fixed={"zh": p.message, "en": p.en}))
            else:
                self.groups.append(ProblemGroup("error", p.message, p.file, p.field, "", "{m}", rows,
                                                fixed={"m": p.message}))

    def of(self, severity: Severity) -> list[ProblemGroup]:
        return [g for g in self.groups if g.severity == severity]

    def count(self, severity: Severity = "error") -> int:
        return sum(len(g) for g in self.groups if g.severity == severity)

    @property
    def ok(self) -> bool:
        return self.count("error") == 0

    def problems(self, severity: Severity = "error") -> Iterator[DataProblem]:
        for g in self.of(severity):
            yield from g

    def error(self) -> DataError:
        """The errors as one exception (its problems made now: call only for a county of bounded size)."""
        return DataError(list(self.problems("error")))

    def bounded_error(self, *, first: int = 5, lang: str = "zh", hint: str = "") -> DataError:
        """The errors as one exception holding only the first ``first`` of each kind and a line counting the rest,
        for commands that stop at broken data (the complete list is ``validate``'s)."""
        kept: list[DataProblem] = []
        rest = 0
        kinds: dict[str, int] = {}
        for g in self.of("error"):
            room = first - kinds.get(g.kind, 0)
            take = max(0, min(room, len(g)))
            kept.extend(g.problem(i) for i in range(take))
            kinds[g.kind] = kinds.get(g.kind, 0) + take
            rest += len(g) - take
        if rest:
            more = f"（完整清单：{hint}）" if hint else ""
            kept.append(DataProblem("…", None, None, f"另有 {rest:,} 个同类问题{more}",
                                    f"{rest:,} more problems like these" + (f" (the full list: {hint})" if hint else "")))
        return DataError(kept)

    def raise_if_errors(self) -> None:
        if not self.ok:
            raise self.error()

    def summary(self, severity: Severity = "error", *, first: int = 5, lang: str = "zh") -> Iterator[str]:
        """One line per problem, the first ``first`` of each kind, then how many more of that kind there are."""
        kinds: dict[str, list[ProblemGroup]] = {}
        for g in self.of(severity):
            kinds.setdefault(g.kind, []).append(g)
        for groups in kinds.values():
            shown = 0
            total = sum(len(g) for g in groups)
            for g in groups:
                for i in range(min(len(g), first - shown)):
                    yield g.problem(i).text(lang)
                    shown += 1
                if shown >= first:
                    break
            if total > shown:
                rest = total - shown
                yield (f"  …… 同类问题另有 {rest:,} 个（完整清单：--format csv 或 -o problems.csv）" if lang == "zh" else
                       f"  … and {rest:,} more like this (the full list: --format csv or -o problems.csv)")


def _is_seq(v: Any) -> bool:
    return not isinstance(v, str) and hasattr(v, "__len__") and hasattr(v, "__getitem__")
