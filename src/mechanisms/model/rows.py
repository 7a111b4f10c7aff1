"""Rows a result gives a person to read: columns with bilingual headers, and the blocks a command prints in order.

Result objects of the library (a score report, a coverage report) build these; the CLI only renders them as a
terminal table, JSON or CSV, so every output a user gets from the CLI a library user gets from Python too.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from .labels import Label


@attrs.frozen
class Col:
    """One column: the key its rows carry, its header in both languages, and how a table aligns it."""

    key: str
    label: Label
    justify: str = "left"


@attrs.frozen
class Say:
    """A line of text between tables (a rule stated beside its figures, a note that something was skipped)."""

    text: str


@attrs.frozen
class Rows:
    """A titled table of rows keyed by column."""

    rows: Sequence[dict[str, Any]]
    cols: Sequence[Col]
    title: Label | None = None
    caption: str | None = None


Block = Say | Rows
