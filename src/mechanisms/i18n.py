"""The message catalogs: English source texts (msgids) and their Chinese from a compiled gettext catalog.

Person-facing text is written in English in the code (``_("unknown level {key}")``) and translated through
``locale/zh/LC_MESSAGES/mechanisms.mo``, which Babel compiles from the ``.po`` beside it (``make catalogs``).
The standard library's :mod:`gettext` reads the ``.mo`` at run time -- one small file, read once, on the first
lookup -- so neither Babel nor any catalog work runs for a command that prints nothing translated.

This module sits below every other one (``errors`` uses it), so it imports nothing of the library.
"""

from __future__ import annotations

import functools
import gettext
from pathlib import Path

DOMAIN = "mechanisms"
LOCALE_DIR = Path(__file__).parent / "locale"
MO_FILE = LOCALE_DIR / "zh" / "LC_MESSAGES" / f"{DOMAIN}.mo"
PO_FILE = MO_FILE.with_suffix(".po")


@functools.cache
def _catalog() -> gettext.NullTranslations:
    """The Chinese catalog, read on first use; an installation without it falls back to the English texts."""
    try:
        with MO_FILE.open("rb") as f:
            return gettext.GNUTranslations(f)
    except OSError:
        return gettext.NullTranslations()


def zh(msgid: str, context: str | None = None) -> str:
    """The Chinese of ``msgid`` (in ``context`` where one English text needs two renderings), or ``""`` where the
    catalog has none -- callers then show the English rather than nothing."""
    if not msgid:
        return ""
    found = _catalog().pgettext(context, msgid) if context else _catalog().gettext(msgid)
    return "" if found == msgid else found


def translate(msgid: str, lang: str, context: str | None = None) -> str:
    """``msgid`` in ``lang``: the English itself, or its Chinese (the English where the catalog lacks it)."""
    if lang == "en":
        return msgid
    return zh(msgid, context) or msgid
