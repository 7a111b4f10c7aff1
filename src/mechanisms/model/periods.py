"""Calendar periods: a day, an ISO week, a month ``2024-05``, a quarter ``2024Q2``, a half ``2024H1``, a year ``2024``.

Indicators, scorecards, rankings, visit frequencies and reporting calendars all speak of
periods; one small value type keeps them agreeing on what "May" or "Q2" contains. A period
is a closed range of days ``start … end``; every kind but the week nests in the coarser ones
(a week may straddle two months, so weeks nest only in nothing but themselves and hold days).
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from collections.abc import Iterator

import attrs

from ..errors import UsageError
from .labels import _
from .schedule import PERIOD_KINDS, PeriodKind, Schedule

_ORDER = {k: i for i, k in enumerate(PERIOD_KINDS)}
_MONTHS = {"day": 0, "week": 0, "month": 1, "quarter": 3, "half": 6, "year": 12}
_ZH_NUM = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\d{4})$"), "year"),
    (re.compile(r"^(\d{4})-?[Hh]([12])$"), "half"),
    (re.compile(r"^(\d{4})-?[Qq]([1-4])$"), "quarter"),
    (re.compile(r"^(\d{4})-?[Ww](\d{1,2})$"), "week"),
    (re.compile(r"^(\d{4})-(\d{1,2})$"), "month"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "day"),
    # the forms county spreadsheets use
    (re.compile(r"^(\d{4})年$"), "year"),
    (re.compile(r"^(\d{4})年?([上下])半年$"), "half"),
    (re.compile(r"^(\d{4})年?第?([一二三四1-4])季度?$"), "quarter"),
    (re.compile(r"^(\d{4})年(\d{1,2})月$"), "month"),
    (re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$"), "day"),
)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: dt.date, months: int) -> dt.date:
    m = day.month - 1 + months
    return dt.date(day.year + m // 12, m % 12 + 1, 1)


@attrs.frozen
class Period:
    """One calendar period, identified by its ``kind`` and first day ``start``.

    Build one with :meth:`parse` or :meth:`containing`; the constructor checks that
    ``start`` really begins a period of ``kind`` (1 April begins Q2, 2 April begins nothing
    but a day).
    """

    kind: PeriodKind
    start: dt.date

    def __attrs_post_init__(self) -> None:
        if self.kind not in _ORDER:
            raise UsageError(_("unknown period kind {kind} ({kinds})").format(kind=repr(self.kind),
                                                                              kinds=", ".join(PERIOD_KINDS)))
        if Period.containing(self.start, self.kind).start != self.start:
            raise UsageError(_("{start} does not begin a {kind}").format(start=self.start, kind=self.kind))

    # ---------------------------------------------------------------- building

    @staticmethod
    def containing(day: dt.date, kind: PeriodKind) -> Period:
        """The period of ``kind`` that holds ``day``."""
        if kind == "day":
            start = day
        elif kind == "week":
            start = day - dt.timedelta(days=day.weekday())
        elif kind == "year":
            start = dt.date(day.year, 1, 1)
        elif kind in _MONTHS:
            span = _MONTHS[kind]
            start = dt.date(day.year, (day.month - 1) // span * span + 1, 1)
        else:
            raise UsageError(_("unknown period kind {kind} ({kinds})").format(kind=repr(kind), kinds=", ".join(PERIOD_KINDS)))
        p = object.__new__(Period)
        object.__setattr__(p, "kind", kind)
        object.__setattr__(p, "start", start)
        return p

    @staticmethod
    def parse(text: str | Period) -> Period:
        """Read ``2024``, ``2024H1``, ``2024Q2``, ``2024-05``, ``2024-05-17``, ``2024-W05`` (or 2024年5月 …)."""
        if isinstance(text, Period):
            return text
        return _parse(str(text))

    @staticmethod
    def _parse_uncached(text: str) -> Period:
        s = text.strip()
        for pattern, kind in _PATTERNS:
            m = pattern.match(s)
            if not m:
                continue
            year = int(m.group(1))
            try:
                if kind == "year":
                    return Period.containing(dt.date(year, 1, 1), "year")
                if kind == "half":
                    n = 1 if m.group(2) in ("1", "上") else 2
                    return Period.containing(dt.date(year, 6 * n - 5, 1), "half")
                if kind == "quarter":
                    n = _ZH_NUM[m.group(2)]
                    return Period.containing(dt.date(year, 3 * n - 2, 1), "quarter")
                if kind == "month":
                    return Period.containing(dt.date(year, int(m.group(2)), 1), "month")
                if kind == "day":
                    return Period.containing(dt.date(year, int(m.group(2)), int(m.group(3))), "day")
                week = int(m.group(2))
                return Period.containing(dt.date.fromisocalendar(year, week, 1), "week")
            except ValueError:
                break
        raise UsageError(_("not a period: {text} (expected e.g. 2024, 2024H1, 2024Q2, 2024-05, 2024-05-17, 2024-W05)")
                         .format(text=repr(text)))

    # ---------------------------------------------------------------- reading

    @property
    def end(self) -> dt.date:
        """The period's last day (inclusive)."""
        if self.kind == "day":
            return self.start
        if self.kind == "week":
            return self.start + dt.timedelta(days=6)
        last = _add_months(self.start, _MONTHS[self.kind] - 1)
        return _month_end(last.year, last.month)

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def year(self) -> int:
        return self.start.isocalendar()[0] if self.kind == "week" else self.start.year

    def __str__(self) -> str:
        y = self.start.year
        if self.kind == "year":
            return f"{y}"
        if self.kind == "half":
            return f"{y}H{1 if self.start.month == 1 else 2}"
        if self.kind == "quarter":
            return f"{y}Q{(self.start.month - 1) // 3 + 1}"
        if self.kind == "month":
            return f"{y}-{self.start.month:02d}"
        if self.kind == "week":
            iso = self.start.isocalendar()
            return f"{iso[0]}-W{iso[1]:02d}"
        return self.start.isoformat()

    def __repr__(self) -> str:
        return f"Period({str(self)!r})"

    def __lt__(self, other: Period) -> bool:
        return (self.start, self.end) < (other.start, other.end)

    def __le__(self, other: Period) -> bool:
        return (self.start, self.end) <= (other.start, other.end)

    def __gt__(self, other: Period) -> bool:
        return (self.start, self.end) > (other.start, other.end)

    def __ge__(self, other: Period) -> bool:
        return (self.start, self.end) >= (other.start, other.end)

    def contains(self, other: dt.date | Period) -> bool:
        """Whether a day, or every day of another period, falls in this one."""
        if isinstance(other, Period):
            return self.start <= other.start and other.end <= self.end
        return self.start <= other <= self.end

    def __contains__(self, other: dt.date | Period) -> bool:
        return self.contains(other)

    def overlaps(self, start: dt.date | None, end: dt.date | None) -> bool:
        """Whether the closed range ``start … end`` (either open) shares a day with this period."""
        return (start is None or start <= self.end) and (end is None or self.start <= end)

    # ---------------------------------------------------------------- moving

    def shift(self, n: int) -> Period:
        """The period ``n`` steps later (earlier for negative ``n``) of the same kind."""
        if self.kind == "day":
            return Period.containing(self.start + dt.timedelta(days=n), "day")
        if self.kind == "week":
            return Period.containing(self.start + dt.timedelta(weeks=n), "week")
        return Period.containing(_add_months(self.start, n * _MONTHS[self.kind]), self.kind)

    def next(self) -> Period:
        return self.shift(1)

    def prev(self) -> Period:
        return self.shift(-1)

    def parent(self, kind: PeriodKind) -> Period:
        """The coarser period of ``kind`` that holds this one (a week: the one holding its first day)."""
        if _ORDER[kind] < _ORDER[self.kind]:
            raise UsageError(_("a {kind} is finer than a {other}").format(kind=kind, other=self.kind))
        return Period.containing(self.start, kind)

    def split(self, kind: PeriodKind) -> tuple[Period, ...]:
        """The periods of ``kind`` inside this one, in order (months of a quarter, days of a week).

        Weeks do not nest in months, quarters or years; asking for them raises.
        """
        if kind == self.kind:
            return (self,)
        if _ORDER[kind] > _ORDER[self.kind]:
            raise UsageError(_("a {kind} is coarser than a {other}: cannot split {period} into {kind}s").format(
                kind=kind, other=self.kind, period=self))
        if kind == "week":
            raise UsageError(_("weeks do not nest in a {kind}").format(kind=self.kind))
        return tuple(iterate(Period.containing(self.start, kind), Period.containing(self.end, kind)))

    def is_finer_than(self, kind: PeriodKind) -> bool:
        return _ORDER[self.kind] < _ORDER[kind]


@functools.lru_cache(maxsize=4096)
def _parse(text: str) -> Period:
    """Periods are immutable and the same few strings come back thousands of times (one per observation)."""
    return Period._parse_uncached(text)


def iterate(first: Period | str, last: Period | str) -> Iterator[Period]:
    """Every period from ``first`` to ``last`` inclusive; both must be of one kind."""
    a, b = Period.parse(first), Period.parse(last)
    if a.kind != b.kind:
        raise UsageError(_("{a} and {b} are not periods of one kind").format(a=a, b=b))
    p = a
    while p <= b:
        yield p
        p = p.next()


def periods_between(start: dt.date, end: dt.date, kind: PeriodKind) -> Iterator[Period]:
    """Every period of ``kind`` sharing a day with ``start … end``."""
    if end < start:
        return iter(())
    return iterate(Period.containing(start, kind), Period.containing(end, kind))


def finer(a: PeriodKind, b: PeriodKind) -> bool:
    """Whether kind ``a`` is strictly finer than kind ``b`` (month finer than quarter)."""
    return _ORDER[a] < _ORDER[b]


def _day_in_month(year: int, month: int, day: int | None) -> dt.date:
    last = calendar.monthrange(year, month)[1]
    if day is None:
        return dt.date(year, month, last)
    d = last + 1 + day if day < 0 else day
    return dt.date(year, month, min(max(d, 1), last))


def schedule_dates(schedule: Schedule, start: dt.date, end: dt.date) -> list[dt.date]:
    """The dates ``schedule`` falls on between ``start`` and ``end`` inclusive, in order.

    Rules: ``every="day"`` is every day; ``"week"`` falls on ISO weekday ``day`` (1 = Monday;
    ``None`` = Sunday); ``"month"`` on day ``day`` of each month (negative from the end,
    ``None`` = last day, clipped to the month's length), only in ``months`` when given;
    ``"quarter"``, ``"half"`` and ``"year"`` on day ``day`` of each period's last month, or of
    each month listed in ``months`` that lies in the period (Schedule("year", months=(4, 10))
    = April and October).
    """
    out: list[dt.date] = []
    for p in periods_between(start, end, schedule.every):
        if schedule.every == "day":
            dates = [p.start]
        elif schedule.every == "week":
            wd = schedule.day if schedule.day is not None else 7
            dates = [p.start + dt.timedelta(days=min(max(wd, 1), 7) - 1)]
        elif schedule.every == "month":
            if schedule.months and p.start.month not in schedule.months:
                continue
            dates = [_day_in_month(p.start.year, p.start.month, schedule.day)]
        else:
            months = [m for m in schedule.months if p.contains(dt.date(p.start.year, m, 1))] if schedule.months \
                else [p.end.month]
            dates = [_day_in_month(p.start.year, m, schedule.day) for m in months]
        out.extend(d for d in dates if start <= d <= end)
    return sorted(out)


__all__ = ["Period", "finer", "iterate", "periods_between", "schedule_dates"]
