"""Indicator values worked by hand: roll-ups by each aggregation, formulas, missing data, targets, achievement."""

from __future__ import annotations

import pytest

from mechanisms import County, Label, Mechanism, Observation, OrgStructure, Unit
from mechanisms.errors import UsageError
from mechanisms.model.indicators import Aggregation, IndicatorDef, IndicatorTarget
from mechanisms.year.indicator_values import IndicatorValues, achievement_percent, compare

L = Label("x", "x")

# county C; town T1 with villages V1 (10 households) and V2 (30); town T2 with V3 (20)
UNITS = (
    Unit("C", "县", "county"),
    Unit("T1", "甲镇", "town", "C"), Unit("T2", "乙镇", "town", "C"),
    Unit("V1", "一村", "village", "T1", households=10), Unit("V2", "二村", "village", "T1", households=30),
    Unit("V3", "三村", "village", "T2", households=20),
)
RATE = {"V1": 50.0, "V2": 90.0}  # V3 has no row at all
AGGS: tuple[Aggregation, ...] = ("sum", "mean", "weighted_mean", "ratio", "min", "max")


def county(extra: tuple[Observation, ...] = ()) -> County:
    obs = [
        Observation("V1", "cleaned", "2024-05", 5.0), Observation("V2", "cleaned", "2024-05", 27.0),
        Observation("V3", "cleaned", "2024-05", None),  # reported blank: missing, not 0
        Observation("V1", "total", "2024-05", 10.0), Observation("V2", "total", "2024-05", 30.0),
        Observation("V3", "total", "2024-05", 20.0),
        Observation("V1", "cleaned", "2024-06", 0.0), Observation("V1", "total", "2024-06", 0.0),
    ]
    obs += [Observation(u, f"rate-{agg}", "2024-5", v) for agg in AGGS for u, v in RATE.items()]
    return County(OrgStructure(UNITS), tuple(obs) + extra)


def mechanism(*extra: IndicatorDef) -> Mechanism:
    defs = [
        IndicatorDef("cleaned", L, level="village"),
        IndicatorDef("total", L, level="village"),
        IndicatorDef("cleanup-rate", L, unit="%", numerator="cleaned", denominator="total", factor=100.0, targets=(
            IndicatorTarget(90.0, period="2024"), IndicatorTarget(60.0, period="2024Q2"),
            IndicatorTarget(50.0, period="2024-05", level="village"), IndicatorTarget(10.0))),
        *(IndicatorDef(f"rate-{agg}", L, aggregation=agg) for agg in AGGS),  # no level: read where the rows are
        *extra,
    ]
    return Mechanism("t", L, L, indicators=tuple(defs))


def values(extra_obs: tuple[Observation, ...] = (), *extra_defs: IndicatorDef) -> IndicatorValues:
    return IndicatorValues(mechanism(*extra_defs), county(extra_obs))


@pytest.mark.parametrize(("agg", "expected"), [
    ("sum", 140.0), ("mean", 70.0),
    ("weighted_mean", 80.0),  # (50×10 + 90×30) / 40
    ("ratio", 80.0),  # a stored rate without parts: household-weighted, as a ratio of sums would be
    ("min", 50.0), ("max", 90.0),
])
def test_roll_up_by_each_aggregation(agg: str, expected: float) -> None:
    v = values().value(f"rate-{agg}", "T1", "2024-05")
    assert v.value == pytest.approx(expected)
    assert (v.source, v.reported, v.expected, v.missing, v.complete) == ("rolled-up", 2, 2, (), True)


def test_a_missing_unit_is_listed_not_counted_as_zero() -> None:
    iv = values()
    at_county = iv.value("rate-mean", "C", "2024-05")
    assert at_county.value == pytest.approx(70.0)  # the mean of 50 and 90, not of 50, 90 and 0
    assert (at_county.reported, at_county.expected, at_county.missing, at_county.complete) == (2, 3, ("V3",), False)
    t2 = iv.value("rate-sum", "T2", "2024-05")
    assert (t2.value, t2.source, t2.missing) == (None, "missing", ("V3",))
    blank = iv.value("cleaned", "V3", "2024-05")
    assert (blank.value, blank.source) == (None, "missing")
    nothing = iv.value("cleaned", "V1", "2024-07")
    assert (nothing.value, nothing.source) == (None, "missing")


def test_a_formula_is_a_ratio_of_sums_when_rolled_up() -> None:
    iv = values()
    assert iv.value("cleanup-rate", "V1", "2024-05").value == pytest.approx(50.0)
    assert iv.value("cleanup-rate", "V1", "2024-05").source == "computed"
    t1 = iv.value("cleanup-rate", "T1", "2024-05")
    assert t1.value == pytest.approx(80.0)  # (5 + 27) / (10 + 30) × 100, not the mean of 50 and 90 (70)
    c = iv.value("cleanup-rate", "C", "2024-05")
    assert c.value == pytest.approx(80.0)  # V3 has no numerator: left out of both sums, and named
    assert c.missing == ("V3",) and not c.complete
    zero = iv.value("cleanup-rate", "V1", "2024-06")
    assert (zero.value, zero.source) == (None, "undefined")  # 0 / 0 is not a rate


def test_a_units_own_observation_wins_over_the_roll_up() -> None:
    iv = values((Observation("T2", "rate-sum", "2024-05", 33.0),))
    v = iv.value("rate-sum", "T2", "2024-05")
    assert (v.value, v.source) == (33.0, "observed")


def _target_value(iv: IndicatorValues, indicator: str, unit: str, period: str) -> float | None:
    t = iv.target(indicator, unit, period)
    return None if t is None else t.value


def test_targets_pick_the_most_specific_period_and_respect_level() -> None:
    iv = values()
    assert _target_value(iv, "cleanup-rate", "V1", "2024-05") == 50.0  # the month, for villages
    assert _target_value(iv, "cleanup-rate", "T1", "2024-05") == 60.0  # the month's target is for villages only
    assert _target_value(iv, "cleanup-rate", "V1", "2024-04") == 60.0  # the quarter holding April
    assert _target_value(iv, "cleanup-rate", "V1", "2024-07") == 90.0  # the year
    assert _target_value(iv, "cleanup-rate", "V1", "2025-01") == 10.0  # every period
    assert iv.target("cleaned", "V1", "2024-05") is None


def test_achievement_against_target() -> None:
    iv = values()
    a = iv.achievement("cleanup-rate", "T1", "2024-05")
    assert a.value == pytest.approx(80.0) and (a.target, a.met) == (60.0, True)
    assert a.percent == pytest.approx(80 / 60 * 100)
    m = iv.achievement("cleanup-rate", "V3", "2024-05")
    assert (m.value, m.met, m.percent) == (None, None, None)


@pytest.mark.parametrize(("value", "target", "direction", "expected"), [
    (45.0, 90.0, "higher", 50.0), (90.0, 90.0, "higher", 100.0), (108.0, 90.0, "higher", 120.0),
    (1.0, 0.5, "lower", 50.0),  # a loan overdue rate of 1 % against ≤ 0.5 %
    (0.25, 0.5, "lower", 200.0), (0.0, 0.5, "lower", 100.0),
    (90.0, 100.0, "target", 90.0), (110.0, 100.0, "target", 90.0), (300.0, 100.0, "target", 0.0),
    (0.0, 0.0, "target", 100.0), (1.0, 0.0, "higher", 100.0),
])
def test_achievement_is_direction_aware(value: float, target: float, direction: str, expected: float) -> None:
    assert achievement_percent(value, target, direction) == pytest.approx(expected)  # type: ignore[arg-type]


def test_comparisons_tolerate_float_noise() -> None:
    assert compare(0.1 + 0.2, "<=", 0.3) and compare(0.3, ">=", 0.1 + 0.2) and compare(0.1 + 0.2, "==", 0.3)
    assert not compare(0.29, ">=", 0.3) and compare(0.31, ">", 0.3) and not compare(0.3, ">", 0.3)


def test_periods_and_the_period_on_a_day() -> None:
    import datetime as dt

    iv = values((), IndicatorDef("never-reported", L))
    assert [str(p) for p in iv.periods("cleanup-rate")] == ["2024-05", "2024-06"]
    assert str(iv.period_on("cleanup-rate", dt.date(2024, 5, 31))) == "2024-05"
    assert iv.period_on("never-reported", dt.date(2024, 5, 31)) is None
    assert iv.value("never-reported", "C", "2024-05").source == "missing"


def test_unknown_names_are_usage_errors() -> None:
    iv = values()
    with pytest.raises(UsageError, match="no indicator"):
        iv.value("nope", "V1", "2024-05")
    with pytest.raises(UsageError, match="unknown unit"):
        iv.value("cleaned", "V9", "2024-05")
