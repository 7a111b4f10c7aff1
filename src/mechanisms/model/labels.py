"""Bilingual text: every string a person reads carries Chinese and English."""

from __future__ import annotations

from typing import Literal

import attrs

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")


@attrs.frozen
class Label:
    """A Chinese and an English rendering of the same words.

    Chinese is the source language of every mechanism; the English is ours and may be
    looser. Either may be empty only where the source gives nothing to translate.
    """

    zh: str
    en: str

    def get(self, lang: Lang) -> str:
        """Text in ``lang``, falling back to the other language when that one is empty."""
        primary, other = (self.zh, self.en) if lang == "zh" else (self.en, self.zh)
        return primary or other

    def __str__(self) -> str:
        return f"{self.zh} ({self.en})" if self.zh and self.en else self.zh or self.en


def L(zh: str, en: str) -> Label:  # noqa: N802 - short on purpose, plugins write hundreds
    """Shorthand used by plugins that state many labels."""
    return Label(zh, en)

def percent(share: float | None) -> str | None:
    """A share as a percentage with one decimal (``0.1234`` → ``12.3%``); ``None`` (no figure) stays ``None``."""
    return None if share is None else f"{100 * share:.1f}%"
