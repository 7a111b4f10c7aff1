"""What a re-assignment proposes: moves, what stays uncovered and why, and per role the load, bound and gap.

The result owns its JSON document, its CSV and table rows, writing the moves to a file, and
applying them to the county's assignments; the CLI only prints.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from ..county.org import Assignment, OrgStructure
from ..io.atomic import atomic_path, write_text
from ..io.cells import escape
from ..model.labels import Label, Lang, _, p_
from ..model.names import Names
from .solver import method_label

REASONS: dict[str, Label] = {
    "no-capacity": _("no capacity left among the remaining actors"),
    "no-eligible-actor": _("no actor of an eligible kind within reach"),
}
TIER_NAMES = ("village", "town", "county")


@attrs.frozen
class Move:
    """One unit handed to a new holder: ``households`` is set where the new edge is partial."""

    unit: str
    role: str
    from_actor: str | None
    to_actor: str
    households: int
    partial: bool
    within: str
    """``village``, ``town`` or ``county``: how far the new holder is from the unit."""


@attrs.frozen
class Uncovered:
    unit: str
    role: str
    households: int
    reason: str

    @property
    def reason_label(self) -> Label:
        return REASONS[self.reason]


@attrs.frozen
class RoleOutcome:
    role: str
    slots: int
    moved: int
    uncovered: int
    handovers: int
    largest_before: float
    """Largest load among the remaining actors before the moves."""
    largest_after: float
    bound: float | None
    """Lower bound on the objective's measure (largest load for balance, handovers for fewest-moves)."""
    method: str
    status: str
    seconds: float
    restricted: bool
    """Candidates were limited (village, and the least loaded of the town and county) to keep the MILP small."""
    objective: str = "balance"

    @property
    def value(self) -> float:
        return self.largest_after if self.objective == "balance" else float(self.handovers)

    @property
    def gap(self) -> float | None:
        """Relative gap to the bound: ``(value − bound) / value`` (0 when proven optimal)."""
        if self.bound is None:
            return None
        return 0.0 if self.value <= 0 else max(0.0, (self.value - self.bound) / self.value)


MOVE_FIELDS = ("unit", "role", "from_actor", "to_actor", "households", "partial", "within")
MOVE_HEADERS = {"unit": _("unit"), "role": _("role"), "from_actor": _("from"),
                "to_actor": _("to"), "households": _("households"),
                "partial": _("partial"), "within": _("within"), "reason": p_("result", "reason"),
                "role_key": _("role_key"), "within_key": _("within_key"),
                "reason_key": _("reason_key")}
"""Headers of the files ``-o`` writes, in the language of ``--headers``; the English are the CSV's field names."""
KEY_FIELDS = ("role_key", "within_key", "reason_key")
"""Beside the names, the keys they stand for: a file a person reads stays joinable on keys (``--keys``: keys in
place, these columns left out)."""
UNCOVERED_FIELDS = ("unit", "role", "households", "reason", "role_key", "reason_key")
UNCOVERED_HEADERS = {**MOVE_HEADERS, "households": _("households")}


def within_name(within: str, names: Names, lang: Lang) -> str:
    """How far a taker is from the unit, in words: 本村（社区）/ same village, with the county's own level names
    (``village``, ``town``, ``county`` with ``--keys``)."""
    if names.keys:
        return within
    level = names.level_label(within)
    return f"本{level.get('zh')}" if lang == "zh" else f"same {level.get('en')}"


@attrs.frozen(eq=False)
class ReassignResult:
    mechanism: str
    on: dt.date | None
    objective: str
    keep_within: str | None
    leaving: tuple[str, ...]
    roles: tuple[RoleOutcome, ...]
    moves: Sequence[Move]
    uncovered: Sequence[Uncovered]

    @property
    def ok(self) -> bool:
        return not self.uncovered

    def move_rows(self) -> list[dict[str, Any]]:
        return [attrs.asdict(m) for m in self.moves]

    def uncovered_rows(self) -> list[dict[str, Any]]:
        return [{**attrs.asdict(u), "reason_zh": u.reason_label.zh, "reason_en": u.reason_label.en}
                for u in self.uncovered]

    def role_rows(self) -> list[dict[str, Any]]:
        return [{**attrs.asdict(r), "gap": r.gap} for r in self.roles]

    def to_json(self) -> dict[str, Any]:
        return {"mechanism": self.mechanism, "on": self.on.isoformat() if self.on else None,
                "objective": self.objective, "keep_within": self.keep_within, "leaving": list(self.leaving),
                "roles": self.role_rows(), "moves": self.move_rows(), "uncovered": self.uncovered_rows()}

    def move_table(self, names: Names | None = None, lang: Lang = "zh") -> list[dict[str, Any]]:
        """The moves as a person reads them: roles named, ``within`` and ``partial`` in words (是/否, yes/no), keys
        beside them (``role_key``, ``within_key``); with ``names.keys`` the keys in place and ``partial`` a boolean."""
        names = names or Names()
        return [{**attrs.asdict(m), "role": names.role(m.role, lang), "within": within_name(m.within, names, lang),
                 "partial": m.partial if names.keys else (_("yes") if m.partial else _("no")).get(lang),
                 "role_key": m.role, "within_key": m.within} for m in self.moves]

    def uncovered_table(self, names: Names | None = None, lang: Lang = "zh") -> list[dict[str, Any]]:
        """The units left uncovered as a person reads them: the role named, the reason in words."""
        names = names or Names()
        return [{"unit": u.unit, "role": names.role(u.role, lang), "households": u.households,
                 "reason": u.reason if names.keys else u.reason_label.get(lang), "role_key": u.role,
                 "reason_key": u.reason} for u in self.uncovered]

    def role_table(self, names: Names | None = None, lang: Lang = "zh") -> list[dict[str, Any]]:
        """Per role as a person reads it: the role named, the solver and its status in words (JSON keeps the
        solver's own strings)."""
        names = names or Names()
        return [{**row, "role": names.role(row["role"], lang), "role_key": row["role"],
                 "method": (f"{row['method']} ({row['status']})" if names.keys else
                            method_label(row["method"], row["status"]).get(lang))} for row in self.role_rows()]

    def csv_text(self, names: Names | None = None, lang: Lang = "zh", *, headers: Lang | None = None) -> str:
        """The moves, then the uncovered units (``to_actor`` empty, ``reason`` set), one table.

        Without ``names`` (or with ``names.keys``) keys throughout under the field names — what a program reads.
        With names: roles, ``within`` and reasons in words in ``lang``, the keys beside them in ``role_key``,
        ``within_key`` and ``reason_key`` so the file stays joinable; ``headers`` "zh" gives Chinese column names
        (a file ``-o`` writes for a Chinese office), else the field names."""
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        keyed = names is None or names.keys
        fields = (*MOVE_FIELDS, "reason") if keyed else (*MOVE_FIELDS, "reason", *KEY_FIELDS)
        w.writerow([_header(f, headers) for f in fields])
        if keyed:
            for m in self.moves:
                w.writerow([_cell(getattr(m, f)) for f in MOVE_FIELDS] + [""])
            for u in self.uncovered:
                w.writerow([_cell(u.unit), _cell(u.role), "", "", u.households, "", "", u.reason])
            return out.getvalue()
        assert names is not None
        for row in self.move_table(names, lang):
            w.writerow([_cell(row.get(f, "")) for f in fields])
        for row in self.uncovered_table(names, lang):
            w.writerow([_cell(row.get(f, "")) if f in row else "" for f in fields])
        return out.getvalue()

    def write(self, path: Path, *, overwrite: bool = False, chinese: bool = True, names: Names | None = None) -> Path:
        """The moves as ``.csv``, ``.json`` or ``.xlsx`` (a sheet of moves and one of uncovered units).

        ``chinese`` (``--headers zh``, the default) writes Chinese sheet names and headers, English otherwise;
        ``names`` names roles, ``within`` and reasons in that language with the keys in columns beside them
        (``--keys``: keys in place). A CSV carries a BOM so Excel on Chinese Windows opens it. JSON is the
        ``--format json`` document, keys only."""
        from ..io import strict_json

        lang: Lang = "zh" if chinese else "en"
        names = names or Names(keys=True)
        suffix = path.suffix.lower()
        if suffix == ".json":
            write_text(path, strict_json.dumps(self.to_json(), ensure_ascii=False, indent=2, default=str) + "\n",
                       overwrite=overwrite)
        elif suffix == ".csv":
            write_text(path, self.csv_text(names, lang, headers=lang), overwrite=overwrite, encoding="utf-8-sig")
        elif suffix == ".xlsx":
            import openpyxl

            keyed = names.keys
            move_fields = MOVE_FIELDS if keyed else (*MOVE_FIELDS, "role_key", "within_key")
            unc_fields = UNCOVERED_FIELDS[:4] if keyed else UNCOVERED_FIELDS
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "调整" if chinese else "moves"
            ws.append([_header(f, lang) for f in move_fields])
            for row in self.move_table(names, lang):
                ws.append([_cell(row[f]) for f in move_fields])
            ws2 = wb.create_sheet("未覆盖" if chinese else "uncovered")
            ws2.append([_header(f, lang, UNCOVERED_HEADERS) for f in unc_fields])
            for row in self.uncovered_table(names, lang):
                ws2.append([_cell(row[f]) for f in unc_fields])
            with atomic_path(path, overwrite=overwrite) as tmp:
                wb.save(tmp)
        else:
            from ..errors import UsageError

            raise UsageError(_("{path}: write the moves as .xlsx, .csv or .json").format(path=path))
        return path

    def apply(self, structure: OrgStructure) -> OrgStructure:
        """The structure with the leavers' assignments under this mechanism ended and the moves added.

        With a date the leavers' edges end the day before and the new ones start on it; without
        one, the leavers' edges are dropped and the new ones are undated.
        """
        gone = set(self.leaving)
        roles = {r.role for r in self.roles}
        day = self.on
        kept: list[Assignment] = []
        for a in structure.assignments:
            counts = a.mechanism in (None, self.mechanism) and (a.mechanism is not None or a.role in roles)
            if a.actor in gone and counts:
                if day is None:
                    continue
                if a.start is not None and a.start >= day:
                    continue
                if a.end is None or a.end >= day:
                    a = attrs.evolve(a, end=day - dt.timedelta(days=1))
            kept.append(a)
        new = [Assignment(m.to_actor, m.role, m.unit, start=day, households=m.households if m.partial else None,
                          mechanism=self.mechanism) for m in self.moves]
        return attrs.evolve(structure, assignments=tuple(kept) + tuple(new))


def _header(field: str, lang: Lang | None, headers: dict[str, Label] = MOVE_HEADERS) -> str:
    """A column's header: Chinese for ``zh``, else the field name itself (what a program and the JSON call it)."""
    return headers[field].zh if lang == "zh" and field in headers else field


def _cell(value: Any) -> Any:
    return escape(value) if isinstance(value, str) else value
