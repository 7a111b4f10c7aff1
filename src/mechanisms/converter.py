"""The one cattrs converter that (un)structures every model of the library.

Dates travel as ISO strings; extra keys are refused so a typo in a TOML mechanism is an
error, not a silently ignored line. :func:`structure` turns cattrs' nested exceptions
into :class:`~mechanisms.errors.DataProblem` lines that name the field path.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any, TypeVar

import cattrs

from .errors import DataError, DataProblem, MechanismsError, Said
from .errors import said as _
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


def cattrs_text(exc: BaseException, type_: Any) -> Said:
    """cattrs' wording of a value it could not read (:func:`cattrs.v.format_exception`), in both languages -- its
    English word for word -- or the library's own where one of its converters refused the value."""
    if isinstance(exc, MechanismsError):
        return Said(exc.text("zh"), str(exc))
    english = cattrs.v.format_exception(exc, type_)
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return _("extra fields found ({names})").format(names=", ".join(sorted(exc.extra_fields)))
    if isinstance(exc, KeyError):
        return _("required field missing")
    if english.startswith("invalid value for type, expected "):
        return _("invalid value for type, expected {type}").format(type=english.removeprefix(
            "invalid value for type, expected "))
    if english == "invalid value":
        return _("invalid value")
    if english == "expected a mapping":
        return _("expected a mapping")
    return Said("", english)


def cattrs_problems(exc: cattrs.BaseValidationError, path: str,
                    describe: Callable[[BaseException, Any], Said | None] = cattrs_text) -> list[tuple[str, Said]]:
    """``(path, message)`` for every value cattrs could not read, the messages in both languages; ``describe``
    returning ``None`` leaves that error out. (cattrs joins each text to its path as one string: the texts travel
    as their index in a list here.)"""
    said: list[Said | None] = []

    def index(error: BaseException, type_: Any) -> str:
        said.append(describe(error, type_))
        return f"\0{len(said) - 1}"

    out = []
    for msg in cattrs.transform_error(exc, path=path, format_exception=index):
        text, _at, where = msg.rpartition(" @ ")
        message = said[int(text[1:])] if text.startswith("\0") else Said("", text or msg)
        if message is not None:
            out.append((where, message))
    return out


def structure(data: Any, cls: type[T], *, file: str = "<data>") -> T:
    """Structure ``data`` into ``cls``; every problem found is raised at once as a :class:`DataError` (each message
    in Chinese and English)."""
    try:
        return converter.structure(data, cls)
    except cattrs.BaseValidationError as exc:
        raise DataError([DataProblem.of(file, None, _by_field(data, path) if path else None, message)
                         for path, message in cattrs_problems(exc, cls.__name__)]) from None
    except (ValueError, TypeError, KeyError) as exc:
        raise DataError([DataProblem(file, None, None, str(exc))]) from None
