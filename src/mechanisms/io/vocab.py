"""Values as a county office writes them: level names, actor kinds by their Chinese labels, role titles, indicator names.

A ledger says 县领导 where a mechanism says ``leader`` and 县直部门包村 where it says
``county-department``; both are accepted. Level names that carry more than a level say so
with a tag: 社区 is a village tagged ``community`` and 街道 a town tagged ``street``, the
tags the plugins scope on. Roles and indicators are matched against a mechanism's own keys
and labels, so a role's title is always the one its mechanism gives it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # an annotation only: reading a county without a mechanism never imports the model (issue 14)
    from ..model.mechanism import Mechanism

LEVEL_TAGS: Mapping[str, tuple[str, str]] = {
    "社区": ("village", "community"), "居委会": ("village", "community"),
    "街道": ("town", "street"), "街道办": ("town", "street"), "街道办事处": ("town", "street"),
}
"""Level names that also say what kind of unit it is: (level, tag)."""

KIND_LABELS: Mapping[str, str] = {
    "领导": "leader", "县领导": "leader", "县级领导": "leader", "区领导": "leader", "县处级领导": "leader",
    "市领导": "city-leader", "市级领导": "city-leader",
    "部门": "department", "县直部门": "department", "区直部门": "department", "县级部门": "department",
    "市直部门": "city-department", "市级部门": "city-department",
    "干部": "cadre", "乡镇干部": "cadre", "镇干部": "cadre", "机关干部": "cadre", "包村干部": "cadre",
    "村干部": "village-cadre", "村两委": "village-cadre", "村组干部": "village-cadre",
    "党员": "party-member", "农村党员": "party-member",
    "企业": "enterprise", "民营企业": "enterprise",
    "国有企业": "state-enterprise", "国企": "state-enterprise", "在辖国企": "state-enterprise",
    "区属国企": "state-enterprise", "县属国企": "state-enterprise",
    "驻村干部": "resident-cadre", "驻村工作队": "resident-cadre", "第一书记": "resident-cadre",
    "退休干部": "retired-cadre", "老干部": "retired-cadre",
    "工作队": "work-team", "网格员": "grid-worker", "督导员": "inspector", "督查员": "inspector",
    "管水员": "water-manager", "农户": "household",
    "班组": "team", "施工班组": "build-team", "施工队": "build-team",
    "乡镇": "town", "镇": "town", "村": "village",
}
"""Actor kinds by the Chinese labels ledgers use (the keys the built-in mechanisms select on).

The first label of a kind is the one files are written with (:func:`~mechanisms.io.written_names.kind_names`),
so it is the kind's name in :data:`~mechanisms.model.names.KIND_NAMES` wherever that name is not ambiguous.
国企 and 国有企业 are ``state-enterprise`` (dongxing's 在辖国企), not ``enterprise``: the name the library prints for
``state-enterprise`` is 国有企业, and a name read back must give the key it was printed for. A ledger for a
mechanism whose roles take ``enterprise`` (linjiang's 部门、企业包村屯) writes 企业 for a state-owned one too."""


def role_names(mechanism: Mechanism) -> dict[str, str]:
    """Every way a ledger may name a role of ``mechanism`` (key, Chinese and English title) → its key."""
    out: dict[str, str] = {}
    for r in mechanism.roles:
        for name in (r.label.zh, r.label.en):
            if name:
                out.setdefault(name.strip(), r.key)
    for r in mechanism.roles:
        out[r.key] = r.key
    return out


def named_fields(mechanism: Mechanism) -> tuple[tuple[str, str, dict[str, str]], ...]:
    """The fields a ledger may fill with ``mechanism``'s names rather than its keys: (table, field, name → key).

    One list for both ways a county is read for one mechanism, the columns
    (:meth:`~mechanisms.io.columns.ColumnarCounty.for_mechanism`) and the records
    (:func:`~mechanisms.compare.comparison.named_for`), so the two cannot come to map different fields."""
    roles, indicators = role_names(mechanism), indicator_names(mechanism)
    return (("assignments", "role", roles), ("visits", "role", roles), ("observations", "indicator", indicators))


def indicator_names(mechanism: Mechanism) -> dict[str, str]:
    """Every way a ledger may name an indicator of ``mechanism`` (key, Chinese and English name) → its key."""
    out: dict[str, str] = {}
    for ind in mechanism.indicators:
        for name in (ind.label.zh, ind.label.en):
            if name:
                out.setdefault(name.strip(), ind.key)
    for ind in mechanism.indicators:
        out[ind.key] = ind.key
    return out
