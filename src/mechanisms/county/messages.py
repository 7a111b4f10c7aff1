"""The words of every structure and reference problem, in Chinese and English, shared by both checkers.

:func:`~mechanisms.county.validation.validate_county` (records) and
:func:`~mechanisms.io.column_checks.check_columns` (columns) find the same problems and say them
the same way: each entry is a ``(zh, en)`` pair of :meth:`str.format` templates, Chinese the default
a person reads, English on ``--lang en``. A template names each value it shows; where a value
has words of its own (a level, a role, an actor kind) the Chinese template takes its Chinese
words (``{lv_zh}``) and the English one its key (``{lv}``), so each language lists what its
reader would write.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import DataProblem
from ..model.levels import Level

if TYPE_CHECKING:  # an annotation only: validate without a mechanism never imports the model (issue 14)
    from ..model.mechanism import Mechanism

MESSAGES: Mapping[str, tuple[str, str]] = {
    "level-twice": ("层级“{k}”声明了两次", "level {k!r} declared twice"),
    "unknown-level": ("未知层级“{v}”（可用：{known_zh}）", "unknown level {v!r} (levels: {known})"),
    "unit-duplicate": ("单位编号“{v}”重复", "duplicate unit id {v!r}"),
    "unit-negative": ("户数不能为负数，实际是 {v}", "household count must not be negative, got {v}"),
    "unit-own-parent": ("单位“{v}”的上级是它自己", "unit {v!r} is its own parent"),
    "unit-dangling": ("上级“{v}”不是已有的单位", "parent {v!r} is not a unit"),
    "unit-level-order": ("“{u}”是{lv_zh}，却在{plv_zh}“{p}”之下；应为{exp_zh}",
                         "{u!r} is a {lv} under {plv} {p!r}; expected {exp}"),
    "no-units": ("没有任何单位", "no units"),
    "no-root": ("没有根单位（每个单位都有上级）", "no root unit (every unit has a parent)"),
    "unit-second-root": ("第二个根单位“{v}”：只能有一个单位没有上级（第一个是“{f}”）",
                         "second root {v!r}: only one unit may have no parent (the first is {f!r})"),
    "unit-root-level": ("根单位“{v}”是{lv_zh}；应为{top_zh}", "root {v!r} is a {lv}; expected {top}"),
    "unit-cycle": ("单位“{v}”在上级关系的环上，不在根单位之下", "unit {v!r} is on a cycle of parents, not under the root"),
    "unit-loop": ("单位“{v}”的上级链绕回了它自己（编号重复形成环）",
                  "unit {v!r} closes a loop of parents under the root (a duplicate id)"),
    "unit-count": ("“{u}”填写了 {c} 户，但其下级单位合计 {s} 户；有下级单位的单位按下级单位计户（请将户数留空，或改为一致）",
                   "{u!r} counts {c} households but the units under it add up to {s}; a unit with units under it "
                   "takes its households from them (leave the count empty, or make it agree)"),
    "actor-duplicate": ("责任主体编号“{v}”重复", "duplicate actor id {v!r}"),
    "unit-missing": ("单位“{v}”不存在", "unit {v!r} does not exist"),
    "actor-missing": ("责任主体“{v}”不存在", "actor {v!r} does not exist"),
    "assignment-negative": ("户数不能为负数，实际是 {v}", "household count must not be negative, got {v}"),
    "assignment-backwards": ("结束日期 {e} 早于开始日期 {s}", "ends {e} before it starts {s}"),
    "assignment-role": ("“{v}”不是 {m} 的角色（可用：{known_zh}）", "role {v!r} is not a role of {m} ({known})"),
    "assignment-level": ("角色“{r_zh}”包保{rl_zh}一级；“{u}”是{ul_zh}", "role {r!r} is held on {rl} units; {u!r} is a {ul}"),
    "assignment-kind": ("“{a}”是{k_zh}；角色“{r_zh}”应由{allowed_zh}担任", "{a!r} is a {k}; role {r!r} is held by {allowed}"),
    "assignment-duplicate": ("重复的包保关系：“{a}”以“{r}”包保“{u}”", "duplicate assignment of {a!r} to {u!r} as {r!r}"),
    "visit-days": ("天数不能为负数，实际是 {v}", "days must not be negative, got {v}"),
    "problem-duplicate": ("问题编号“{v}”重复", "duplicate problem id {v!r}"),
    "problem-deadline": ("整改期限 {a} 早于发现问题的日期 {f}", "deadline {a} is before the problem was found {f}"),
    "problem-closed": ("销号日期 {a} 早于发现问题的日期 {f}", "closed {a} before it was found {f}"),
    "event-task": ("“{v}”不是 {m} 工作安排中的任务或节点", "task {v!r} is not a task or milestone of {m}'s campaign"),
}
"""kind → (zh, en) template."""

KIND_ZH: Mapping[str, str] = {
    "leader": "县领导", "city-leader": "市领导", "department": "县直部门", "city-department": "市直部门",
    "cadre": "乡镇干部", "village-cadre": "村干部", "party-member": "党员", "enterprise": "企业",
    "resident-cadre": "驻村干部", "retired-cadre": "退休干部", "work-team": "工作队", "grid-worker": "网格员",
    "inspector": "督导员", "water-manager": "管水员", "household": "农户",
}
"""An actor kind in Chinese, as a ledger writes it (each is one of the labels :mod:`mechanisms.io.vocab` accepts)."""


def kind_zh(kind: str | None) -> str:
    return KIND_ZH.get(kind or "", kind or "")


def level_zh(levels: Sequence[Level], key: str | None) -> str:
    """A level's Chinese name (its key where it has none)."""
    for lv in levels:
        if lv.key == key:
            return lv.label.zh or lv.key
    return key or ""


def levels_zh(levels: Iterable[Level]) -> str:
    return "、".join(lv.label.zh or lv.key for lv in levels)


def role_zh(mechanism: Mechanism, key: str) -> str:
    """A role's Chinese title in ``mechanism`` (its key where it has none)."""
    for r in mechanism.roles:
        if r.key == key:
            return r.label.zh or r.key
    return key


def below_zh(levels: Sequence[Level], k: int) -> str:
    """What may sit under a unit of level ``k``, in Chinese (as the level-order problem says it)."""
    return level_zh(levels, levels[k + 1].key) if k + 1 < len(levels) else "无（它是最低一级）"


def below_en(keys: Sequence[str], k: int) -> str:
    return f"a {keys[k + 1]}" if k + 1 < len(keys) else "nothing (it is the lowest level)"


def problem(kind: str, file: str, row: int | None, field: str | None, **values: Any) -> DataProblem:
    """One problem of ``kind`` in both languages (Chinese the message, English its ``en``)."""
    zh, en = MESSAGES[kind]
    return DataProblem(file, row, field, zh.format(**values), en.format(**values))
