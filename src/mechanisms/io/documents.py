"""Models to and from JSON, TOML and YAML documents, through the one converter.

``None`` values are left out of written documents (TOML has no null, and every optional
field defaults to ``None``), so what is written reads back equal.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any, Literal, TypeVar

import tomli_w
import yaml

from ..converter import structure, unstructure
from ..errors import DataError, DataProblem, UsageError

T = TypeVar("T")
# libyaml's safe loader and dumper are ten times faster than PyYAML's pure-Python ones; same output.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
DocFormat = Literal["json", "toml", "yaml"]
SUFFIXES: dict[str, DocFormat] = {".json": "json", ".toml": "toml", ".yaml": "yaml", ".yml": "yaml"}


def format_for(path: Path | str) -> DocFormat:
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"{path}: unknown document type {suffix!r} (use .json, .toml, .yaml or .yml)")
    return SUFFIXES[suffix]


def drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [drop_none(v) for v in value]
    return value


def yaml_text(data: Any) -> str:
    """Plain data as YAML through libyaml's dumper where it is installed (ten times PyYAML's own)."""
    return yaml.dump(data, Dumper=_YAML_DUMPER, allow_unicode=True, sort_keys=False)


def dumps(obj: Any, fmt: DocFormat) -> str:
    """Unstructure ``obj`` and write it as ``fmt`` text."""
    data = drop_none(unstructure(obj))
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "toml":
        return tomli_w.dumps(data)
    return yaml_text(data)


def parse(text: str, fmt: DocFormat, *, file: str = "<data>") -> Any:
    """Parse document text into plain data; a syntax error becomes a located :class:`DataError`."""
    try:
        if fmt == "json":
            return json.loads(text)
        if fmt == "toml":
            return tomllib.loads(text)
        return yaml.load(text, Loader=_YAML_LOADER)  # a safe loader, C-accelerated where available
    except json.JSONDecodeError as exc:
        raise DataError([DataProblem(file, exc.lineno, None, f"invalid JSON: {exc.msg}")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise DataError([DataProblem(file, None, None, f"invalid TOML: {exc}")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise DataError([DataProblem(file, line, None, f"invalid YAML: {getattr(exc, 'problem', exc)}")]) from None


def loads(text: str, cls: type[T], fmt: DocFormat, *, file: str = "<data>") -> T:
    return structure(parse(text, fmt, file=file), cls, file=file)


def read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError([DataProblem(str(path), None, None, f"cannot read: {exc.strerror}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataError([DataProblem(str(path), None, None, "not UTF-8 text")]) from None


def load(path: Path | str, cls: type[T]) -> T:
    path = Path(path)
    return loads(read_text(path), cls, format_for(path), file=str(path))
