"""Models to and from JSON, TOML and YAML documents, through the one converter.

Reading is strict (:mod:`.strict_documents`): YAML without YAML 1.1's guessing (``0012`` and ``NO`` stay the
strings written), aliases and nesting bounded, JSON duplicate keys refused.
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
from .guards import MAX_ALIAS_NODES, MAX_INPUT_BYTES, MAX_NESTING, check_input, too_deep
from .strict_documents import StrictDumper, _depth, parse_json, parse_yaml

T = TypeVar("T")
DocFormat = Literal["json", "toml", "yaml"]
SUFFIXES: dict[str, DocFormat] = {".json": "json", ".toml": "toml", ".yaml": "yaml", ".yml": "yaml"}


def format_for(path: Path | str) -> DocFormat:
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"{path}: unknown document type {suffix!r} (use .json, .toml, .yaml or .yml)",
                         zh=f"{path}：无法识别的文档类型“{suffix}”（可用 .json、.toml、.yaml 或 .yml）")
    return SUFFIXES[suffix]


def drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [drop_none(v) for v in value]
    return value


def yaml_text(data: Any) -> str:
    """Plain data as YAML (libyaml's dumper where installed, ten times PyYAML's own), read back as written."""
    return yaml.dump(data, Dumper=StrictDumper, allow_unicode=True, sort_keys=False)


def dumps(obj: Any, fmt: DocFormat) -> str:
    """Unstructure ``obj`` and write it as ``fmt`` text."""
    data = drop_none(unstructure(obj))
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if fmt == "toml":
        return tomli_w.dumps(data)
    return yaml_text(data)


def parse(text: str, fmt: DocFormat, *, file: str = "<data>", plain: bool = False,
          max_depth: int = MAX_NESTING, max_alias_nodes: int = MAX_ALIAS_NODES) -> Any:
    """Parse document text into plain data; anything wrong becomes a located :class:`DataError`.

    YAML is read with :data:`STRICT_LOADER` (``plain``: every scalar a string, as a CSV cell is), JSON with
    duplicate keys and non-finite numbers refused; every format with nesting bounded by ``max_depth``.
    """
    if fmt == "json":
        return parse_json(text, file=file, max_depth=max_depth)
    if fmt == "toml":
        return _parse_toml(text, file=file, max_depth=max_depth)
    return parse_yaml(text, file=file, plain=plain, max_depth=max_depth, max_alias_nodes=max_alias_nodes)


def _parse_toml(text: str, *, file: str, max_depth: int) -> Any:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise DataError([DataProblem(file, None, None, f"TOML 格式错误：{exc}", f"invalid TOML: {exc}")]) from None
    except RecursionError:
        raise DataError([too_deep(file, None, max_depth)]) from None
    except ValueError as exc:  # an integer of more digits than Python converts
        raise DataError([DataProblem(file, None, None, f"TOML 数值无法读取：{exc}", f"invalid TOML number: {exc}")]) \
            from None
    if _depth(data) > max_depth:
        raise DataError([too_deep(file, None, max_depth)])
    return data


def loads(text: str, cls: type[T], fmt: DocFormat, *, file: str = "<data>") -> T:
    return structure(parse(text, fmt, file=file), cls, file=file)


def read_text(path: Path, *, max_bytes: int = MAX_INPUT_BYTES) -> str:
    """A document's text: a regular file under the size cap (never /dev/zero read forever), UTF-8 ± BOM."""
    check_input(path, max_bytes=max_bytes)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError([DataProblem(str(path), None, None, f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}")]) \
            from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataError([DataProblem(str(path), None, None, f"不是 UTF-8 文本（第 {exc.start:,} 字节）",
                                     f"not UTF-8 text (at byte {exc.start:,})")]) from None


def load(path: Path | str, cls: type[T]) -> T:
    path = Path(path)
    return loads(read_text(path), cls, format_for(path), file=str(path))
