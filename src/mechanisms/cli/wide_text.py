"""click's help laid out by display width, so Chinese help fits the terminal.

click measures and wraps help by characters (``click._compat.term_len``, ``click._textwrap``). A Chinese character
takes two terminal columns, so a Chinese paragraph wrapped to 78 "characters" runs to 150 columns and the terminal
breaks it again mid-line, and an option's description starts one column to the left for every Chinese character
in its metavar (``--mechanism-file 文件``). And Chinese has no spaces to wrap at, so a sentence is one "word".

:func:`install` gives click a width function that counts East Asian wide characters as two columns, and a wrapper
that may break between any two Chinese characters -- never before a closing mark (，。；：、）」》！？), which stays with
the character before it. ASCII text measures and wraps exactly as before. It is installed by our command line
only (:meth:`mechanisms.cli.app.MechanismsGroup.main`); tests/test_wide_help.py checks the lines' widths.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

# Marks that must not begin a line (kinsoku): they stay with the character before them; and marks that must not end
# one: they stay with what follows.
_CLOSING = frozenset("，。；：、）」』》〉】！？…")
_OPENING = frozenset("（「『《〈【“‘")
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def _char_width(c: str) -> int:
    if unicodedata.combining(c):
        return 0
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: ANSI escapes none, East Asian wide characters two, others one."""
    if text.isascii():
        return len(_ANSI.sub("", text)) if "\033" in text else len(text)
    return sum(_char_width(c) for c in _ANSI.sub("", text))


def truncate_width(text: str, n: int) -> str:
    """The longest prefix of ``text`` at most ``n`` columns wide, ANSI escapes kept whole (click's
    ``_truncate_visible`` by columns rather than characters)."""
    if n <= 0:
        return ""
    used, i, cut = 0, 0, 0
    while i < len(text):
        m = _ANSI.match(text, i)
        if m is not None:
            i = m.end()
            continue
        w = _char_width(text[i])
        if used + w > n:
            break
        used += w
        i += 1
        cut = i
    return text[:cut] or text[:1]  # never an empty cut: a character wider than the room still goes on the line


def split_wide(chunk: str) -> list[str]:
    """A textwrap chunk split before each wide character, closing marks kept with the character before them."""
    if chunk.isascii():
        return [chunk]
    out: list[str] = []
    narrow = False  # whether the last piece is a run of narrow characters still open
    opened = False  # whether the last piece ends with an opening mark (what follows joins it)
    for c in chunk:
        wide = _char_width(c) == 2
        if out and (opened or (wide and c in _CLOSING) or (not wide and narrow)):
            out[-1] += c
        else:
            out.append(c)
        narrow = not wide
        opened = wide and c in _OPENING
    return out


def install() -> None:
    """Give click's help formatter display widths (idempotent)."""
    import click._textwrap as textwrap_mod
    import click.formatting as formatting

    if getattr(textwrap_mod.TextWrapper, "_mechanisms_wide", False):
        return
    base: Any = textwrap_mod.TextWrapper

    class WideWrapper(base):  # type: ignore[misc]
        """click's wrapper, splitting Chinese into characters it may break between."""

        _mechanisms_wide = True

        def _split(self, text: str) -> list[str]:
            return [piece for chunk in super()._split(text) for piece in split_wide(chunk)]

    # click's own module-level names, replaced where click looks them up (setattr: they are not exported)
    setattr(textwrap_mod, "TextWrapper", WideWrapper)  # noqa: B010
    setattr(textwrap_mod, "term_len", display_width)  # noqa: B010
    setattr(textwrap_mod, "_truncate_visible", truncate_width)  # noqa: B010
    setattr(formatting, "term_len", display_width)  # noqa: B010
