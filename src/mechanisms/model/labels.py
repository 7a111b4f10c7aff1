"""Bilingual text: every string a person reads carries Chinese and English.

New text is written as ``_("English")``: the English is the msgid of the gettext catalog
(:mod:`mechanisms.i18n`) and the Chinese comes from it, so ``L("中文", "English")`` and ``_("English")`` give the
same :class:`Label`. ``L``/``Label`` pairs stay valid (plugins state their mechanisms' own names that way).
"""

from __future__ import annotations

from typing import Any, Literal

import attrs

from ..i18n import zh as _catalog_zh

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

    def format(self, **values: Any) -> Label:
        """Both languages with ``{name}`` placeholders filled; a :class:`Label` value fills each language with its
        own rendering (``_("{role} has no rule").format(role=role.label)``)."""
        def fill(text: str, lang: Lang) -> str:
            return text.format(**{k: v.get(lang) if isinstance(v, Label) else v for k, v in values.items()})
        return Label(fill(self.zh, "zh") if self.zh else "", fill(self.en, "en"))

    def __add__(self, other: Label | str) -> Label:
        """Two texts joined in each language (a plain string is the same in both)."""
        if isinstance(other, Label):
            return Label(self.get("zh") + other.get("zh"), self.get("en") + other.get("en"))
        return Label(self.get("zh") + other, self.get("en") + other)

    def __str__(self) -> str:
        return f"{self.zh} ({self.en})" if self.zh and self.en else self.zh or self.en


def L(zh: str, en: str) -> Label:  # noqa: N802 - short on purpose, plugins write hundreds
    """Shorthand used by plugins that state many labels."""
    return Label(zh, en)


def _(msgid: str) -> Label:
    """The English ``msgid`` and its Chinese from the message catalog (the English in both where it has none yet;
    tests/test_i18n.py fails on that)."""
    return Label(_catalog_zh(msgid), msgid)


def p_(context: str, msgid: str) -> Label:
    """``_`` for an English text that needs two Chinese renderings: ``context`` tells them apart (pgettext)."""
    return Label(_catalog_zh(msgid, context), msgid)


def percent(share: float | None) -> str | None:
    """A share as a percentage with one decimal (``0.1234`` → ``12.3%``); ``None`` (no figure) stays ``None``."""
    return None if share is None else f"{100 * share:.1f}%"
