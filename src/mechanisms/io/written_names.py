"""The names files are written with, in the office's language: only names the readers map back to the same key.

A county office reads 乡镇（街道） where the library keeps ``town`` and 党员 where it keeps ``party-member``; a
file written for the office carries those names, and reading it back must give the keys again. So every name
here is taken from the readers' own vocabularies (:func:`~mechanisms.io.tables.level_lookup`,
:data:`~mechanisms.io.vocab.KIND_LABELS`, :func:`~mechanisms.io.vocab.role_names`,
:func:`~mechanisms.io.vocab.indicator_names`, :meth:`~mechanisms.model.periods.Period.parse`) and checked
against them: a name the reader would not map back to its key (an empty label, one two levels share) is
written as the key, which every reader accepts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..model.labels import Lang
from ..model.levels import DEFAULT_LEVELS, Level
from ..model.mechanism import Mechanism
from ..model.periods import Period
from .tables import Column, TableSpec, level_lookup
from .vocab import KIND_LABELS, LEVEL_TAGS, indicator_names, role_names

_QUARTERS = "一二三四"


def table_name(spec: TableSpec, lang: Lang) -> str:
    """A table's sheet (or CSV file) name: 单位, 人员 … in Chinese, ``units``, ``actors`` … in English."""
    return spec.zh if lang == "zh" and spec.zh else spec.name


def header(col: Column, lang: Lang) -> str:
    """A column's header: 编号, 名称 … in Chinese, the field name in English."""
    return col.zh if lang == "zh" and col.zh else col.field


def level_names(levels: Sequence[Level], lang: Lang, own: Sequence[Level] = ()) -> dict[str, str]:
    """Level key → the name written for it: ``own``'s label (a mechanism's 镇（街道）, 屯), else the level's own
    label in ``lang``, where the reader of a county with ``levels`` maps that name back to the key (and adds no tag
    to it, as 社区 would); else the key."""
    lookup = level_lookup(levels)
    default = tuple(levels) == DEFAULT_LEVELS
    theirs = {lv.key: lv.label for lv in own}
    out: dict[str, str] = {}
    for lv in levels:
        out[lv.key] = lv.key
        for label in (theirs.get(lv.key), lv.label):
            name = "" if label is None else (label.zh if lang == "zh" else label.en).strip()
            if name and lookup.get(name) == lv.key and not (default and name in LEVEL_TAGS):
                out[lv.key] = name
                break
    return out


def kind_names(lang: Lang) -> dict[str, str]:
    """Actor kind → its Chinese name (the first label the readers map to it); empty in English (keys are written)."""
    if lang != "zh":
        return {}
    out: dict[str, str] = {}
    for label, kind in KIND_LABELS.items():
        out.setdefault(kind, label)
    return out


def kind_name(kind: str, lang: Lang) -> str:
    return kind_names(lang).get(kind, kind)


def _titles(items: Iterable[Any], names: dict[str, str], lang: Lang) -> dict[str, str]:
    """Key → its title in ``lang`` where ``names`` (title → key, the readers' map) maps the title back, else the key."""
    out: dict[str, str] = {}
    for item in items:
        title = (item.label.zh if lang == "zh" else item.label.en).strip()
        out[item.key] = title if title and names.get(title) == item.key else item.key
    return out


def role_titles(mechanism: Mechanism, lang: Lang) -> dict[str, str]:
    """Role key → its title in ``lang`` where :func:`role_names` maps the title back to that role, else the key."""
    return _titles(mechanism.roles, role_names(mechanism), lang)


def indicator_titles(mechanism: Mechanism, lang: Lang) -> dict[str, str]:
    """Indicator key → its name in ``lang`` where :func:`indicator_names` maps it back to that indicator, else the key."""
    return _titles(mechanism.indicators, indicator_names(mechanism), lang)


def period_name(period: Period, lang: Lang) -> str:
    """A period as an office writes it (2024年5月, 2024年第二季度, 2024年上半年, 2024年) or as ``2024-05``, ``2024Q2``.

    The Chinese form is the one :meth:`Period.parse` reads back to the same period; where it would not (a week,
    a day), the standard form is written.
    """
    if lang == "zh":
        y, m = period.start.year, period.start.month
        text = {"year": f"{y}年", "half": f"{y}年{'上' if m == 1 else '下'}半年",
                "quarter": f"{y}年第{_QUARTERS[(m - 1) // 3]}季度", "month": f"{y}年{m}月"}.get(period.kind)
        if text is not None and Period.parse(text) == period:
            return text
    return str(period)


def mapped(values: Mapping[str, str], key: str | None) -> str | None:
    """``key``'s name in ``values``, the key itself where it has none (an unknown kind, another mechanism's role)."""
    return None if key is None else values.get(key, key)
