"""Indicator values: observations per unit and period, formula indicators, roll-up, targets, achievement.

The rules, so a figure can always be traced back to the data:

- A value is read for one period exactly as observations name it (``2024-05``); periods are
  never combined here (a quarter's score is the mean of monthly scores, see
  :mod:`mechanisms.year.scores`), because whether a quarter's value is the sum or the
  last month depends on the indicator, and the definition does not say.
- A unit's own observation wins. Otherwise a unit above the reporting level rolls up the
  units of the reporting level under it (the indicator's ``level``, or where it has none,
  the level most of its observations are at) by the indicator's aggregation: ``sum``,
  ``mean``, ``weighted_mean`` (by households), ``min``, ``max``; ``ratio`` for a stored
  rate with no parts is taken as the household-weighted mean (what the ratio of sums
  would give if the rate is per household).
- A formula indicator (numerator / denominator × factor) is computed, never stored; rolled
  up it is Σ numerator / Σ denominator over the units that report both.
- Missing is explicit: a unit with no value is listed in ``missing`` and is never counted
  as 0. A roll-up over some missing units still gives a value over the units that did
  report, flagged ``complete=False``; with none reporting the value is ``None``.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections import Counter
from typing import Literal

import attrs

from ..county.records import County
from ..errors import UsageError
from ..model.indicators import Comparison, Direction, IndicatorDef, IndicatorTarget
from ..model.labels import _
from ..model.mechanism import Mechanism
from ..model.periods import Period
from ..model.schedule import PERIOD_KINDS

Source = Literal["observed", "computed", "rolled-up", "missing", "undefined"]


@attrs.frozen
class IndicatorValue:
    """An indicator's value for one unit and period, with how it was obtained and what is missing.

    ``source``: ``observed`` (the unit's own row), ``computed`` (a formula on the unit's own
    rows), ``rolled-up`` (from the units under it), ``missing`` (nothing to go on),
    ``undefined`` (a formula whose denominator sums to 0). ``reported``/``expected`` count
    units of the reporting level; ``missing`` names those with no value.
    """

    indicator: str
    unit: str
    period: str
    value: float | None
    source: Source
    reported: int = 1
    expected: int = 1
    missing: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        return self.value is not None and not self.missing


@attrs.frozen
class Achievement:
    """A value against its target: whether the comparison holds and the direction-aware percentage.

    ``percent`` is uncapped (120 = 20 % better than the target); scorecards cap it at 100.
    Rules: ``higher`` = value / target; ``lower`` = target / value (a value of 0 or below
    meets any non-negative target fully: 100); ``target`` = 100 − |value − target| / |target|
    × 100, floored at 0 (100 only on the target when the target is 0). ``None`` where the
    value or the target is missing.
    """

    value: float | None
    target: float | None
    comparison: Comparison | None
    met: bool | None
    percent: float | None


def compare(value: float, comparison: Comparison, target: float) -> bool:
    """Whether ``value comparison target`` holds, with a tolerance of 1e-9 for float noise."""
    eps = 1e-9 * max(1.0, abs(target))
    if comparison == ">=":
        return value >= target - eps
    if comparison == "<=":
        return value <= target + eps
    if comparison == ">":
        return value > target + eps
    if comparison == "<":
        return value < target - eps
    return abs(value - target) <= eps


def achievement_percent(value: float, target: float, direction: Direction) -> float:
    """Direction-aware achievement in percent; see :class:`Achievement` for the rules."""
    if direction == "higher":
        if target > 0:
            return 100.0 * value / target
        return 100.0 if value >= target else 0.0
    if direction == "lower":
        if value <= 0:
            return 100.0 if target >= value else 0.0
        if target <= 0:
            return 0.0
        return 100.0 * target / value
    if target == 0:
        return 100.0 if value == 0 else 0.0
    return max(0.0, 100.0 * (1.0 - abs(value - target) / abs(target)))


class IndicatorValues:
    """Reads a mechanism's indicators from a county's observations (built once, queried many times)."""

    def __init__(self, mechanism: Mechanism, county: County) -> None:
        self.mechanism = mechanism
        self.county = county
        self.structure = county.structure
        self.defs: dict[str, IndicatorDef] = {d.key: d for d in mechanism.indicators}
        self._obs: dict[tuple[str, str, str], float | None] = {}
        levels: dict[str, Counter[str]] = {}
        for o in county.observations:
            key = (o.indicator, o.unit, _canonical(o.period))
            # a later row with a value replaces an earlier blank one; two values: the later wins
            if o.value is not None or key not in self._obs:
                self._obs[key] = None if o.value is None or (isinstance(o.value, float) and math.isnan(o.value)) \
                    else float(o.value)
            unit = self.structure.unit_by_id.get(o.unit)
            if unit is not None:
                levels.setdefault(o.indicator, Counter())[unit.level] += 1
        self._obs_levels = {k: c.most_common(1)[0][0] for k, c in levels.items()}
        self._under: dict[tuple[str, str], tuple[str, ...]] = {}

    # ---------------------------------------------------------------- lookup helpers

    def definition(self, key: str) -> IndicatorDef:
        try:
            return self.defs[key]
        except KeyError:
            raise UsageError(_("{mechanism} has no indicator {key} ({known})").format(
                mechanism=self.mechanism.key, key=repr(key), known=", ".join(self.defs))) from None

    def reporting_level(self, key: str) -> str | None:
        """The level an indicator is reported at: its stated level, else where its observations are."""
        d = self.definition(key)
        if d.is_formula:
            return self.reporting_level(d.numerator)  # type: ignore[arg-type]
        return d.level or self._obs_levels.get(key)

    def observation(self, key: str, unit: str, period: str | Period) -> tuple[bool, float | None]:
        """(has a row, value) for one unit's own observation; a row with a blank value is (True, None)."""
        k = (key, unit, _canonical(str(period)))
        return (k in self._obs, self._obs.get(k))

    def _units_under(self, unit: str, level: str) -> tuple[str, ...]:
        """Units of ``level`` at or under ``unit`` (the unit itself when it is of that level)."""
        key = (unit, level)
        if key not in self._under:
            u = self.structure.unit_by_id[unit]
            if u.level == level:
                self._under[key] = (unit,)
            else:
                self._under[key] = tuple(sorted(d.id for d in self.structure.descendants(unit) if d.level == level))
        return self._under[key]

    # ---------------------------------------------------------------- values

    def _leaf(self, key: str, unit: str, period: str) -> float | None:
        """A unit's own value: its observation, or its formula on its own observations."""
        d = self.definition(key)
        if not d.is_formula:
            return self._obs.get((key, unit, period))
        num = self._leaf(d.numerator, unit, period)  # type: ignore[arg-type]
        den = self._leaf(d.denominator, unit, period)  # type: ignore[arg-type]
        if num is None or den is None or den == 0:
            return None
        return num / den * d.factor

    def value(self, key: str, unit: str, period: str | Period) -> IndicatorValue:
        """The indicator's value for ``unit`` in ``period`` (see the module's rules)."""
        p = str(Period.parse(period))
        d = self.definition(key)
        if unit not in self.structure.unit_by_id:
            raise UsageError(_("unknown unit {unit}").format(unit=repr(unit)))
        if d.is_formula:
            return self._formula(d, unit, p)
        has_row, own = self.observation(key, unit, p)
        if has_row:
            return IndicatorValue(key, unit, p, own, "observed" if own is not None else "missing",
                                  int(own is not None), 1, () if own is not None else (unit,))
        level = self.reporting_level(key)
        u = self.structure.unit_by_id[unit]
        if level is None or level == u.level or not self._is_above(u.level, level):
            return IndicatorValue(key, unit, p, None, "missing", 0, 1, (unit,))
        leaves = self._units_under(unit, level)
        vals = {leaf: self._obs.get((key, leaf, p)) for leaf in leaves}
        present = {k: v for k, v in vals.items() if v is not None}
        missing = tuple(k for k, v in vals.items() if v is None)
        if not present:
            return IndicatorValue(key, unit, p, None, "missing", 0, len(leaves), missing)
        return IndicatorValue(key, unit, p, self._aggregate(d, present), "rolled-up", len(present), len(leaves), missing)

    def _is_above(self, level: str, other: str) -> bool:
        idx = self.structure.level_index
        return level in idx and other in idx and idx[level] < idx[other]

    def _aggregate(self, d: IndicatorDef, present: dict[str, float]) -> float:
        xs = list(present.values())
        if d.aggregation == "sum":
            return math.fsum(xs)
        if d.aggregation == "mean":
            return math.fsum(xs) / len(xs)
        if d.aggregation == "min":
            return min(xs)
        if d.aggregation == "max":
            return max(xs)
        # weighted_mean, and ratio of a stored rate without parts: weighted by households
        weights = {k: float(self.structure.household_count(k)) for k in present}
        total = math.fsum(weights.values())
        if total == 0:
            return math.fsum(xs) / len(xs)
        return math.fsum(v * weights[k] for k, v in present.items()) / total

    def _formula(self, d: IndicatorDef, unit: str, p: str) -> IndicatorValue:
        num_key, den_key = d.numerator, d.denominator
        assert num_key is not None and den_key is not None
        own_num = self.observation(num_key, unit, p) if not self.definition(num_key).is_formula else (False, None)
        own_den = self.observation(den_key, unit, p) if not self.definition(den_key).is_formula else (False, None)
        u = self.structure.unit_by_id[unit]
        level = self.reporting_level(d.key)
        if (own_num[0] and own_den[0]) or level is None or level == u.level or not self._is_above(u.level, level):
            num, den = self._leaf(num_key, unit, p), self._leaf(den_key, unit, p)
            if num is None or den is None:
                return IndicatorValue(d.key, unit, p, None, "missing", 0, 1, (unit,))
            if den == 0:
                return IndicatorValue(d.key, unit, p, None, "undefined", 1, 1, ())
            return IndicatorValue(d.key, unit, p, num / den * d.factor, "computed")
        leaves = self._units_under(unit, level)
        nums, dens, missing = [], [], []
        for leaf in leaves:
            n, dd = self._leaf(num_key, leaf, p), self._leaf(den_key, leaf, p)
            if n is None or dd is None:
                missing.append(leaf)
            else:
                nums.append(n)
                dens.append(dd)
        if not nums:
            return IndicatorValue(d.key, unit, p, None, "missing", 0, len(leaves), tuple(missing))
        den_sum = math.fsum(dens)
        if den_sum == 0:
            return IndicatorValue(d.key, unit, p, None, "undefined", len(nums), len(leaves), tuple(missing))
        return IndicatorValue(d.key, unit, p, math.fsum(nums) / den_sum * d.factor, "rolled-up", len(nums),
                              len(leaves), tuple(missing))

    def values_at(self, key: str, level: str, period: str | Period) -> dict[str, IndicatorValue]:
        """The indicator for every unit of ``level``, keyed by unit id in file order."""
        return {u.id: self.value(key, u.id, period) for u in self.structure.units_at(level)}

    def periods(self, key: str) -> tuple[Period, ...]:
        """Periods an indicator (or a formula's numerator) has observations for, in order."""
        d = self.definition(key)
        base = d.numerator if d.is_formula else key
        while base is not None and self.definition(base).is_formula:
            base = self.definition(base).numerator
        found = {Period.parse(k[2]) for k in self._obs if k[0] == base}
        return tuple(sorted(found))

    def period_on(self, key: str, day: dt.date) -> Period | None:
        """The period holding ``day`` of the finest kind the indicator's observations use (``None``: no data)."""
        kinds = {p.kind for p in self.periods(key)}
        if not kinds:
            return None
        return Period.containing(day, min(kinds, key=PERIOD_KINDS.index))

    # ---------------------------------------------------------------- targets

    def target(self, key: str, unit: str, period: str | Period) -> IndicatorTarget | None:
        """The target that applies: the one for exactly this period, else the finest period holding it,
        else one for every period; a target for another level does not apply."""
        d = self.definition(key)
        p = Period.parse(period)
        level = self.structure.unit_by_id[unit].level if unit in self.structure.unit_by_id else None
        best: tuple[int, IndicatorTarget] | None = None
        for t in d.targets:
            if t.level is not None and t.level != level:
                continue
            if t.period is None:
                rank = 10**6
            else:
                tp = Period.parse(t.period)
                if not tp.contains(p):
                    continue
                rank = tp.days
            if best is None or rank < best[0]:
                best = (rank, t)
        return best[1] if best else None

    def achievement(self, key: str, unit: str, period: str | Period, value: IndicatorValue | None = None,
                    target: IndicatorTarget | None = None) -> Achievement:
        """The value against its target (given or looked up), direction-aware."""
        d = self.definition(key)
        v = value if value is not None else self.value(key, unit, period)
        t = target if target is not None else self.target(key, unit, period)
        if t is None:
            return Achievement(v.value, None, None, None, None)
        if v.value is None:
            return Achievement(None, t.value, t.comparison, None, None)
        return Achievement(v.value, t.value, t.comparison, compare(v.value, t.comparison, t.value),
                           achievement_percent(v.value, t.value, d.direction))


@functools.lru_cache(maxsize=4096)
def _canonical(period: str) -> str:
    """A period string as :class:`Period` writes it (``2024-5`` → ``2024-05``); unparseable text stays."""
    try:
        return str(Period.parse(period))
    except Exception:
        return period.strip()


__all__ = ["Achievement", "IndicatorValue", "IndicatorValues", "achievement_percent", "compare"]
