"""``--help`` in the chosen language, translated when it is shown from the English the commands are written in.

The commands state their help, their options' help and their docstrings in English (the catalog's msgids, which
tools/babel_extract.py finds). The command group hands out a *translated shallow copy* of a command -- help texts
looked up in the catalog, the original command object untouched, since one process (the tests) shows both
languages -- and the copy's context formats click's own words (Usage, Options, [default: …]) in Chinese.
"""

from __future__ import annotations

import copy
import inspect
import os
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import click

from ..i18n import translate
from .click_i18n import speaking_lang

_HEADINGS = {"Options": "选项", "Commands": "命令", "Arguments": "参数"}
_EXTRAS = ((re.compile(r"\[default: "), "[默认："), (re.compile(r"\[required\]"), "[必填]"),
           (re.compile(r"\[env var: "), "[环境变量："), (re.compile(r"(?<=[\[;] )required\]"), "必填]"))


def help_lang(ctx: click.Context | None) -> str:
    """``--lang`` given before the command, else the command line's (``--lang`` anywhere in it, which
    :func:`~.click_i18n.argv_lang` read before parsing), else ``MECHANISMS_LANG``, else zh."""
    chosen = ctx.meta.get("mechanisms.lang") if ctx is not None else None
    if chosen in ("zh", "en"):
        return str(chosen)
    chosen = speaking_lang()
    if chosen in ("zh", "en"):
        return str(chosen)
    env = os.environ.get("MECHANISMS_LANG", "").strip().lower()
    return env if env in ("zh", "en") else "zh"


def _tr(text: str | None) -> str | None:
    """A help text in Chinese; looked up as click shows it (a docstring dedented, cut at ``\\f``), which is the form
    tools/babel_extract.py gives the catalog."""
    if not text:
        return text
    shown = inspect.cleandoc(text).partition("\f")[0].strip()
    found = translate(shown, "zh")
    return text if found == shown else found


class ZhHelpFormatter(click.HelpFormatter):
    """click's help layout with its headings, usage prefix and option extras in Chinese."""

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading) or translate(heading, 'zh')}：\n")

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        with super().section(_HEADINGS.get(name) or translate(name, "zh")):
            yield

    def write_dl(self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _zh_extras(translate(text, "zh"))) for term, text in rows], col_max, col_spacing)


def _zh_extras(text: str) -> str:
    for pattern, zh in _EXTRAS:
        text = pattern.sub(zh, text)
    return text


class HelpContext(click.Context):
    """A context whose help formatter speaks the language of the command line (read when help is formatted)."""

    def make_formatter(self) -> click.HelpFormatter:
        if help_lang(self) == "zh":
            return ZhHelpFormatter(width=self.terminal_width, max_width=self.max_content_width)
        return super().make_formatter()


def translated(cmd: click.Command, lang: str) -> click.Command:
    """``cmd`` as ``lang`` shows it: a shallow copy with its help, short help, epilog and its parameters' help in
    Chinese (a group's subcommands too); the English command itself where ``lang`` is en."""
    if lang == "en" or getattr(cmd, "_mechanisms_translated", False):
        return cmd
    new = copy.copy(cmd)
    new.help, new.short_help, new.epilog = _tr(cmd.help), _tr(cmd.short_help), _tr(cmd.epilog)
    params = []
    for p in cmd.params:
        q = copy.copy(p)
        if isinstance(q, click.Option):
            q.help = _tr(q.help)
        if isinstance(q.type, click.Path) and q.type.name:  # named when declared: "File 'x' does not exist."
            q.type = copy.copy(q.type)
            q.type.name = translate(q.type.name, "zh")
        params.append(q)
    new.params = params
    new.context_class = HelpContext
    if isinstance(new, click.Group):
        new.commands = {name: translated(sub, lang) for name, sub in new.commands.items()}
    new._mechanisms_translated = True  # type: ignore[attr-defined]
    return new
