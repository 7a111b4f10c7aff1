"""Options and output shared by the commands that run a mechanism's year (score, campaign, visits, points, problems).

The text helpers live in :mod:`mechanisms.year.text`, where the year's result objects use them too.
"""

from __future__ import annotations

import click

from ..year.text import (
    MAX_ROWS,
    PER,
    RANK_ROWS,
    actor_label,
    capped_rows,
    default_on,
    due_text,
    freq_text,
    label_of,
    mask,
    rank_value,
    role_label,
    rounded,
    schedule_text,
    unit_label,
    zh_en,
)
from .options import show_personal_option, status_day_option
from .output import console

__all__ = [
    "MAX_ROWS",
    "PER",
    "RANK_ROWS",
    "actor_label",
    "capped_rows",
    "default_on",
    "due_text",
    "freq_text",
    "label_of",
    "mask",
    "mechanism_option",
    "on_option",
    "rank_value",
    "role_label",
    "rounded",
    "say_line",
    "schedule_text",
    "show_personal_option",
    "unit_label",
    "zh_en",
]

mechanism_option = click.option("--mechanism", "key", help="The mechanism (see `mechanisms list`).")
on_option = status_day_option()
"""``--on``: the status day (the command's own default without one); the command gets a ``datetime.date``."""


def say_line(text: str) -> None:
    console().print(text, markup=False)
