"""Cells written for a spreadsheet to open: text that a spreadsheet would run as a formula is defused.

A cell starting with ``=``, ``+``, ``-``, ``@`` — also after leading spaces, a tab or a carriage return, and in
their full-width forms (``＝``) that WPS and Excel with a Chinese IME accept — is a formula to Excel, WPS and
LibreOffice; a unit named ``=cmd|' /C calc'!A0`` must reach the office as text. Every CSV and xlsx the library
writes passes its text cells through :func:`escape`; readers undo it with :func:`unescape`.
"""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "＝", "＋", "－", "＠")
LEADING = " \t\r\n\u3000"


def _formula(text: str) -> bool:
    return text.lstrip(LEADING).startswith(FORMULA_START)


def escape(text: str) -> str:
    """Text with a leading quote where a spreadsheet would read a formula — also behind quotes already there, so
    that :func:`unescape` gives back exactly what was written."""
    return "'" + text if _formula(text.lstrip("'")) else text


def unescape(text: str) -> str:
    """Undo :func:`escape`, so exported text reads back unchanged."""
    return text[1:] if text.startswith("'") and _formula(text[1:].lstrip("'")) else text


def safe_cell(value: Any) -> Any:
    """A value as a CSV/xlsx cell: text escaped, numbers and everything else as they are."""
    return escape(value) if isinstance(value, str) else value
