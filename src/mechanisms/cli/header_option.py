"""``--headers zh|en``: the language of the files a command writes, shared by every command that writes a county.

A county office opens what the CLI writes in Excel and types into it; the sheet (or CSV file) names, headers,
level names and actor kinds are in its language unless asked otherwise. The default follows ``--lang`` (zh unless
told), so ``--lang en`` gives English files and English messages together.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..model.labels import Lang

F = TypeVar("F", bound=Callable[..., Any])

headers_option: Callable[[F], F] = click.option(
    "--headers", type=click.Choice(["zh", "en"]), default=None,
    help="Language of the written sheet (file) names, headers and level/kind names (default: --lang).")


def headers_lang(headers: str | None, lang: Lang) -> Lang:
    """The language files are written in: ``--headers`` where given, else ``--lang``."""
    return "en" if (headers or lang) == "en" else "zh"
