"""Assumptions a user may override: where the source is silent we chose a value; a user may choose another.

A path points into the mechanism as the converter unstructures it, with list items picked by a field, not by
position, so that reordering a list never moves an assumption onto another item::

    policy.rules[role=department].per_unit
    scoring.tier_schemes[key=households].tiers[key=star].min_score
    policy.rules[role=cadre,actor_kind=party-member].per_unit     (several fields where one does not decide)

The same syntax names a place in a mechanism everywhere: assumption paths, ``--set``, the checks' messages and
the docs. An old index path (``policy.rules.3.per_unit``) is refused with the path it should now be.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from ..converter import structure, unstructure
from ..errors import UsageError
from ..paths import PathError, parse_path, selector, walk
from .labels import _
from .mechanism import Mechanism

__all__ = ["PathError", "apply_overrides", "get_path", "item_path", "parse_assignments"]


def item_path(prefix: str, items: Sequence[Any], i: int) -> str:
    """``prefix[field=value]`` for item ``i`` of ``items`` (attrs objects or unstructured dicts)."""
    plain = [unstructure(o) if attrs.has(type(o)) else o for o in items]
    return prefix + selector(plain, i)


def _number(value: Any, old: int | float, mechanism: str, key: str) -> int | float:
    """``value`` as a number of the kind ``old`` is (a whole number stays whole; 1.5 over 2 is kept as 1.5)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise UsageError(_("{mechanism}: assumption {key} needs a number, got {value}").format(
            mechanism=mechanism, key=repr(key), value=repr(value))) from None
    return int(number) if isinstance(old, int) and number.is_integer() else number


def get_path(mechanism: Mechanism, path: str) -> Any:
    """The value at ``path`` in ``mechanism``; raises :class:`PathError` naming what is missing."""
    data = unstructure(mechanism)
    return walk(data, parse_path(path), path)


def apply_overrides(mechanism: Mechanism, values: Mapping[str, Any]) -> Mechanism:
    """A copy of ``mechanism`` with assumptions set to ``values`` (assumption key → new value)."""
    by_key = {a.key: a for a in mechanism.assumptions}
    unknown = [k for k in values if k not in by_key]
    if unknown:
        raise UsageError(_("{mechanism}: no assumption {keys} (assumptions: {known})").format(
            mechanism=mechanism.key, keys=", ".join(map(repr, unknown)), known=", ".join(by_key) or _("none")))
    data = unstructure(mechanism)
    new_assumptions = []
    for a in mechanism.assumptions:
        if a.key in values:
            segments = parse_path(a.path)
            *head, last = segments
            if last.select is not None or last.index is not None:
                raise PathError(_("path {path}: an assumption names a value, not a list item").format(path=repr(a.path)))
            parent = walk(data, head, a.path) if head else data
            value = values[a.key]
            old = parent[last.name]
            if isinstance(old, int | float) and not isinstance(old, bool):
                value = _number(value, old, mechanism.key, a.key)
            parent[last.name] = value
            a = attrs.evolve(a, value=value)
        new_assumptions.append(unstructure(a))
    data["assumptions"] = new_assumptions
    return structure(data, Mechanism, file=f"mechanism {mechanism.key}")


def parse_assignments(items: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``KEY=VALUE`` strings from the command line into a dict."""
    out = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise UsageError(_("--set expects KEY=VALUE, got {value}").format(value=repr(item)))
        out[key.strip()] = value.strip()
    return out
