"""JSON and YAML read so that nothing is guessed, nothing is dropped, and nothing hostile runs away.

YAML: PyYAML's safe loader (libyaml's C parser where installed) with a strict resolver in place of
YAML 1.1's: a plain scalar is a number only as JSON writes numbers (``12``, ``-3``, ``0.5``, ``1e3``), a
boolean only as ``true``/``false``, null only as ``null``, ``~`` or nothing. So ``0012`` stays ``"0012"``
(YAML 1.1: the octal 10), ``NO`` stays ``"NO"`` (YAML 1.1: False), ``2024-01-01`` stays text for the
date parser, ``1:30`` stays text (YAML 1.1: 90). With ``plain`` every scalar is a string, as a CSV cell
is. Before anything is built, one pass over libyaml's events (an iterative parser: no recursion) bounds
the nesting depth (libyaml's composer recurses and segfaults 100k levels down) and the nodes aliases add
(a "billion laughs" document is kilobytes that expand to gigabytes); an alias to a node still being
built (a document containing itself) is refused. The same pass builds the data where the document holds
only what the strict loader makes of plain mappings, lists and scalars (every mechanism file): PyYAML's
composer and constructor, three times slower, run only for the rest (explicit tags, merge keys, a key
given twice), so they still say what is wrong in their own words.

JSON: duplicate keys are problems (Python keeps the last silently), so are ``NaN``/``Infinity`` and
numbers beyond a float; nesting is bounded (Python's parser raises RecursionError deep down).
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.resolver import BaseResolver

from ..errors import DataError, DataProblem
from .guards import MAX_ALIAS_NODES, MAX_NESTING, MAX_NUMBER_DIGITS, alias_bomb, bad_number, too_deep

try:  # libyaml's parser lives in yaml.cyaml (``yaml.CParser`` is not exported at the top level)
    from yaml import cyaml as _cyaml
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    _cyaml = None  # type: ignore[assignment]
_CParser: Any = getattr(_cyaml, "CParser", None)
_C = _CParser is not None


class StrictResolver(BaseResolver):
    """Implicit types as JSON has them, and the ``<<`` merge key; everything else a plain scalar is, is text."""

    yaml_implicit_resolvers = {}  # noqa: RUF012 - PyYAML's own per-class table, filled below


STRICT_RULES: tuple[tuple[str, str, str | list[str]], ...] = (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:int", r"^-?(?:0|[1-9][0-9]*)$", "-0123456789"),
    ("tag:yaml.org,2002:float", r"^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+(?:[eE][-+]?[0-9]+)?|[eE][-+]?[0-9]+)$",
     "-0123456789"),
    ("tag:yaml.org,2002:merge", r"^(?:<<)$", "<"),
)
"""(tag, pattern, first characters) of every implicit type the strict resolver knows."""

for _tag, _pattern, _first in STRICT_RULES:
    StrictResolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class StrictDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """The safe dumper quoting every string that YAML 1.1 *or* the strict resolver would read as something else.

    So what is written reads back the same with either (``"0E0"`` is a float to the strict resolver, not to 1.1).
    """


for _tag, _pattern, _first in STRICT_RULES:
    StrictDumper.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))


class NumberError(ValueError):
    """A number that is not one a county or mechanism can hold (too many digits, beyond the float range)."""

    def __init__(self, token: str, line: int | None = None) -> None:
        super().__init__(token)
        self.token, self.line = token, line


def _check_number(token: str, line: int | None = None) -> str:
    if sum(c.isdigit() for c in token) > MAX_NUMBER_DIGITS:
        raise NumberError(token, line)
    return token


class StrictConstructor(SafeConstructor):
    """The safe constructor, refusing numbers beyond :data:`~.guards.MAX_NUMBER_DIGITS` or the float range."""

    def construct_bounded_int(self, node: Any) -> int:
        return int(_check_number(self.construct_scalar(node), node.start_mark.line + 1))

    def construct_finite_float(self, node: Any) -> float:
        value = float(_check_number(self.construct_scalar(node), node.start_mark.line + 1))
        if not math.isfinite(value):
            raise NumberError(node.value, node.start_mark.line + 1)
        return value


StrictConstructor.add_constructor("tag:yaml.org,2002:int", StrictConstructor.construct_bounded_int)  # type: ignore[type-var]
StrictConstructor.add_constructor("tag:yaml.org,2002:float", StrictConstructor.construct_finite_float)  # type: ignore[type-var]


if _C:
    class StrictLoader(_CParser, StrictConstructor, StrictResolver):  # type: ignore[misc]
        """libyaml's parser with :class:`StrictConstructor` and :class:`StrictResolver`."""

        def __init__(self, stream: Any) -> None:
            _CParser.__init__(self, stream)
            StrictConstructor.__init__(self)
            StrictResolver.__init__(self)
else:  # pragma: no cover - PyYAML without libyaml
    class StrictLoader(yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser,  # type: ignore[no-redef]
                       yaml.composer.Composer, StrictConstructor, StrictResolver):
        """PyYAML's pure-Python parser with :class:`StrictConstructor` and :class:`StrictResolver`."""

        def __init__(self, stream: Any) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            StrictConstructor.__init__(self)
            StrictResolver.__init__(self)

PlainLoader: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
"""Every scalar a string (no implicit types, no tags constructed): a county document read like CSV cells."""


def _line(event: Any) -> int | None:
    mark = getattr(event, "start_mark", None)
    return mark.line + 1 if mark is not None else None


def bound_yaml(text: str, *, file: str, max_depth: int = MAX_NESTING, max_alias_nodes: int = MAX_ALIAS_NODES) -> None:
    """Raise :class:`DataError` if the YAML nests deeper than ``max_depth`` or its aliases expand too far.

    Aliases may add ``max_alias_nodes`` nodes, or as many as the document writes if that is more: a
    mechanism file citing one sentence forty times passes; a document doubling itself ten times does not.
    """
    _bounded(text, file, max_depth, max_alias_nodes, build=False)


_UNBUILT: Any = object()
"""What :func:`_bounded` gives when it did not build the data (asked not to, or met what only the loader knows)."""
_RESOLVE: Any = StrictResolver().resolve


def _scalar(event: Any) -> Any:
    """A scalar event's value as :class:`StrictLoader` constructs it; :data:`_UNBUILT` for a tag it leaves to it."""
    value = event.value
    if event.tag is not None or not event.implicit[0]:  # quoted (or tagged): text, unless a tag says otherwise
        return value if event.tag is None and event.implicit[1] else _UNBUILT
    tag = _RESOLVE(yaml.ScalarNode, value, (True, False))
    if tag == "tag:yaml.org,2002:str":
        return value
    line = event.start_mark.line + 1
    if tag == "tag:yaml.org,2002:int":
        return int(_check_number(value, line))
    if tag == "tag:yaml.org,2002:float":
        number = float(_check_number(value, line))
        if not math.isfinite(number):
            raise NumberError(value, line)
        return number
    if tag == "tag:yaml.org,2002:bool":
        return value.lower() == "true"
    if tag == "tag:yaml.org,2002:null":
        return None
    return _UNBUILT  # the merge key ``<<``: the loader's


def _bounded(text: str, file: str, max_depth: int, max_alias_nodes: int, *, build: bool) -> Any:
    """:func:`bound_yaml`'s one pass over libyaml's events, building the data on the way when ``build``.

    Building here, not by PyYAML's composer and constructor, reads the catalogue's mechanism files in
    a third of the time (a fifth of a second of every ``--mechanism`` command). It builds what
    :class:`StrictLoader` would — mappings, sequences and the strict resolver's scalars, anchors and
    aliases to the same object — and leaves anything else (an explicit tag, a merge key, an unhashable or
    repeated key, a second document, an undefined or repeated anchor) to the loader, which says what is wrong
    the way it always has.
    """
    stack: list[list[Any]] = []  # per open collection: [anchor, nodes in it so far, container, key or _UNBUILT]
    sizes: dict[str, int] = {}   # anchor -> nodes it stands for, aliases expanded
    made: dict[str, Any] = {}    # anchor -> the object built for it
    written = added = 0
    docs = 0
    root: Any = None
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    start_events, end_events = (yaml.MappingStartEvent, yaml.SequenceStartEvent), (yaml.MappingEndEvent,
                                                                                   yaml.SequenceEndEvent)

    def put(value: Any) -> None:
        nonlocal build, root
        if not stack:
            root = value
            return
        top = stack[-1]
        box = top[2]
        if type(box) is list:
            box.append(value)
        elif top[3] is _UNBUILT:  # a key
            try:
                if value in box:
                    build = False  # a repeated key: the loader keeps the last; leave it to say so its own way
            except TypeError:  # unhashable: the loader's error
                build = False
            top[3] = value
        else:
            box[top[3]] = value
            top[3] = _UNBUILT

    events: Any = yaml.parse(text, Loader=PlainLoader)
    for event in events:
        kind = type(event)
        if kind in start_events:
            written += 1
            if len(stack) >= max_depth:
                raise DataError([too_deep(file, _line(event), max_depth)])
            box: Any = [] if kind is yaml.SequenceStartEvent else {}
            if build and (event.tag is not None or (event.anchor is not None and event.anchor in made)):
                build = False
            if build:
                put(box)
                if event.anchor is not None:
                    made[event.anchor] = box
            stack.append([event.anchor, 1, box, _UNBUILT])
            continue
        if kind in end_events:
            anchor, n, _, _ = stack.pop()
            if anchor is not None:
                sizes[anchor] = n
        elif kind is scalar_event:
            written += 1
            n = 1
            if event.anchor is not None:
                sizes[event.anchor] = 1
            if build:
                value = _scalar(event)
                if value is _UNBUILT or (event.anchor is not None and event.anchor in made):
                    build = False
                else:
                    put(value)
                    if event.anchor is not None:
                        made[event.anchor] = value
        elif kind is alias_event:
            if event.anchor not in sizes and any(a == event.anchor for a, *_ in stack):
                raise DataError([DataProblem(file, _line(event), None,
                                             f"YAML 别名 *{event.anchor} 指向包含它自己的节点（文档不能包含自身）",
                                             f"YAML alias *{event.anchor} points into the node that holds it "
                                             "(a document cannot contain itself)")])
            n = sizes.get(event.anchor or "", 1)  # an undefined alias is the loader's error, reported next
            added += n
            if added > max(max_alias_nodes, written):
                raise DataError([alias_bomb(file, _line(event), max(max_alias_nodes, written))])
            if build:
                if event.anchor in made:
                    put(made[event.anchor])
                else:
                    build = False
        else:
            if kind is yaml.DocumentStartEvent:
                docs += 1
                if docs > 1:
                    build = False
            continue
        if stack:
            stack[-1][1] += n
    return root if build else _UNBUILT


def _yaml_problem(file: str, exc: yaml.YAMLError) -> DataProblem:
    mark = getattr(exc, "problem_mark", None)
    what = getattr(exc, "problem", None) or str(exc)
    return DataProblem(file, mark.line + 1 if mark is not None else None, None, f"YAML 格式错误：{what}",
                       f"invalid YAML: {what}")


def parse_yaml(text: str, *, file: str = "<data>", plain: bool = False, max_depth: int = MAX_NESTING,
               max_alias_nodes: int = MAX_ALIAS_NODES) -> Any:
    """One YAML document as plain data, strictly typed (or all strings with ``plain``), bounded (see the module doc)."""
    try:
        data = _bounded(text, file, max_depth, max_alias_nodes, build=not plain)
        if data is not _UNBUILT:
            return data
        return yaml.load(text, Loader=PlainLoader if plain else StrictLoader)  # both are safe loaders
    except yaml.YAMLError as exc:
        raise DataError([_yaml_problem(file, exc)]) from None
    except NumberError as exc:
        raise DataError([bad_number(file, exc.line, exc.token)]) from None
    except (ValueError, TypeError) as exc:  # an integer of more digits than Python converts; an unhashable key
        raise DataError([DataProblem(file, None, None, f"YAML 内容无法读取：{exc}", f"unreadable YAML: {exc}")]) \
            from None
    except RecursionError:  # not reached within the depth bound; kept so nothing but DataError escapes
        raise DataError([too_deep(file, None, max_depth)]) from None


def _depth(data: Any) -> int:
    """How deeply lists and mappings nest in ``data`` (a scalar is 0), without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(data, 0)]
    while stack:
        value, d = stack.pop()
        if isinstance(value, dict):
            values: Any = value.values()
        elif isinstance(value, list):
            values = value
        else:
            continue
        d += 1
        deepest = max(deepest, d)
        stack.extend((v, d) for v in values if isinstance(v, dict | list))
    return deepest


def parse_json(text: str, *, file: str = "<data>", max_depth: int = MAX_NESTING) -> Any:
    """A JSON document as plain data: duplicate keys, NaN/Infinity and deep nesting are problems."""
    duplicates: dict[str, int] = {}

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for k, v in items:
            if k in out:
                duplicates[k] = duplicates.get(k, 0) + 1
            out[k] = v
        return out

    def constant(name: str) -> Any:
        raise NumberError(name)

    def number(token: str) -> float:
        value = float(_check_number(token))
        if not math.isfinite(value):
            raise NumberError(token)
        return value

    def integer(token: str) -> int:
        return int(_check_number(token))

    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=constant, parse_float=number,
                          parse_int=integer)
    except json.JSONDecodeError as exc:
        raise DataError([DataProblem(file, exc.lineno, None, f"JSON 格式错误：{exc.msg}", f"invalid JSON: {exc.msg}")]) \
            from None
    except RecursionError:
        raise DataError([too_deep(file, None, max_depth)]) from None
    except NumberError as exc:  # NaN/Infinity, a float beyond range, a number of too many digits
        if exc.token in ("NaN", "Infinity", "-Infinity"):
            raise DataError([DataProblem(file, None, None, f"{exc.token} 不是 JSON 数值（标准 JSON 没有它）",
                                         f"{exc.token} is not a JSON number (standard JSON has none)")]) from None
        raise DataError([bad_number(file, None, exc.token)]) from None
    if _depth(data) > max_depth:
        raise DataError([too_deep(file, None, max_depth)])
    if duplicates:
        raise DataError([DataProblem(file, None, key, f"JSON 对象中键“{key}”重复（全文共 {n} 处）",
                                     f"key {key!r} repeated within a JSON object ({n} times in the file)")
                         for key, n in duplicates.items()])
    return data
