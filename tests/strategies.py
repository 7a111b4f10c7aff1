"""Hypothesis strategies that build any attrs model of the library from its type hints."""

from __future__ import annotations

import datetime as dt
import types
import typing
from typing import Any, Literal, Union, get_args, get_origin

import attrs
from hypothesis import strategies as st

from mechanisms.model.schedule import Frequency

TEXT = st.text(alphabet=st.characters(whitelist_categories=("L", "N", "P", "Zs", "S")), max_size=12)
FLOATS = st.floats(allow_nan=False, allow_infinity=False, width=64, min_value=-1e12, max_value=1e12)
INTS = st.integers(min_value=0, max_value=10**6)
DATES = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2060, 12, 31))
OVERRIDES: dict[tuple[type, str], st.SearchStrategy[Any]] = {
    (Frequency, "times"): st.integers(1, 50),
}


def for_type(tp: Any, depth: int = 0) -> st.SearchStrategy[Any]:
    origin = get_origin(tp)
    if tp is str:
        return TEXT
    if tp is bool:
        return st.booleans()
    if tp is int:
        return INTS
    if tp is float:
        return FLOATS
    if tp is dt.date:
        return DATES
    if origin is Literal:
        return st.sampled_from(get_args(tp))
    if origin in (Union, types.UnionType):
        args = get_args(tp)
        return st.one_of([for_type(a, depth) for a in args])
    if tp is type(None):
        return st.none()
    if origin is tuple:
        (inner, _ellipsis) = get_args(tp)
        return st.lists(for_type(inner, depth + 1), max_size=2 if depth < 2 else 0).map(tuple)
    if attrs.has(tp):
        return models(tp, depth + 1)
    raise NotImplementedError(tp)


def models(cls: type, depth: int = 0) -> st.SearchStrategy[Any]:
    hints = typing.get_type_hints(cls)
    kwargs = {}
    for f in attrs.fields(cls):
        if not f.init:
            continue
        kwargs[f.name] = OVERRIDES[(cls, f.name)] if (cls, f.name) in OVERRIDES else for_type(hints[f.name], depth)
    return st.builds(cls, **kwargs)
