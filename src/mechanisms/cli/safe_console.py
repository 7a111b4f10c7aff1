"""The one rich console class the CLI prints through; its own module so that rich (30 ms to import) loads only
when something is printed as a table or styled line, never for ``--format json`` or ``csv``."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.text import Text

from .screen import screen_text


class SafeConsole(Console):
    """A console that never reads data as markup: plain strings are printed as text with control characters shown
    as escapes and personal data masked (unless ``--show-personal``); only an explicit ``markup=True`` keeps markup,
    for strings the library writes itself (with data escaped in them)."""

    def print(self, *objects: Any, markup: bool | None = None, **kwargs: Any) -> None:
        if markup is not True:
            objects = tuple(Text(screen_text(o)) if isinstance(o, str) else o for o in objects)
        super().print(*objects, markup=markup, **kwargs)
