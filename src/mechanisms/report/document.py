"""What a report says, apart from how it is drawn: sections of text, tables and charts with bilingual labels.

Keeping the content as plain data lets the same comparison be printed as a terminal table,
written as JSON, or drawn as HTML, and lets tests check the figures without parsing HTML.
"""

from __future__ import annotations

from typing import Any

import attrs

from ..model.labels import Label

NO_LABEL = Label("", "")


@attrs.frozen
class NotApplicable(Label):
    """A figure or role that does not apply, and why: reads "不适用：…" / "n/a: …" wherever a label is printed, and
    the report draws it as such instead of an empty bar or a misleading 0."""

    reason: Label = NO_LABEL


def na(reason: Label) -> NotApplicable:
    return NotApplicable(f"不适用：{reason.zh}", f"n/a: {reason.en}", reason)


@attrs.frozen
class Ref:
    """A unit or actor as a person reads it: the name (masked where personal), with its id beside it."""

    name: str | Label
    id: str


Value = float | NotApplicable | None
"""A bar or point: a number, not applicable (with the reason), or no figure."""


@attrs.frozen
class Text:
    body: Label


@attrs.frozen
class Table:
    title: Label
    columns: tuple[Label, ...]
    rows: tuple[tuple[Any, ...], ...]
    note: Label | None = None


@attrs.frozen
class Series:
    name: Label
    values: tuple[Value, ...]


@attrs.frozen
class BarChart:
    """Grouped bars: one group per category (a row: label on the left), one bar per series."""

    title: Label
    categories: tuple[Label | Ref | str, ...]
    series: tuple[Series, ...]
    y_label: Label = NO_LABEL
    percent: bool = False
    note: Label | None = None


@attrs.frozen
class LineChart:
    """Lines over a numeric x axis (robustness curves: share leaving → expected coverage)."""

    title: Label
    x: tuple[float, ...]
    series: tuple[Series, ...]
    x_label: Label = NO_LABEL
    y_label: Label = NO_LABEL
    percent: bool = False


@attrs.frozen
class Histogram:
    """Distributions as binned counts, one series per distribution, sharing the bins."""

    title: Label
    bins: tuple[float, ...]
    series: tuple[Series, ...]
    x_label: Label = NO_LABEL
    y_label: Label = NO_LABEL


Block = Text | Table | BarChart | LineChart | Histogram


@attrs.frozen
class Section:
    title: Label
    blocks: tuple[Block, ...]


@attrs.frozen
class Report:
    title: Label
    subtitle: Label
    sections: tuple[Section, ...]
    footer: Label | None = None
