"""The one syntax that names a place in a mechanism: dotted fields, list items picked by a field, not by position.

::

    policy.rules[role=department].per_unit
    scoring.tier_schemes[key=households].tiers[key=star].min_score
    policy.rules[role=cadre,actor_kind=party-member].per_unit     (several fields where one does not decide)

Assumption paths, ``--set``, the checks' messages and the converter's errors all use it, so a path never moves onto
another item when a list is reordered. An old index path (``policy.rules.3.per_unit``) is refused with the path it
should now be. This module works on plain (unstructured) data and imports nothing of the library but its errors.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from .errors import Said, Text
from .errors import said as _

_SEGMENT = re.compile(r"(?P<name>[^.\[\]]+)(?:\[(?P<sel>[^\]]*)\])?")
PREFERRED_FIELDS = ("key", "role", "tag", "level", "indicator", "actor_kind", "period", "kind")


class PathError(KeyError):
    """A path that names nothing in the mechanism; ``args[0]`` is the message (English), ``label`` both languages."""

    def __init__(self, message: Text) -> None:
        super().__init__(message.en)
        self.label = Said(message.zh, message.en)


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
            raise PathError(_("path {path}: cannot read {part}").format(path=repr(path), part=repr(raw)))
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
                    raise PathError(_("path {path}: {part} should pick an item as [field=value]").format(
                        path=repr(path), part=repr(raw)))
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
        raise PathError(_("path {path}: an empty part").format(path=repr(path)))
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
    def usable(v: Any) -> bool:  # a value a path can spell: text or a whole number, not null or true/false
        return isinstance(v, str | int) and not isinstance(v, bool)

    fields = [f for f in PREFERRED_FIELDS if f in item and usable(item[f])] + [
        f for f, v in item.items() if f not in PREFERRED_FIELDS and usable(v)]
    for f in fields:
        if sum(1 for o in items if isinstance(o, dict) and o.get(f) == item[f]) == 1:
            return f"[{f}={_text(item[f])}]"
    for a_i, a in enumerate(fields):
        for b in fields[a_i + 1:]:
            if sum(1 for o in items if isinstance(o, dict) and o.get(a) == item[a] and o.get(b) == item[b]) == 1:
                return f"[{a}={_text(item[a])},{b}={_text(item[b])}]"
    first = fields[0] if fields else None
    return f"[{first}={_text(item[first])}]" if first else f"[{i}]"


def walk(data: Any, segments: list[Segment], path: str) -> Any:
    if any(seg.index is not None for seg in segments):
        raise PathError(_("path {path}: items are picked by a field, not by position; write {fixed}").format(
            path=repr(path), fixed=repr(by_key(data, segments, path))))
    done = ""
    for seg in segments:
        if not isinstance(data, dict):
            raise PathError(_("path {path}: {name} is below a plain value").format(path=repr(path), name=repr(seg.name)))
        if seg.name not in data:
            raise PathError(_("path {path}: no field {name} in {parent}").format(path=repr(path), name=repr(seg.name),
                                                                                  parent=done) if done else
                            _("path {path}: no field {name}").format(path=repr(path), name=repr(seg.name)))
        data = data[seg.name]
        done = f"{done}.{seg.name}" if done else seg.name
        if seg.select is not None:
            if not isinstance(data, list):
                raise PathError(_("path {path}: {parent} is not a list").format(path=repr(path), parent=done))
            found = [o for o in data if _matches(o, seg.select)]
            want = ",".join(f"{f}={v}" for f, v in seg.select)
            if len(found) != 1:
                raise PathError(_("path {path}: no item [{want}] in {parent}").format(
                    path=repr(path), want=want, parent=done) if not found else
                    _("path {path}: {n} items match [{want}] in {parent}").format(
                        path=repr(path), n=len(found), want=want, parent=done))
            data = found[0]
            done += f"[{want}]"
        elif isinstance(data, list):
            raise PathError(_("path {path}: {parent} is a list; pick an item as {parent}[field=value]").format(
                path=repr(path), parent=done))
    return data


def by_key(root: Any, segments: list[Segment], path: str) -> str:
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
