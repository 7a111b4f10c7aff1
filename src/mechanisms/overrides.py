"""Assumptions a user may override: where the source is silent we chose a value; a user may choose another.

Paths are dotted into the mechanism as the converter unstructures it
(``scoring.tier_schemes.0.tiers.1.min_score``), so the same mechanism works for Python
plugins and TOML/YAML files alike.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from .converter import structure, unstructure
from .errors import UsageError
from .mechanism import Mechanism


def _walk(data: Any, parts: list[str], path: str) -> Any:
    for part in parts:
        if isinstance(data, list):
            try:
                data = data[int(part)]
            except (ValueError, IndexError):
                raise KeyError(f"path {path!r}: no item {part!r}") from None
        elif isinstance(data, dict):
            if part not in data:
                raise KeyError(f"path {path!r}: no field {part!r}")
            data = data[part]
        else:
            raise KeyError(f"path {path!r}: {part!r} is below a plain value")
    return data


def get_path(mechanism: Mechanism, path: str) -> Any:
    return _walk(unstructure(mechanism), path.split("."), path)


def apply_overrides(mechanism: Mechanism, values: Mapping[str, Any]) -> Mechanism:
    """A copy of ``mechanism`` with assumptions set to ``values`` (assumption key → new value)."""
    by_key = {a.key: a for a in mechanism.assumptions}
    unknown = [k for k in values if k not in by_key]
    if unknown:
        raise UsageError(f"{mechanism.key}: no assumption {', '.join(map(repr, unknown))} "
                         f"(assumptions: {', '.join(by_key) or 'none'})")
    data = unstructure(mechanism)
    new_assumptions = []
    for a in mechanism.assumptions:
        if a.key in values:
            *head, last = a.path.split(".")
            parent = _walk(data, head, a.path)
            value = values[a.key]
            old = parent[int(last)] if isinstance(parent, list) else parent[last]
            if isinstance(old, int | float) and not isinstance(old, bool):
                try:
                    value = type(old)(value)
                except (TypeError, ValueError):
                    raise UsageError(f"{mechanism.key}: assumption {a.key!r} needs a number, got {value!r}") from None
            if isinstance(parent, list):
                parent[int(last)] = value
            else:
                parent[last] = value
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
            raise UsageError(f"--set expects KEY=VALUE, got {item!r}")
        out[key.strip()] = value.strip()
    return out
