"""Data as the terminal may show it, without rich: control characters escaped, personal data masked unless asked.

:mod:`mechanisms.cli.output` prints through rich, whose import is a tenth of a short command's start-up; a command
that prints one plain line (``validate``'s verdict) writes :func:`screen_text` with :func:`click.echo` instead, and
the two stay the same rule because ``output`` takes these from here.
"""

from __future__ import annotations

import click

from ..model.safe_text import hide_passwords, mask_personal, terminal_safe


def show_personal() -> bool:
    """Whether the user asked to see personal data (``--show-personal`` anywhere on the command line)."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get("mechanisms.show_personal"))


def screen_text(text: str) -> str:
    """Data as the terminal may show it: control characters escaped, a URL's password hidden, ID and phone numbers
    masked unless asked."""
    text = hide_passwords(terminal_safe(text))
    return text if show_personal() else mask_personal(text)


def echo(text: str, *, err: bool = False) -> None:
    """One line of plain text, screen-safe (:func:`screen_text`), as ``console().print(text, markup=False)`` gives it."""
    click.echo(screen_text(text), err=err)
