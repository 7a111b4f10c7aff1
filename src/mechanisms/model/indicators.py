"""Indicator definitions: what is measured, how it rolls up, and what it should reach."""

from __future__ import annotations

from typing import Literal

import attrs

from .labels import Label

Direction = Literal["higher", "lower", "target"]
Aggregation = Literal["sum", "mean", "weighted_mean", "ratio", "min", "max"]
Comparison = Literal[">=", "<=", "==", ">", "<"]


@attrs.frozen
class IndicatorTarget:
    """A value an indicator should reach, optionally for one period and/or level only."""

    value: float
    comparison: Comparison = ">="
    period: str | None = None
    """A period string (``2024``, ``2024Q2``, ``2024-04``); ``None`` means every period."""
    level: str | None = None
    quote: str = ""


@attrs.frozen
class IndicatorDef:
    """An indicator as a mechanism defines it.

    A formula indicator (``numerator`` and ``denominator`` set) is computed as
    numerator / denominator × ``factor`` from the observations of those two indicators
    and is never stored; rolled up, it is the ratio of summed numerators to summed
    denominators, whatever ``aggregation`` says.
    """

    key: str
    label: Label
    unit: str = ""
    """Unit of measure as printed: ``%``, ``户``, ``万元``, ``km`` …"""
    direction: Direction = "higher"
    aggregation: Aggregation = "sum"
    level: str | None = None
    """The level observations are reported at; ``None`` means any."""
    numerator: str | None = None
    denominator: str | None = None
    factor: float = 1.0
    targets: tuple[IndicatorTarget, ...] = ()
    description: Label | None = None

    @property
    def is_formula(self) -> bool:
        return self.numerator is not None
