"""How often things happen: visit frequencies and calendar schedules.

Kept apart from campaigns because roles (visit frequency) and scoring (assessment
period) use them too.
"""

from __future__ import annotations

from typing import Literal

import attrs

from .labels import Label

PeriodKind = Literal["day", "week", "month", "quarter", "half", "year"]
PERIOD_KINDS: tuple[str, ...] = ("day", "week", "month", "quarter", "half", "year")


@attrs.frozen
class Frequency:
    """At least ``times`` occurrences per ``per`` (e.g. 2 days a month, 1 a month, 1 a day).

    ``unit`` says what is counted: ``visit`` (separate visits) or ``day`` (days spent on
    site, as in Dongxing's "two days a month in the contact village").
    """

    times: int = attrs.field(validator=attrs.validators.ge(1))
    per: PeriodKind = attrs.field(validator=attrs.validators.in_(PERIOD_KINDS))
    unit: Literal["visit", "day"] = "visit"
    label: Label | None = None


    @property
    def per_year(self) -> float:
        """Expected occurrences a year, for burden estimates."""
        per = {"day": 365, "week": 52, "month": 12, "quarter": 4, "half": 2, "year": 1}[self.per]
        return float(self.times * per)


@attrs.frozen
class Schedule:
    """Calendar dates something falls on: ``every`` period, optionally only in ``months``, on ``day``.

    ``day`` is the day of month (negative counts from the end: -1 = last day); ``None``
    means the period's last day. Examples: a monthly bulletin by the 25th is
    ``Schedule("month", day=25)``; Xunyi's quarterly dispatch at the end of May, August and
    November is ``Schedule("month", months=(5, 8, 11))``.
    """

    every: PeriodKind
    months: tuple[int, ...] = ()
    day: int | None = None
    label: Label | None = None
