"""The county tables and their columns with Chinese aliases (the parsing is by whole columns: :mod:`.colparse`).

One :class:`TableSpec` per table drives every reader and writer, so CSV, Excel and
document formats accept the same columns and give the same records.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

import attrs

from ..model.levels import DEFAULT_LEVELS, Level

TAG_SEPARATORS = (";", "；", "，", ",", "、", "|")


@attrs.frozen
class Column:
    field: str
    kind: str  # str | int | float | date | tags | level
    required: bool = False
    aliases: tuple[str, ...] = ()
    zh: str = ""
    """The Chinese header written by writers asked for Chinese headers; also accepted on read."""


@attrs.frozen
class TableSpec:
    name: str
    record_path: str
    """Where the class of the table's records lives (``module:Class``), imported only when records are asked for:
    the columnar path never builds them, and the record modules cost 10 ms of every command's start."""
    columns: tuple[Column, ...]
    zh: str
    aliases: tuple[str, ...] = ()
    optional: bool = True

    @property
    def record(self) -> type:
        """The class of the table's records (:data:`record_path`, imported)."""
        module, _, name = self.record_path.partition(":")
        cls: type = getattr(importlib.import_module(module), name)
        return cls

    def header_map(self) -> dict[str, Column]:
        out: dict[str, Column] = {}
        for col in self.columns:
            for name in (col.field, col.zh, *col.aliases):
                if name:
                    out[normalise_header(name)] = col
        return out


def normalise_header(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_").lstrip("\ufeff")


def C(field: str, kind: str, zh: str, *aliases: str, required: bool = False) -> Column:  # noqa: N802
    return Column(field, kind, required, aliases, zh)


LEVELS = TableSpec("levels", "mechanisms.model.levels:Level", (
    C("key", "str", "层级", "代码", "key", required=True),
    C("zh", "str", "中文", "中文名称"),
    C("en", "str", "英文", "英文名称"),
), "层级")

UNITS = TableSpec("units", "mechanisms.county.org:Unit", (
    C("id", "str", "编号", "代码", "单位编号", required=True),
    C("name", "str", "名称", "单位名称", required=True),
    C("level", "level", "层级", "级别", required=True),
    C("parent", "str", "上级", "上级编号", "parent_id"),
    C("tags", "tags", "标签"),
    C("households", "int", "户数", "农户数"),
), "单位", optional=False)

ACTORS = TableSpec("actors", "mechanisms.county.org:Actor", (
    C("id", "str", "编号", "人员编号", required=True),
    C("name", "str", "名称", "姓名", "人员", required=True),
    C("kind", "str", "类别", "类型", "身份", required=True),
    C("tags", "tags", "标签"),
    C("unit", "str", "所属单位", "所在单位"),
), "人员", optional=False)

ASSIGNMENTS = TableSpec("assignments", "mechanisms.county.org:Assignment", (
    C("actor", "str", "人员", "责任人", "人员编号", required=True),
    C("role", "str", "角色", "职责", required=True),
    C("unit", "str", "单位", "包保单位", "联系单位", required=True),
    C("start", "date", "开始日期", "起始日期"),
    C("end", "date", "结束日期", "截止日期"),
    C("households", "int", "户数", "联系户数"),
    C("mechanism", "str", "机制"),
), "包保", ("包联", "包保关系"), optional=False)

OBSERVATIONS = TableSpec("observations", "mechanisms.county.records:Observation", (
    C("unit", "str", "单位", required=True),
    C("indicator", "str", "指标", required=True),
    C("period", "str", "期间", "周期", "时期", required=True),
    C("value", "float", "数值", "值"),
), "指标数据", ("观测",))

VISITS = TableSpec("visits", "mechanisms.county.records:Visit", (
    C("actor", "str", "人员", "走访人", required=True),
    C("unit", "str", "单位", "走访单位", required=True),
    C("date", "date", "日期", "走访日期", required=True),
    C("role", "str", "角色"),
    C("days", "float", "天数"),
    C("note", "str", "备注"),
), "走访")

PROBLEMS = TableSpec("problems", "mechanisms.county.records:ProblemRecord", (
    C("id", "str", "编号", "问题编号", required=True),
    C("unit", "str", "单位", required=True),
    C("found", "date", "发现日期", required=True),
    C("description", "str", "问题描述", "描述"),
    C("assigned_to", "str", "责任人", "整改责任人"),
    C("deadline", "date", "整改期限", "期限"),
    C("closed", "date", "销号日期", "办结日期"),
    C("category", "str", "问责类别", "类别"),
), "问题")

POINTS = TableSpec("points", "mechanisms.county.records:PointsEntry", (
    C("household", "str", "农户", "户", required=True),
    C("date", "date", "日期", required=True),
    C("points", "int", "积分", required=True),
    C("rule", "str", "规则", "积分规则"),
    C("note", "str", "备注"),
), "积分")

EVENTS = TableSpec("events", "mechanisms.county.records:Event", (
    C("unit", "str", "单位", required=True),
    C("event", "str", "事件", "事件类型", required=True),
    C("date", "date", "日期", "发生日期", required=True),
    C("subject", "str", "对象", "案件编号", "线索编号"),
    C("task", "str", "任务", "任务编号"),
    C("note", "str", "备注"),
), "事件", ("事件记录", "台账"))

RECORD_TABLES: tuple[TableSpec, ...] = (UNITS, ACTORS, ASSIGNMENTS, OBSERVATIONS, VISITS, PROBLEMS, POINTS, EVENTS)
ALL_TABLES: tuple[TableSpec, ...] = (LEVELS, *RECORD_TABLES)
TABLES: dict[str, TableSpec] = {t.name: t for t in ALL_TABLES}

LEVEL_ALIASES: dict[str, str] = {
    "县": "county", "区": "county", "市": "county", "县（市、区）": "county",
    "乡": "town", "镇": "town", "乡镇": "town", "街道": "town", "乡镇（街道）": "town",
    "村": "village", "社区": "village", "行政村": "village", "村（社区）": "village",
    "组": "group", "村民小组": "group", "屯": "group", "院落": "group",
    "户": "household", "农户": "household",
}


def table_for_name(name: str) -> TableSpec | None:
    """The table a file stem or sheet name stands for (English or Chinese)."""
    key = normalise_header(name)
    for t in ALL_TABLES:
        if key in {t.name, normalise_header(t.zh), *(normalise_header(a) for a in t.aliases)}:
            return t
    return None


def level_lookup(levels: Sequence[Level]) -> dict[str, str]:
    out: dict[str, str] = {}
    if tuple(levels) == DEFAULT_LEVELS:
        out.update(LEVEL_ALIASES)
    for lv in levels:
        out[lv.key] = lv.key
        for text in (lv.label.zh, lv.label.en):
            if text:
                out[text] = lv.key
    return out


def record_to_row(spec: TableSpec, record: Any) -> dict[str, Any]:
    """A record as cells keyed by English field name; ``None`` stays ``None``."""
    if spec is LEVELS:
        return {"key": record.key, "zh": record.label.zh, "en": record.label.en}
    out: dict[str, Any] = {}
    for col in spec.columns:
        value = getattr(record, col.field)
        if col.kind == "tags":
            value = ";".join(value) if value else None
        out[col.field] = value
    return out
