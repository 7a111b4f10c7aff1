"""JSON that every parser accepts: no ``NaN`` or ``Infinity`` tokens.

Python's ``json`` writes float NaN and infinity as bare ``NaN``/``Infinity``, which are not
JSON: ``jq``, JavaScript's ``JSON.parse`` (the HTML report) and most other readers refuse the
whole document. Figures that are undefined (a mean over no values, a spread over one run)
become ``null``; an infinite value (a post never refilled) becomes the string ``"inf"``.

Indented output (every ``--format json``) is written by :func:`_indented`, byte for byte what
``json.dumps(..., indent=…)`` writes: Python 3.11's C encoder cannot indent, and its pure-Python
encoder yields a piece per token — 1.3 s for the 80,000 single points of failure of a
million-household county, where building each container's text at once takes a fifth of that.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any


def finite(value: Any) -> Any:
    """``value`` with NaN replaced by ``None`` and ±infinity by ``"inf"``/``"-inf"``, through dicts, lists and tuples."""
    if isinstance(value, float):
        if math.isnan(value):
            return None
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return value
    if isinstance(value, dict):
        return {k: finite(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite(v) for v in value]
    if isinstance(value, Records):
        return [finite(v) for v in value.rows()]
    return value


class Records:
    """A list of flat records kept by column: ``keys`` and, per key, a list of its values (all as long).

    :func:`dumps` writes it byte for byte as the list of dicts it stands for (:meth:`rows`), encoding each column
    at once: a million-household county's coverage report has 80,000 single points of failure, and making a dict
    of each only for the encoder to take them apart again was about half of writing the report (0.2 s, now 0.1 s)."""

    __slots__ = ("columns", "keys")

    def __init__(self, keys: Sequence[str], columns: Sequence[Sequence[Any]]) -> None:
        if len(keys) != len(columns) or len({len(c) for c in columns}) > 1:
            raise ValueError("Records: one column per key, all of one length")
        self.keys = tuple(keys)
        self.columns = tuple(columns)

    def __len__(self) -> int:
        return len(self.columns[0]) if self.columns else 0

    def rows(self) -> list[dict[str, Any]]:
        """The records as the dicts they stand for."""
        return [dict(zip(self.keys, row, strict=True)) for row in zip(*self.columns, strict=True)]


class _FallbackError(Exception):
    """A document :func:`_indented` leaves to :mod:`json` (a key that is not text, a cycle)."""


def _indented(doc: Any, indent: int | str, ensure_ascii: bool, default: Callable[[Any], Any] | None) -> str:
    """``json.dumps(finite(doc), indent=indent, ensure_ascii=…, default=…, allow_nan=False)``, each container's
    text joined in one call (see the module docstring)."""
    step = " " * indent if isinstance(indent, int) else indent
    text = encode_basestring_ascii if ensure_ascii else encode_basestring

    def enc(o: Any, pad: str) -> str:
        t = type(o)
        if t is str:
            return str(text(o))
        if t is int:
            return int.__repr__(o)
        if t is float and o - o == 0:  # finite
            return float.__repr__(o)
        if t is dict:
            return obj(o, pad)
        if t is list:
            return seq(o, pad)
        if t is Records:
            return table(o, pad)
        return other(o, pad)

    def other(o: Any, pad: str) -> str:
        if isinstance(o, str):
            return str(text(o))
        if o is None:
            return "null"
        if o is True:
            return "true"
        if o is False:
            return "false"
        if isinstance(o, int):
            return int.__repr__(o)
        if isinstance(o, float):
            if o != o:
                return "null"
            if o in (math.inf, -math.inf):
                return '"inf"' if o > 0 else '"-inf"'
            return float.__repr__(o)
        if isinstance(o, dict):
            return obj(o, pad)
        if isinstance(o, list | tuple):
            return seq(o, pad)
        if default is None:
            raise TypeError(f"Object of type {o.__class__.__name__} is not JSON serializable")
        return enc(default(o), pad)

    def obj(o: dict[Any, Any], pad: str) -> str:
        if not o:
            return "{}"
        inner = pad + step
        parts = []
        for k, v in o.items():
            if type(k) is not str and not isinstance(k, str):
                raise _FallbackError
            parts.append(inner + text(k) + ": " + enc(v, inner))
        return "{" + ",".join(parts) + pad + "}"

    def seq(o: list[Any] | tuple[Any, ...], pad: str) -> str:
        if not o:
            return "[]"
        inner = pad + step
        rows = records(o, inner) if len(o) >= 32 else None
        if rows is None:
            rows = [enc(v, inner) for v in o]
        return "[" + inner + ("," + inner).join(rows) + pad + "]"

    def table(o: Records, pad: str) -> str:
        if not len(o):
            return "[]"
        inner = pad + step
        rows = by_column(o.keys, o.columns, inner) if o.keys and all(type(k) is str for k in o.keys) else None
        if rows is None:
            return seq(o.rows(), pad)
        return "[" + inner + ("," + inner).join(rows) + pad + "]"

    def records(o: list[Any] | tuple[Any, ...], pad: str) -> list[str] | None:
        """A long list of flat records with the same keys in the same order (a coverage report's 80,000 single
        points of failure), each column's values encoded at once and each record filled into one template;
        ``None`` for any other list."""
        first = o[0]
        if type(first) is not dict or not first or not all(type(k) is str for k in first):
            return None
        keys = tuple(first)
        if not all(type(d) is dict for d in o) or not all(map(keys.__eq__, map(tuple, o))):
            return None
        return by_column(keys, [[d[k] for d in o] for k in keys], pad)

    def by_column(keys: tuple[str, ...], cols: Sequence[Sequence[Any]], pad: str) -> list[str] | None:
        """Records given by column, each column encoded at once; ``None`` where a value is nested."""
        inner = pad + step
        columns = []
        for col in cols:
            kinds = set(map(type, col))
            if kinds <= {str}:
                columns.append(list(map(text, col)))
            elif kinds <= {int}:
                columns.append(list(map(int.__repr__, col)))
            elif kinds <= {int, float, bool, type(None), str}:
                columns.append([enc(v, inner) for v in col])
            else:
                return None  # a nested value: the general path
        brace = str.maketrans({"{": "{{", "}": "}}"})
        template = ("{{" + ",".join((inner + text(k) + ": ").translate(brace) + "{}" for k in keys)
                    + pad.translate(brace) + "}}")
        return list(map(template.format, *columns))

    try:
        return enc(doc, "\n")
    except RecursionError:  # a cycle: json's own check names it
        raise _FallbackError from None


def dumps(doc: Any, **kwargs: Any) -> str:
    """:func:`json.dumps` of :func:`finite` ``(doc)``, refusing (rather than writing) anything non-standard."""
    indent = kwargs.get("indent")
    if indent is not None and set(kwargs) <= {"indent", "ensure_ascii", "default"}:
        try:
            return _indented(doc, indent, kwargs.get("ensure_ascii", True), kwargs.get("default"))
        except _FallbackError:
            pass
    return json.dumps(finite(doc), allow_nan=False, **kwargs)
