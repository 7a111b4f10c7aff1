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

import re
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from .converter import structure, unstructure
from .errors import UsageError
from .mechanism import Mechanism

_SEGMENT = re.compile(r"(?P<name>[^.\[\]]+)(?:\[(?P<sel>[^\]]*)\])?")
PREFERRED_FIELDS = ("key", "role", "tag", "level", "indicator", "actor_kind", "period", "kind")


class PathError(KeyError):
    """A path that names nothing in the mechanism; ``args[0]`` is the message."""


@attrs.frozen
class Segment:
    name: str
    select: tuple[tuple[str, str], ...] | None = None
    """``(field, value)`` pairs an item of the list must match, or ``None`` for a plain field."""
    index: int | None = None
    """Set only for an old index segment, refused when the path is resolved."""


def parse_path(path: str) -> list[Segment]:
    """Split a path into segments; raises :class:`PathError` on a malformed one."""
    out: list[Segment] = []
    for raw in _split(path):
        if raw.isdigit():
            out.append(Segment(raw, index=int(raw)))
            continue
        m = _SEGMENT.fullmatch(raw)
        if m is None:
            raise PathError(f"path {path!r}: cannot read {raw!r}")
        name, sel = m.group("name"), m.group("sel")
        if sel is None:
            out.append(Segment(name))
        elif sel.strip().isdigit():
            out.append(Segment(name))
            out.append(Segment(sel.strip(), index=int(sel)))
        else:
            pairs = []
            for cond in sel.split(","):
                field, eq, value = cond.partition("=")
                if not eq or not field.strip():
                    raise PathError(f"path {path!r}: {raw!r} should pick an item as [field=value]")
                pairs.append((field.strip(), value.strip()))
            out.append(Segment(name, tuple(pairs)))
    return out


def _split(path: str) -> list[str]:
    """Split on dots outside brackets (a selected value may itself contain a dot)."""
    parts, depth, cur = [], 0, ""
    for ch in path:
        if ch == "." and depth == 0:
            parts.append(cur)
            cur = ""
            continue
        depth += ch == "["
        depth -= ch == "]"
        cur += ch
    parts.append(cur)
    if any(not p for p in parts):
        raise PathError(f"path {path!r}: an empty part")
    return parts


def _matches(item: Any, select: tuple[tuple[str, str], ...]) -> bool:
    return isinstance(item, dict) and all(f in item and _text(item[f]) == v for f, v in select)


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def selector(items: Sequence[Any], i: int) -> str:
    """The ``[field=value]`` that picks item ``i`` of a list of unstructured items, and no other."""
    item = items[i]
    if not isinstance(item, dict):
        return f"[{i}]"
    fields = [f for f in PREFERRED_FIELDS if f in item] + [f for f, v in item.items()
                                                           if f not in PREFERRED_FIELDS and isinstance(v, str | int)]
    for f in fields:
        if sum(1 for o in items if isinstance(o, dict) and o.get(f) == item[f]) == 1:
            return f"[{f}={_text(item[f])}]"
    for a_i, a in enumerate(fields):
        for b in fields[a_i + 1:]:
            if sum(1 for o in items if isinstance(o, dict) and o.get(a) == item[a] and o.get(b) == item[b]) == 1:
                return f"[{a}={_text(item[a])},{b}={_text(item[b])}]"
    first = fields[0] if fields else None
    return f"[{first}={_text(item[first])}]" if first else f"[{i}]"


def item_path(prefix: str, items: Sequence[Any], i: int) -> str:
    """``prefix[field=value]`` for item ``i`` of ``items`` (attrs objects or unstructured dicts)."""
    plain = [unstructure(o) if attrs.has(type(o)) else o for o in items]
    return prefix + selector(plain, i)


def _walk(data: Any, segments: list[Segment], path: str) -> Any:
    done = ""
    for seg in segments:
        if seg.index is not None:
            raise PathError(f"path {path!r}: items are picked by a field, not by position; write "
                            f"{_by_key(data, segments, path)!r}")
        if not isinstance(data, dict):
            raise PathError(f"path {path!r}: {seg.name!r} is below a plain value")
        if seg.name not in data:
            raise PathError(f"path {path!r}: no field {seg.name!r}" + (f" in {done}" if done else ""))
        data = data[seg.name]
        done = f"{done}.{seg.name}" if done else seg.name
        if seg.select is not None:
            if not isinstance(data, list):
                raise PathError(f"path {path!r}: {done} is not a list")
            found = [o for o in data if _matches(o, seg.select)]
            want = ",".join(f"{f}={v}" for f, v in seg.select)
            if len(found) != 1:
                raise PathError(f"path {path!r}: " + (f"no item [{want}] in {done}" if not found else
                                                      f"{len(found)} items match [{want}] in {done}"))
            data = found[0]
            done += f"[{want}]"
        elif isinstance(data, list):
            raise PathError(f"path {path!r}: {done} is a list; pick an item as {done}[field=value]")
    return data


def _by_key(root: Any, segments: list[Segment], path: str) -> str:
    """An old index path rewritten with selectors, resolved against the mechanism it was meant for."""
    data, out = root, ""
    for seg in segments:
        if seg.index is not None:
            if not isinstance(data, list) or not 0 <= seg.index < len(data):
                return path
            out += selector(data, seg.index)
            data = data[seg.index]
            continue
        if not isinstance(data, dict) or seg.name not in data:
            return path
        data = data[seg.name]
        out = f"{out}.{seg.name}" if out else seg.name
        if seg.select is not None:
            found = [o for o in data if _matches(o, seg.select)] if isinstance(data, list) else []
            if len(found) != 1:
                return path
            data = found[0]
            out += "[" + ",".join(f"{f}={v}" for f, v in seg.select) + "]"
    return out


def _number(value: Any, old: int | float, mechanism: str, key: str) -> int | float:
    """``value`` as a number of the kind ``old`` is (a whole number stays whole; 1.5 over 2 is kept as 1.5)."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise UsageError(f"{mechanism}: assumption {key!r} needs a number, got {value!r}") from None
    return int(number) if isinstance(old, int) and number.is_integer() else number


def get_path(mechanism: Mechanism, path: str) -> Any:
    """The value at ``path`` in ``mechanism``; raises :class:`PathError` naming what is missing."""
    data = unstructure(mechanism)
    return _walk(data, parse_path(path), path)


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
            segments = parse_path(a.path)
            *head, last = segments
            if last.select is not None or last.index is not None:
                raise PathError(f"path {a.path!r}: an assumption names a value, not a list item")
            parent = _walk(data, head, a.path) if head else data
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
            raise UsageError(f"--set expects KEY=VALUE, got {item!r}")
        out[key.strip()] = value.strip()
    return out
