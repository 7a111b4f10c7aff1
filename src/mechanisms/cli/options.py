"""Options shared by commands, so every command spells them the same way."""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from ..errors import UsageError
from ..model.labels import _

F = TypeVar("F", bound=Callable[..., Any])


def fmt_option(*choices: str) -> Callable[[F], F]:
    choices = choices or ("table", "json", "csv")
    return click.option("--format", "fmt", type=click.Choice(choices), default="table", show_default=True,
                        help="Output format.")


def _remember_lang(ctx: click.Context, _: click.Parameter, value: str) -> str:
    """Keep the language where the command group's error edge can read it (``ctx.meta`` is shared down the tree)."""
    ctx.meta["mechanisms.lang"] = value
    return value


def _lang_default() -> str:
    """``--lang`` given before the command (``mechanisms --lang en coverage …``), else ``MECHANISMS_LANG``, else zh."""
    ctx = click.get_current_context(silent=True)
    chosen = ctx.meta.get("mechanisms.lang") if ctx is not None else None
    if chosen:
        return str(chosen)
    env = os.environ.get("MECHANISMS_LANG", "").strip().lower()
    return env if env in ("zh", "en") else "zh"


lang_option = click.option("--lang", type=click.Choice(["zh", "en"]), default=_lang_default, show_default="zh",
                           callback=_remember_lang, help="Language of labels (or MECHANISMS_LANG; zh by default).")
mechanism_file_option = click.option(
    "--mechanism-file", "mechanism_files", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
    help="A TOML/YAML mechanism file to use beside the installed ones (repeatable).")
set_option = click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE",
                          help="Override an assumption of the mechanism (see `show`).")

DATE = click.DateTime(formats=["%Y-%m-%d"])


def _day(value: dt.datetime | dt.date | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def resolve_as_of(on: dt.datetime | dt.date | None, all_dates: bool, today: dt.date | None = None) -> dt.date | None:
    """The day a command reads the county as of: ``--on``, else today; ``None`` (every assignment ever held) with
    ``--all-dates``. Both at once is a usage error: they contradict each other."""
    if all_dates and on is not None:
        raise UsageError(_("give --on DAY or --all-dates, not both"))
    if all_dates:
        return None
    return _day(on) or today or dt.date.today()


def as_of_option(f: F) -> F:
    """``--on YYYY-MM-DD`` and ``--all-dates`` for a command that reads assignments; the command gets one parameter,
    ``on``: the day (today unless ``--on`` names another), or ``None`` with ``--all-dates``.

    Why today: an assignment that ended on 30 June does not cover anyone in December, and an analyst who asks
    "is every household covered?" means now. A store URL given as DATA is read as of the same day (its latest
    versions with ``--all-dates``), and only for this invocation.
    """
    from ..io.sources import AS_OF

    @functools.wraps(f)
    def command(*args: Any, on_day: dt.datetime | None = None, all_dates: bool = False, **kwargs: Any) -> Any:
        day = resolve_as_of(on_day, all_dates)
        token = AS_OF.set(day)
        try:
            return f(*args, on=day, **kwargs)
        finally:
            AS_OF.reset(token)

    command = click.option("--all-dates", "all_dates", is_flag=True,
                           help="Count every assignment ever held, whatever its start and end (not with --on).")(command)
    command = click.option("--on", "on_day", type=DATE, default=None, metavar="YYYY-MM-DD",
                           help="Read the county as of this day: only assignments in force then count "
                                "(default: today; see --all-dates).")(command)
    return cast(F, command)


def status_day_option(help_text: str = "Status day YYYY-MM-DD.") -> Callable[[F], F]:
    """``--on`` for a command whose day is a status day (a campaign's, a ledger's), spelt as :func:`as_of_option`
    spells it; the command gets ``on``: the day given, or ``None`` for the command's own default. A store URL
    as DATA is read as of that day (its latest versions without one), for this invocation only."""
    def decorate(f: F) -> F:
        from ..io.sources import AS_OF

        @functools.wraps(f)
        def command(*args: Any, on: dt.datetime | None = None, **kwargs: Any) -> Any:
            day = _day(on)
            token = AS_OF.set(day)
            try:
                return f(*args, on=day, **kwargs)
            finally:
                AS_OF.reset(token)

        return cast(F, click.option("--on", "on", type=DATE, default=None, metavar="YYYY-MM-DD", help=help_text)(command))
    return decorate


def workers_option(help_text: str = "Worker processes (default: one per core; 1 runs in this process).") -> Callable[[F], F]:
    """``--workers``, the same default everywhere: one process per core (``None`` here; the executor decides)."""
    return click.option("--workers", type=click.IntRange(min=1), default=None, help=help_text)


def _remember(meta_key: str) -> Callable[[click.Context, click.Parameter, bool], bool]:
    """A flag's callback that keeps it where every table of the invocation can read it (``ctx.meta`` is shared down
    the tree), so the flag counts whether given before the command or on it."""
    def remember(ctx: click.Context, _: click.Parameter, value: bool) -> bool:
        if value:
            ctx.meta[meta_key] = True
        return value or bool(ctx.meta.get(meta_key))

    return remember


keys_option = click.option("--keys", "keys", is_flag=True, callback=_remember("mechanisms.keys"),
                           help="Show keys (county-leader, town) instead of names in tables and CSV; JSON always "
                                "has keys.")
"""``--keys`` on a command (also accepted before the command: ``mechanisms --keys coverage …``); the command gets
``keys: bool``. Names are the default because a county office reads 县级领导, not ``county-leader``; an analyst
joining CSV output on keys asks for them."""


show_personal_option = click.option("--show-personal", is_flag=True, callback=_remember("mechanisms.show_personal"),
                                    help="Show personal data: household names, ID and phone numbers (masked by default).")
"""``--show-personal`` on a command (as ``--keys``, also before it); read back by :func:`~.screen.show_personal`."""


def show_keys() -> bool:
    """Whether ``--keys`` was given anywhere on the command line."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx is not None and ctx.meta.get("mechanisms.keys"))
