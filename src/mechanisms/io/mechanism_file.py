"""Mechanisms as plain YAML (or TOML/JSON) files, so a county office can define one without code.

A plugin ships the same kind of file and registers it with :func:`register_file`. Besides the
fields of :class:`~mechanisms.Mechanism`, a file may start with ``quotes:``, a mapping of short
names to the source's sentences, verbatim and in the order they appear; YAML anchors on them
(``city: &city 4名市领导…``) let every role, rule and figure cite a sentence by alias
(``quote: *city``) so that each sentence is typed once. The section is the file's own: it is
checked (each entry must be text) and dropped before the mechanism is built.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from ..converter import structure
from ..errors import DataError, DataProblem
from ..model.checks import check_mechanism
from ..model.mechanism import Mechanism
from .documents import format_for, parse

QUOTES_KEY = "quotes"


def _read(path: Path | Traversable) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError([DataProblem(str(path), None, None, f"cannot read: {exc.strerror}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError([DataProblem(str(path), None, None, "not UTF-8 text")]) from None


def split_quotes(data: Any, *, file: str) -> tuple[dict[str, str], Any]:
    """The file's ``quotes`` section and the rest of the document (the mechanism's fields)."""
    if not isinstance(data, dict) or QUOTES_KEY not in data:
        return {}, data
    rest = dict(data)
    quotes = rest.pop(QUOTES_KEY)
    if not isinstance(quotes, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in quotes.items()):
        raise DataError([DataProblem(file, None, QUOTES_KEY, "quotes must map names to sentences (text)")])
    return quotes, rest


def read_mechanism_file(path: Path | Traversable) -> tuple[Mechanism, dict[str, str]]:
    """The mechanism a file states, checked, and its ``quotes`` section; every problem raised at once."""
    name = str(path)
    quotes, data = split_quotes(parse(_read(path), format_for(path.name), file=name), file=name)
    mech = structure(data, Mechanism, file=name)
    problems = check_mechanism(mech, file=name)
    if problems:
        raise DataError(problems)
    return mech, quotes


def load_mechanism_file(path: Path | Traversable | str) -> Mechanism:
    """Read and check a mechanism file; every problem is raised at once as a :class:`DataError`."""
    return read_mechanism_file(Path(path) if isinstance(path, str) else path)[0]


def register_file(register: Callable[[Mechanism], None], path: Path | Traversable | str) -> Mechanism:
    """Load the mechanism file at ``path`` and hand it to a ``register_mechanisms`` callback.

    The whole of a plugin whose mechanism is data::

        from importlib.resources import files
        from mechanisms import hookimpl, register_file

        @hookimpl
        def register_mechanisms(register):
            register_file(register, files(__package__) / "mechanism.yaml")

    A broken file raises :class:`DataError`, which the catalogue reports against the plugin.
    """
    mech = load_mechanism_file(path)
    register(mech)
    return mech
