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
from ..model.labels import Label, _

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
                "partial": _("partial"), "within": _("within")}


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

    def csv_text(self) -> str:
        """The moves, then the uncovered units (``to_actor`` empty, ``reason`` set), one table."""
        out = io.StringIO()
        w = csv.writer(out, lineterminator="\n")
        w.writerow([*MOVE_FIELDS, "reason"])
        for m in self.moves:
            w.writerow([_cell(getattr(m, f)) for f in MOVE_FIELDS] + [""])
        for u in self.uncovered:
            w.writerow([_cell(u.unit), _cell(u.role), "", "", u.households, "", "", u.reason])
        return out.getvalue()

    def write(self, path: Path, *, overwrite: bool = False, chinese: bool = True) -> Path:
        """The moves as ``.csv``, ``.json`` or ``.xlsx`` (a sheet of moves and one of uncovered units)."""
        from ..io import strict_json

        suffix = path.suffix.lower()
        if suffix == ".json":
            write_text(path, strict_json.dumps(self.to_json(), ensure_ascii=False, indent=2, default=str) + "\n",
                       overwrite=overwrite)
        elif suffix == ".csv":
            write_text(path, self.csv_text(), overwrite=overwrite)
        elif suffix == ".xlsx":
            import openpyxl

            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "调整" if chinese else "moves"
            ws.append([MOVE_HEADERS[f].zh if chinese else f for f in MOVE_FIELDS])
            for m in self.moves:
                ws.append([_cell(getattr(m, f)) for f in MOVE_FIELDS])
            ws2 = wb.create_sheet("未覆盖" if chinese else "uncovered")
            ws2.append(["单位", "角色", "农户", "原因"] if chinese else ["unit", "role", "households", "reason"])
            for u in self.uncovered:
                ws2.append([_cell(u.unit), _cell(u.role), u.households, u.reason_label.zh if chinese else u.reason])
            with atomic_path(path, overwrite=overwrite) as tmp:
                wb.save(tmp)
        else:
            from ..errors import UsageError

            raise UsageError(f"{path}: write the moves as .xlsx, .csv or .json")
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


def _cell(value: Any) -> Any:
    return escape(value) if isinstance(value, str) else value
