"""click's own messages ("Usage:", "Error: No such option '--x'.", "Missing argument 'DATA'.") in the language of
the command line.

click writes its messages in English through :func:`gettext.gettext`, bound in each of its modules as ``_`` (and
``ngettext``) when click is imported. Its English is the msgid, so our catalog can hold the Chinese of each text
(:data:`CLICK_TEXTS`, which tools/babel_extract.py extracts) -- a translation rather than a second copy of
click's parsing. :func:`install` puts a wrapper in place of those module names; the wrapper answers in Chinese only
while our command line is running (:func:`speaking`, a context variable that :meth:`MechanismsGroup.main` sets), so
another click program in the same process (a test runner's) keeps click's own behaviour, untouched.

The language is known before click parses anything: :func:`argv_lang` reads ``--lang`` from the arguments
themselves, since a usage error in the group's own options (``mechanisms --bogus --lang en``) happens before the
``--lang`` callback could run. Where a ``--lang`` callback has run, the context's choice is used (they agree).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import click

from ..i18n import zh

LANGS = ("zh", "en")

CLICK_TEXTS = (
    # usage errors (click.exceptions, click.parser, click.core)
    "Error: {message}",
    "Try '{command} {option}' for help.",
    "Usage:",
    "No such option {name!r}.",
    "No such command {name!r}.",
    "Did you mean {possibility}?",
    "(Did you mean one of: {possibilities}?)",
    "Missing argument",
    "Missing option",
    "Missing parameter",
    "Missing {param_type}",
    "Missing parameter: {param_name}",
    "Missing command.",
    "Invalid value: {message}",
    "Invalid value for {param_hint}: {message}",
    "Got unexpected extra argument ({args})",
    "Got unexpected extra arguments ({args})",
    "Takes {nargs} values but 1 was given.",
    "Takes {nargs} values but {len} were given.",
    "Value must be an iterable.",
    "Option {name!r} does not take a value.",
    "Option {name!r} requires an argument.",
    "Option {name!r} requires {nargs} arguments.",
    "Argument {name!r} takes {nargs} values.",
    "Invalid start character for option ({option})",
    "Could not open file {filename!r}: {message}",
    "unknown error",
    "Aborted!",
    # parameter types (click.types); "file", "directory" and "path" name a click.Path in its messages
    "{value!r} is not {choice}.",
    "{value!r} is not one of {choices}.",
    "Choose from:\n\t{choices}",
    "Choice({choices})",
    "{value!r} does not match the format {format}.",
    "{value!r} does not match the formats {formats}.",
    "{value!r} is not a valid {number_type}.",
    "{value} is not in the range {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}",
    "{value!r} is not a valid UUID.",
    "{len_type} values are required, but {len_value} was given.",
    "{len_type} values are required, but {len_value} were given.",
    "file",
    "directory",
    "path",
    "{name} {filename!r} does not exist.",
    "{name} {filename!r} is a file.",
    "{name} {filename!r} is a directory.",
    "{name} {filename!r} is not readable.",
    "{name} {filename!r} is not writable.",
    "{name} {filename!r} is not executable.",
    # help pages (click.core, click.formatting, click.decorators)
    "Options",
    "Commands",
    "Positional arguments",
    "Show this message and exit.",
    "Show the version and exit.",
    "%(prog)s, version %(version)s",
    "env var: {var}",
    "default: {default}",
    "required",
    "(dynamic)",
    "deprecated",
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}",
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}",
    # prompts and the terminal (click.termui, click.decorators, click.utils, click._termui_impl)
    "Do you want to continue?",
    "Confirm the action without prompting.",
    "Repeat for confirmation",
    "Error: The two entered values do not match.",
    "Error: invalid input",
    "Press any key to continue...",
    "Unknown color {colour!r}",
    "Unknown standard stream '{name}'",
    "{editor}: Editing failed",
    "{editor}: Editing failed: {e}",
    "Windows error: {error}",
    # shell completion (click.shell_completion)
    "Shell completion is not supported for Bash versions older than 4.4.",
    "Couldn't detect Bash version, shell completion is not supported.",
    # mistakes in a program's own declarations (click.core): a developer's, shown in Chinese as well
    "Could not determine name for option with declarations {decls!r}",
    "No options defined but a name was passed ({name}). Did you mean to declare an argument instead? Did you mean "
    "to pass '--{name}'?",
    "Name '{name}' defined twice",
    "Boolean option {decl!r} cannot use the same flag for true/false.",
    "Arguments take exactly one parameter declaration, got {length}: {decls}.",
)
"""Every text click translates (its ``_("…")`` and both forms of its ``ngettext``); tests/test_click_zh.py checks
the list against the installed click's source, so a click upgrade with new texts fails there, not in front of a
user."""

MODULES = ("core", "exceptions", "parser", "types", "formatting", "decorators", "termui", "utils",
           "shell_completion", "_termui_impl", "_winconsole")
"""click's modules that bind ``_``/``ngettext`` from :mod:`gettext` (those imported at :func:`install` time are
wrapped; click imports all but the last three with itself)."""

_SPEAKING: ContextVar[str | None] = ContextVar("mechanisms.cli.lang", default=None)


def argv_lang(args: Sequence[str]) -> str | None:
    """The last ``--lang zh|en`` (or ``--lang=…``) in the arguments, before a ``--``; ``None`` where there is none."""
    found = None
    rest = iter(args)
    for arg in rest:
        if arg == "--":
            break
        value = next(rest, None) if arg == "--lang" else arg[7:] if arg.startswith("--lang=") else None
        if value in LANGS:
            found = value
    return found


def command_line_lang(args: Sequence[str] | None) -> str:
    """The language of a command line: ``--lang`` in it, else ``MECHANISMS_LANG``, else zh."""
    chosen = argv_lang(sys.argv[1:] if args is None else args)
    if chosen:
        return chosen
    env = os.environ.get("MECHANISMS_LANG", "").strip().lower()
    return env if env in LANGS else "zh"


def speaking_lang() -> str | None:
    """The language our command line speaks now (:func:`speaking`), or ``None`` outside it."""
    return _SPEAKING.get()


@contextmanager
def speaking(lang: str | None) -> Iterator[None]:
    """Within the block click speaks ``lang`` (where a context's ``--lang`` has not chosen otherwise); ``None``: its
    own English, for importing a command -- a text click binds when a command is declared (a ``click.Path``'s
    "file") must not be fixed in the language of the first command line that imported it."""
    token = _SPEAKING.set(lang)
    try:
        yield
    finally:
        _SPEAKING.reset(token)


def _lang_now() -> str | None:
    chosen = _SPEAKING.get()
    if chosen is None:
        return None
    ctx = click.get_current_context(silent=True)
    meta = ctx.meta.get("mechanisms.lang") if ctx is not None else None
    return meta if meta in LANGS else chosen


def _wrap_gettext(original: Callable[[str], str]) -> Callable[[str], str]:
    def gettext(message: str) -> str:
        return (zh(message) or original(message)) if _lang_now() == "zh" else original(message)

    gettext.mechanisms_wrapped = True  # type: ignore[attr-defined]
    return gettext


def _wrap_ngettext(original: Callable[[str, str, int], str]) -> Callable[[str, str, int], str]:
    def ngettext(singular: str, plural: str, n: int) -> str:
        if _lang_now() == "zh":  # Chinese has one form: each English form is a msgid of its own
            return zh(singular if n == 1 else plural) or original(singular, plural, n)
        return original(singular, plural, n)

    ngettext.mechanisms_wrapped = True  # type: ignore[attr-defined]
    return ngettext


def _zh_punctuation(method: Callable[[Any], str]) -> Callable[[Any], str]:
    """click joins some sentences itself with ASCII marks ("{missing} {hint}." and "{message} {did you mean}"):
    in Chinese the full stop is 。 and no space follows a full-width mark."""
    def format_message(self: Any) -> str:
        text = method(self)
        if _lang_now() != "zh":
            return text
        text = re.sub(r"^([^.]*'[^']*')\.(?: |$)", r"\1。", text, count=1)  # 缺少参数 'DATA'. → 缺少参数 'DATA'。
        return re.sub(r"([。：；，）]) (?=[（\w'])", r"\1", text)

    format_message.mechanisms_wrapped = True  # type: ignore[attr-defined]
    return format_message


def _range_in_signs(self: Any) -> str:
    """A number range as ``≥1``, ``<10``, ``0≤x≤1``: click writes ``x>=1``, a programmer's notation that reads as
    code in a Chinese help text ([默认：20；x>=1]) and in its error (0 不在范围 x>=1 内), where a sign reads in
    either language."""
    below = "<" if self.max_open else "≤"
    if self.min is None:
        return f"{below}{self.max}"
    if self.max is None:
        return f"{'>' if self.min_open else '≥'}{self.min}"
    return f"{self.min}{'<' if self.min_open else '≤'}x{below}{self.max}"


def _zh_extras(method: Callable[..., Any]) -> Callable[..., Any]:
    """click joins an option's default, range and the like with "; " inside the brackets after its help: in Chinese
    that is ；(``[默认：0；≥0]``)."""
    def get_help_record(self: Any, ctx: click.Context) -> Any:
        record = method(self, ctx)
        if record is None or _lang_now() != "zh":
            return record
        spec, text = record
        found = re.search(r"\[([^\[\]]*)\]$", text)
        if found and "; " in found.group(1):
            text = text[:found.start(1)] + found.group(1).replace("; ", "；") + text[found.end(1):]
        return spec, text

    get_help_record.mechanisms_wrapped = True  # type: ignore[attr-defined]
    return get_help_record


def install() -> None:
    """Wrap the ``_`` and ``ngettext`` of every click module imported so far (once; a wrapped name is left), the
    format of the messages click punctuates itself, and how it writes a number range."""
    setattr(click.types._NumberRangeBase, "_describe_range", _range_in_signs)  # noqa: B010
    if not getattr(click.core.Option.get_help_record, "mechanisms_wrapped", False):
        setattr(click.core.Option, "get_help_record", _zh_extras(click.core.Option.get_help_record))  # noqa: B010
    for cls in (click.exceptions.MissingParameter, click.exceptions.NoSuchOption):
        if not getattr(cls.format_message, "mechanisms_wrapped", False):
            setattr(cls, "format_message", _zh_punctuation(cls.format_message))  # noqa: B010
    for name in MODULES:
        module = sys.modules.get(f"click.{name}")
        if module is None:
            continue
        for attr, wrap in (("_", _wrap_gettext), ("ngettext", _wrap_ngettext)):
            found = getattr(module, attr, None)
            if callable(found) and not getattr(found, "mechanisms_wrapped", False):
                setattr(module, attr, wrap(found))
