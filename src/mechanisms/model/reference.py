"""A plugin's reference case reproduced: published figures, and the ratios that follow, computed."""

from __future__ import annotations

from typing import Any

import attrs

from .formula import evaluate, names
from .mechanism import Derived, Mechanism, ReferenceCase


@attrs.frozen
class DerivedValue:
    derived: Derived
    value: float
    approx: bool = False
    """Computed from a figure the source gives only as "more than" or "nearly" (directly or through another ratio)."""


def compute_derived(case: ReferenceCase) -> tuple[DerivedValue, ...]:
    """Evaluate every derived figure from the published ones (earlier derived figures may be used by later ones)."""
    values: dict[str, float] = {f.key: f.value for f in case.figures}
    approx = {f.key for f in case.figures if f.approx != "exact"}
    out = []
    for d in case.derived:
        v = evaluate(d.formula, values)
        if d.digits is not None:
            v = round(v, d.digits)
        values[d.key] = v
        if names(d.formula) & approx:
            approx.add(d.key)
        out.append(DerivedValue(d, v, d.key in approx))
    return tuple(out)


def case_document(mechanism: Mechanism, lang: str = "zh") -> dict[str, Any]:
    """The reference case as the ``case --format json`` contract states it."""
    case = mechanism.reference
    if case is None:
        return {"key": mechanism.key, "source": None, "figures": [], "derived": []}
    return {
        "key": mechanism.key,
        "source": case.source.file,
        "title": case.source.title.get(lang),  # type: ignore[arg-type]
        "figures": [{"key": f.key, "label": f.label.get(lang), "value": f.value, "unit": f.unit, "quote": f.quote,  # type: ignore[arg-type]
                     "approx": f.approx} for f in case.figures],
        "derived": [{"key": dv.derived.key, "label": dv.derived.label.get(lang), "value": dv.value,  # type: ignore[arg-type]
                     "formula": dv.derived.formula, "unit": dv.derived.unit, "approx": dv.approx}
                    for dv in compute_derived(case)],
    }
