"""Options shared by commands, so every command spells them the same way."""

from __future__ import annotations

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


lang_option = click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", show_default=True,
                           callback=_remember_lang, help="Language of labels.")
mechanism_file_option = click.option(
    "--mechanism-file", "mechanism_files", multiple=True, type=click.Path(path_type=Path, dir_okay=False),
    help="A TOML/YAML mechanism file to use beside the installed ones (repeatable).")
set_option = click.option("--set", "overrides", multiple=True, metavar="KEY=VALUE",
                          help="Override an assumption of the mechanism (see `show`).")
