"""The one cattrs converter that (un)structures every model of the library.

Dates travel as ISO strings; extra keys are refused so a typo in a TOML mechanism is an
error, not a silently ignored line. :func:`structure` turns cattrs' nested exceptions
into :class:`~mechanisms.errors.DataProblem` lines that name the field path.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, TypeVar

import cattrs

from .errors import DataError, DataProblem
from .paths import selector

T = TypeVar("T")


def _structure_date(value: Any, _: type) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"not a date (YYYY-MM-DD): {value!r}") from None
    raise ValueError(f"not a date (YYYY-MM-DD): {value!r}")


def _structure_str(value: Any, _: type) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        raise ValueError(f"expected text, got {value!r}")
    return str(value)


def _structure_int(value: Any, _: type) -> int:
    if isinstance(value, bool):
        raise ValueError(f"expected a whole number, got {value!r}")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str):
        try:
            return int(value.strip())
        except ValueError:
            pass
    raise ValueError(f"expected a whole number, got {value!r}")


def _structure_float(value: Any, _: type) -> float:
    # A whole number stays an int (an int is a float to the type checker): a figure written 13 is shown 13, not 13.0.
    if isinstance(value, bool):
        raise ValueError(f"expected a number, got {value!r}")
    if isinstance(value, int | float):
        return value
    if isinstance(value, str):
        try:
            return float(value.strip())
        except ValueError:
            pass
    raise ValueError(f"expected a number, got {value!r}")


def _structure_bool(value: Any, _: type) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "yes", "no", "1", "0"):
        return value.strip().lower() in ("true", "yes", "1")
    raise ValueError(f"expected true or false, got {value!r}")


def _structure_scalar(value: Any, _: type) -> float | str | bool:
    if isinstance(value, bool | str | int | float):
        return value
    raise ValueError(f"expected a number, text or true/false, got {value!r}")


def make_converter(converter: cattrs.Converter | None = None) -> cattrs.Converter:
    """Add the library's hooks to ``converter`` (a new one if omitted) and return it.

    Pass your own converter to reuse these hooks without touching a global one.
    """
    c = converter or cattrs.Converter(forbid_extra_keys=True)
    c.register_unstructure_hook(dt.date, dt.date.isoformat)
    c.register_structure_hook(dt.date, _structure_date)
    c.register_structure_hook(str, _structure_str)
    c.register_structure_hook(int, _structure_int)
    c.register_structure_hook(float, _structure_float)
    c.register_structure_hook(bool, _structure_bool)
    c.register_structure_hook(float | str | bool, _structure_scalar)
    return c


converter = make_converter()


def unstructure(obj: Any) -> Any:
    return converter.unstructure(obj)


def _by_field(data: Any, path: str) -> str:
    """cattrs' ``Mechanism.roles[0].level`` in the library's one path syntax, ``Mechanism.roles[key=cadre].level``:
    each list item named by the field that picks it out in ``data``, as the user wrote it."""
    out, node = "", data
    for name, index in re.findall(r"(\.?[^.\[]+)|\[(\d+)\]", path):
        if name:
            out += name
            if name.startswith("."):  # the first part is the class cattrs names, not a field
                node = node.get(name[1:]) if isinstance(node, dict) else None
        elif isinstance(node, list) and int(index) < len(node):
            out += selector(node, int(index))
            node = node[int(index)]
        else:
            out += f"[{index}]"
            node = None
    return out


def structure(data: Any, cls: type[T], *, file: str = "<data>") -> T:
    """Structure ``data`` into ``cls``; every problem found is raised at once as a :class:`DataError`."""
    try:
        return converter.structure(data, cls)
    except (cattrs.BaseValidationError, ValueError, TypeError, KeyError) as exc:
        messages = cattrs.transform_error(exc, path=cls.__name__) if isinstance(exc, cattrs.BaseValidationError) else [str(exc)]
        problems = []
        for msg in messages:
            text, _, path = msg.rpartition(" @ ")
            problems.append(DataProblem(file, None, _by_field(data, path) if path else None, text or msg))
        raise DataError(problems) from None
