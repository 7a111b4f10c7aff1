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
    name: str
    values: tuple[float | None, ...]


@attrs.frozen
class BarChart:
    """Grouped bars: one group per category, one bar per series."""

    title: Label
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    y_label: Label = NO_LABEL
    percent: bool = False


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
