"""Period arithmetic, worked by hand at year, half and quarter edges."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mechanisms.errors import UsageError
from mechanisms.model.periods import Period, iterate, periods_between, schedule_dates
from mechanisms.model.schedule import Schedule

D = dt.date


@pytest.mark.parametrize(("text", "kind", "start", "end", "days"), [
    ("2024", "year", D(2024, 1, 1), D(2024, 12, 31), 366),
    ("2023", "year", D(2023, 1, 1), D(2023, 12, 31), 365),
    ("2024H1", "half", D(2024, 1, 1), D(2024, 6, 30), 182),
    ("2024H2", "half", D(2024, 7, 1), D(2024, 12, 31), 184),
    ("2024Q1", "quarter", D(2024, 1, 1), D(2024, 3, 31), 91),  # leap February
    ("2023Q1", "quarter", D(2023, 1, 1), D(2023, 3, 31), 90),
    ("2024Q2", "quarter", D(2024, 4, 1), D(2024, 6, 30), 91),
    ("2024Q4", "quarter", D(2024, 10, 1), D(2024, 12, 31), 92),
    ("2024-02", "month", D(2024, 2, 1), D(2024, 2, 29), 29),
    ("2024-05", "month", D(2024, 5, 1), D(2024, 5, 31), 31),
    ("2024-05-17", "day", D(2024, 5, 17), D(2024, 5, 17), 1),
    ("2024-W01", "week", D(2024, 1, 1), D(2024, 1, 7), 7),
    ("2020-W53", "week", D(2020, 12, 28), D(2021, 1, 3), 7),
])
def test_parse_gives_the_right_days(text: str, kind: str, start: dt.date, end: dt.date, days: int) -> None:
    p = Period.parse(text)
    assert (p.kind, p.start, p.end, p.days) == (kind, start, end, days)
    assert str(p) == text


@pytest.mark.parametrize(("text", "canonical"), [
    ("2024q2", "2024Q2"), ("2024-Q2", "2024Q2"), ("2024-5", "2024-05"), ("2024h1", "2024H1"),
    ("2024年", "2024"), ("2024年5月", "2024-05"), ("2024年第二季度", "2024Q2"), ("2024年二季度", "2024Q2"),
    ("2024年上半年", "2024H1"), ("2024年下半年", "2024H2"), ("2024年5月17日", "2024-05-17"), (" 2024Q3 ", "2024Q3"),
])
def test_other_spellings_read_to_one_form(text: str, canonical: str) -> None:
    assert str(Period.parse(text)) == canonical


@pytest.mark.parametrize("text", ["2024Q5", "2024-13", "2024H3", "2023-02-29", "2024-W54", "24Q1", "Q1", "", "2024-05-"])
def test_nonsense_is_refused(text: str) -> None:
    with pytest.raises(UsageError, match="not a period"):
        Period.parse(text)


def test_moving_across_year_edges() -> None:
    assert Period.parse("2024Q4").next() == Period.parse("2025Q1")
    assert Period.parse("2025Q1").prev() == Period.parse("2024Q4")
    assert Period.parse("2024-12").next() == Period.parse("2025-01")
    assert Period.parse("2024-01").prev() == Period.parse("2023-12")
    assert Period.parse("2024H2").next() == Period.parse("2025H1")
    assert Period.parse("2024-12-31").next() == Period.parse("2025-01-01")
    assert Period.parse("2024-02-28").next() == Period.parse("2024-02-29")
    assert Period.parse("2024Q1").shift(-5) == Period.parse("2022Q4")
    assert Period.parse("2020-W53").next() == Period.parse("2021-W01")


def test_containment_at_the_edges() -> None:
    q2 = Period.parse("2024Q2")
    assert q2.contains(D(2024, 4, 1)) and q2.contains(D(2024, 6, 30))
    assert not q2.contains(D(2024, 3, 31)) and not q2.contains(D(2024, 7, 1))
    assert Period.parse("2024-06") in q2
    assert Period.parse("2024-07") not in q2
    assert Period.parse("2024Q2") in Period.parse("2024H1")
    assert Period.parse("2024Q3") not in Period.parse("2024H1")
    assert Period.parse("2024-W01") in Period.parse("2024")
    assert Period.parse("2020-W53") not in Period.parse("2020")  # straddles the year
    assert Period.containing(D(2024, 6, 30), "quarter") == q2
    assert Period.containing(D(2024, 7, 1), "half") == Period.parse("2024H2")


def test_split_and_iterate() -> None:
    assert [str(p) for p in Period.parse("2024Q4").split("month")] == ["2024-10", "2024-11", "2024-12"]
    assert [str(p) for p in Period.parse("2024H2").split("quarter")] == ["2024Q3", "2024Q4"]
    assert len(Period.parse("2024").split("day")) == 366
    assert [str(p) for p in iterate("2024Q3", "2025Q2")] == ["2024Q3", "2024Q4", "2025Q1", "2025Q2"]
    assert [str(p) for p in periods_between(D(2024, 11, 30), D(2025, 1, 1), "month")] == ["2024-11", "2024-12", "2025-01"]
    with pytest.raises(UsageError):
        Period.parse("2024-05").split("quarter")
    with pytest.raises(UsageError):
        list(iterate("2024Q1", "2024-05"))


def test_ordering() -> None:
    ps = [Period.parse(t) for t in ("2024Q2", "2024-01", "2023", "2024-W10")]
    assert [str(p) for p in sorted(ps)] == ["2023", "2024-01", "2024-W10", "2024Q2"]


def test_a_period_must_start_where_its_kind_starts() -> None:
    assert Period("quarter", D(2024, 4, 1)) == Period.parse("2024Q2")
    with pytest.raises(UsageError, match="does not begin"):
        Period("quarter", D(2024, 5, 1))


def test_schedules_fall_where_the_sources_say() -> None:
    # Xunyi: quarterly dispatch at the end of May, August and November
    assert schedule_dates(Schedule("month", months=(5, 8, 11)), D(2024, 3, 1), D(2024, 12, 31)) == \
        [D(2024, 5, 31), D(2024, 8, 31), D(2024, 11, 30)]
    # a monthly report by the 25th, inside the campaign only
    assert schedule_dates(Schedule("month", day=25), D(2024, 10, 26), D(2024, 12, 31)) == [D(2024, 11, 25), D(2024, 12, 25)]
    # the half-year review at the end of June; the last day of February in a leap year
    assert schedule_dates(Schedule("half", months=(6,)), D(2024, 1, 1), D(2024, 12, 31)) == [D(2024, 6, 30)]
    assert schedule_dates(Schedule("month", months=(2,), day=-1), D(2024, 1, 1), D(2024, 12, 31)) == [D(2024, 2, 29)]
    assert schedule_dates(Schedule("month", months=(2,), day=31), D(2024, 1, 1), D(2024, 12, 31)) == [D(2024, 2, 29)]
    # water checks in April and October: a yearly schedule with months
    assert schedule_dates(Schedule("year", months=(4, 10), day=15), D(2024, 1, 1), D(2024, 12, 31)) == \
        [D(2024, 4, 15), D(2024, 10, 15)]
    assert schedule_dates(Schedule("quarter"), D(2024, 1, 1), D(2024, 12, 31)) == \
        [D(2024, 3, 31), D(2024, 6, 30), D(2024, 9, 30), D(2024, 12, 31)]
    assert schedule_dates(Schedule("week", day=1), D(2024, 5, 1), D(2024, 5, 31)) == \
        [D(2024, 5, 6), D(2024, 5, 13), D(2024, 5, 20), D(2024, 5, 27)]


KINDS = st.sampled_from(["day", "week", "month", "quarter", "half", "year"])
DAYS = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))


@given(DAYS, KINDS, st.integers(-60, 60))
def test_periods_round_trip_and_tile_the_calendar(day: dt.date, kind: str, n: int) -> None:
    p = Period.containing(day, kind)  # type: ignore[arg-type]
    assert p.contains(day)
    assert Period.parse(str(p)) == p
    assert p.shift(n).shift(-n) == p
    assert p.next().start == p.end + dt.timedelta(days=1)
    assert p.prev().end == p.start - dt.timedelta(days=1)
