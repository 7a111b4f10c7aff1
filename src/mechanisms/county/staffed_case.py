"""A mechanism's policy put to its own reference county: does it staff the posts its source publishes?

The preset (the reference county's sizes) is generated and staffed by the mechanism's own assignment policy; every
published figure that says what it counts (:class:`~mechanisms.model.mechanism.StaffedCount`) is set beside what the
policy produced. A difference beyond the figure's hedge must be explained by a named assumption; anything else is
a fidelity problem, listed in :attr:`StaffedCase.unexplained`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from ..errors import UsageError
from ..model.labels import Label, Lang, _
from ..model.mechanism import Figure, Mechanism, StaffedCount
from .generate import generate_structure
from .org import OrgStructure
from .staffing import staff


@attrs.frozen
class StaffedFigure:
    """One published count beside what the policy produced on the preset."""

    figure: Figure
    produced: int
    within: bool
    """The produced count agrees with the published one as the source states it: equal where it is exact, at
    least the figure where it says 多/余/以上, at most where it says 近."""
    explanation: Label | None = None
    """The reason of the assumption that accounts for a difference (``StaffedCount.explained_by``)."""

    @property
    def difference(self) -> float:
        return self.produced - self.figure.value

    @property
    def explained(self) -> bool:
        return self.within or self.explanation is not None

    def to_json(self, lang: Lang = "zh") -> dict[str, Any]:
        assert self.figure.staffed is not None
        return {"key": self.figure.key, "label": self.figure.label.get(lang), "published": self.figure.value,
                "approx": self.figure.approx, "produced": self.produced, "difference": self.difference,
                "within": self.within, "explained_by": self.figure.staffed.explained_by,
                "explanation": self.explanation.get(lang) if self.explanation else None}


@attrs.frozen
class StaffedCase:
    mechanism: str
    seed: int
    figures: tuple[StaffedFigure, ...]

    @property
    def unexplained(self) -> tuple[StaffedFigure, ...]:
        return tuple(f for f in self.figures if not f.explained)

    def to_json(self, lang: Lang = "zh") -> dict[str, Any]:
        return {"seed": self.seed, "figures": [f.to_json(lang) for f in self.figures],
                "unexplained": [f.figure.key for f in self.unexplained]}

    def rows(self, lang: Lang = "zh") -> list[dict[str, Any]]:
        return [f.to_json(lang) for f in self.figures]


def count(structure: OrgStructure, what: StaffedCount) -> int:
    """How many of ``what`` the structure holds."""
    if what.of in ("actors", "assignments"):
        kinds = {a.id: a.kind for a in structure.actors}
        edges = [e for e in structure.assignments if (not what.roles or e.role in what.roles)
                 and (not what.kinds or kinds.get(e.actor) in what.kinds)]
        if what.of == "assignments":
            return len(edges)
        holders = {e.actor for e in edges}
        if not what.roles:  # actors of a kind, whether they hold anything or not
            holders |= {a.id for a in structure.actors if not what.kinds or a.kind in what.kinds}
        return len(holders)
    units = [u for u in structure.units if (what.level is None or u.level == what.level)
             and (not what.tags_any or set(u.tags) & set(what.tags_any))]
    if what.of == "units":
        return len(units)
    return sum(structure.household_count(u.id) for u in units)


def _within(figure: Figure, produced: int) -> bool:
    if figure.approx == "at-least":
        return produced >= figure.value
    if figure.approx == "nearly":
        return produced <= figure.value
    return float(produced) == float(figure.value)


def staffed_case(mechanism: Mechanism, *, seed: int = 0) -> StaffedCase:
    """Generate the preset, staff it with the mechanism's policy, and compare every figure that says what it counts."""
    if mechanism.preset is None:
        raise UsageError(_("{key}: the mechanism states no reference county to staff").format(key=mechanism.key))
    if mechanism.reference is None:
        raise UsageError(_("{key}: the mechanism has no reference case").format(key=mechanism.key))
    structure = staff(generate_structure(mechanism.preset, seed=seed), mechanism, seed=seed)
    reasons = {a.key: a.reason or a.label for a in mechanism.assumptions}
    out = []
    for f in _counted(mechanism.reference.figures):
        assert f.staffed is not None
        produced = count(structure, f.staffed)
        within = _within(f, produced)
        explanation = None if within else \
            reasons.get(f.staffed.explained_by) if f.staffed.explained_by else f.staffed.reason
        out.append(StaffedFigure(f, produced, within, explanation))
    return StaffedCase(mechanism.key, seed, tuple(out))


def _counted(figures: Iterable[Figure]) -> list[Figure]:
    return [f for f in figures if f.staffed is not None]
