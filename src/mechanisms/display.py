"""How a figure reads in a terminal table or the HTML report, the same everywhere."""

from __future__ import annotations


def percent(share: float | None) -> str | None:
    """A share as a percentage with one decimal (``0.1234`` → ``12.3%``); ``None`` (no figure) stays ``None``."""
    return None if share is None else f"{100 * share:.1f}%"
