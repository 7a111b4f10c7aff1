"""Options shared by commands, so every command spells them the same way."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

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
