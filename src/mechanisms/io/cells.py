"""Cells written for a spreadsheet to open: text that a spreadsheet would run as a formula is defused.

A cell starting with ``=``, ``+``, ``-``, ``@`` (or a tab or carriage return before one) is a formula to Excel,
WPS and LibreOffice; a unit named ``=cmd|' /C calc'!A0`` must reach the office as text. Every CSV and xlsx the
library writes passes its text cells through :func:`escape`; readers undo it with :func:`unescape`.
"""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape(text: str) -> str:
    """Text with a leading quote where a spreadsheet would read a formula (and where one was already escaped)."""
    if text.startswith(FORMULA_START) or (text.startswith("'") and text[1:2] in FORMULA_START):
        return "'" + text
    return text


def unescape(text: str) -> str:
    """Undo :func:`escape`, so exported text reads back unchanged."""
    if text.startswith("'") and (text[1:2] in FORMULA_START or (text[1:2] == "'" and text[2:3] in FORMULA_START)):
        return text[1:]
    return text


def safe_cell(value: Any) -> Any:
    """A value as a CSV/xlsx cell: text escaped, numbers and everything else as they are."""
    return escape(value) if isinstance(value, str) else value
