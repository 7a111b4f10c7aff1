"""The comparison as rows (terminal, CSV), as a document (JSON) and as a report (HTML), from one set of figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from ..compare.comparison import ROBUSTNESS, MechanismColumn
from ..county.records import County
from ..model.labels import Label, Lang, percent
from .document import BarChart, Histogram, LineChart, Report, Section, Series, Table, Text
from .masking import mask_name

L = Label


def _num(x: float | None, digits: int = 1) -> str | None:
    return None if x is None else f"{x:,.{digits}f}"


def metric_rows(cols: Sequence[MechanismColumn]) -> list[tuple[str, Label, list[Any]]]:
    """The comparison table: (metric key, label, one value per mechanism), values already formatted for people."""
    def row(key: str, label: Label, values: list[Any]) -> tuple[str, Label, list[Any]]:
        return key, label, values

    rows = [
        row("staffing", L("包保关系来源", "assignments from"),
            [L("按配置政策生成", "its staffing policy") if c.staffed_by_policy else L("县里自有", "the county's own")
             for c in cols]),
        row("levels", L("层级数", "levels"), [c.levels for c in cols]),
        row("roles", L("角色数", "roles"), [len(c.roles) for c in cols]),
        row("actors", L("所需责任人", "actors needed"), [c.actors for c in cols]),
        row("assignments", L("包保关系", "assignments"), [c.assignments for c in cols]),
        row("households", L("农户", "households"), [c.coverage.households for c in cols]),
        row("chain", L("全链条覆盖率", "chain complete"), [percent(c.coverage.chain_share) for c in cols]),
        row("weakest_role", L("覆盖最弱的角色", "weakest role"), [_weakest(c) for c in cols]),
        row("gaps", L("未覆盖单位（违反规则）", "gaps (rule broken)"), [len(c.coverage.gaps) for c in cols]),
        row("load_mean", L("人均负责农户（均值）", "households per actor, mean"), [_num(c.load_mean) for c in cols]),
        row("load_max", L("人均负责农户（最大）", "households per actor, max"), [c.load_max for c in cols]),
        row("load_gini", L("负担基尼系数", "load Gini"), [_num(c.load_gini, 3) for c in cols]),
        row("redundancy", L("户均责任人（各角色平均）", "actors per household (mean over roles)"),
            [_num(c.redundancy_mean, 2) for c in cols]),
        row("spof", L("单点责任人", "single points of failure"), [len(c.coverage.single_points_of_failure) for c in cols]),
    ]
    for f in ROBUSTNESS:
        rows.append(row(f"robustness_{int(f * 100)}", L(f"{int(f * 100)}%人员流失后全链条覆盖（期望）",
                                                        f"chain complete if {int(f * 100)}% leave (expected)"),
                        [percent(c.robustness.get(f)) for c in cols]))
    rows += [
        row("visit_burden", L("走访负担（人·天/月）", "visit burden (actor-days a month)"), [_num(c.visit_burden) for c in cols]),
    ]
    if any(c.simulated for c in cols):
        rows += [
            row("found_within_deadline", L("风险期限内发现率（模拟）", "risks found within deadline (simulated)"),
                [percent(c.simulated.found_within_deadline) if c.simulated else None for c in cols]),
            row("delay_mean", L("平均发现时间（天）", "mean detection delay (days)"),
                [_num(c.simulated.delay_mean) if c.simulated else None for c in cols]),
            row("delay_p90", L("发现时间P90（天）", "detection delay p90 (days)"),
                [_num(c.simulated.delay_p90) if c.simulated else None for c in cols]),
        ]
    rows += [
        row("tasks", L("任务 / 节点 / 报告", "tasks / milestones / reports"),
            [f"{c.tasks} / {c.milestones} / {c.reporting}" for c in cols]),
        row("indicators", L("指标", "indicators"), [c.indicators for c in cols]),
        row("scoring", L("考核方案", "scoring scheme"), [_scheme(c) for c in cols]),
        row("reward_budget", L("奖励预算（元）", "reward budget (CNY)"),
            [None if c.reward_budget is None else f"{c.reward_budget:,.0f} ({c.budget_period})" for c in cols]),
    ]
    return rows


def _weakest(c: MechanismColumn) -> str | None:
    shares = [(r.share, r.role) for r in c.coverage.roles if r.share is not None]
    if not shares:
        return None
    share, role = min(shares)
    return f"{role} {100 * share:.1f}%"


def _scheme(c: MechanismColumn) -> str:
    parts = [f"{c.scorecards}S", f"{c.rankings}R", f"{c.tier_schemes}T", f"{c.lists}L"]
    if c.points:
        parts.append("P")
    if c.supervision:
        parts.append("Q")
    return " ".join(parts)


SCHEME_NOTE = L("考核方案：S 评分表、R 排名、T 奖励档次方案、L 红黑榜，P 积分制，Q 督查问责",
                "Scoring scheme: S scorecards, R rankings, T tier schemes, L red/black lists, P points, Q supervision")


def comparison_json(cols: Sequence[MechanismColumn], county_label: str) -> dict[str, Any]:
    out = []
    for c in cols:
        cov = c.coverage
        d: dict[str, Any] = {
            "key": c.key, "name": {"zh": c.name.zh, "en": c.name.en}, "staffed_by_policy": c.staffed_by_policy,
            "levels": c.levels, "roles": list(c.roles), "actors": c.actors, "assignments": c.assignments,
            "households": cov.households,
            "coverage": {r.role: r.share for r in cov.roles},
            "chain_complete_households": cov.chain_complete_households, "chain_share": cov.chain_share,
            "gaps": len(cov.gaps),
            "load": {"mean": c.load_mean, "max": c.load_max, "gini": c.load_gini},
            "redundancy": {r.role: r.mean for r in cov.redundancy}, "redundancy_mean": c.redundancy_mean,
            "single_points_of_failure": len(cov.single_points_of_failure),
            "robustness": [{"f": f, "expected_share": c.robustness.get(f)} for f in ROBUSTNESS],
            "visit_burden": c.visit_burden, "visit_burden_by_role": c.visit_burden_by_role,
            "tasks": c.tasks, "milestones": c.milestones, "reporting": c.reporting, "indicators": c.indicators,
            "scoring": {"scorecards": c.scorecards, "rankings": c.rankings, "tier_schemes": c.tier_schemes,
                        "lists": c.lists, "points": c.points, "supervision": c.supervision},
            "reward_budget": c.reward_budget, "budget_period": c.budget_period,
        }
        if c.simulated is not None:
            s = c.simulated
            d["simulated"] = {"runs": s.runs, "found_within_deadline": s.found_within_deadline,
                              "found_within_deadline_ci": list(s.found_within_deadline_ci)
                              if s.found_within_deadline_ci else None,
                              "delay_mean": s.delay_mean, "delay_p90": s.delay_p90, "deadline_days": s.deadline_days}
        out.append(d)
    return {"county": county_label, "mechanisms": out}


def _unit_label(county: County, unit: str, unmask: bool) -> str:
    u = county.structure.unit_by_id.get(unit)
    if u is None:
        return unit
    personal = u.level == county.structure.levels[-1].key
    return u.name if unmask or not personal else mask_name(u.name)


def comparison_report(cols: Sequence[MechanismColumn], county: County, county_label: str, *,
                      unmask: bool = False) -> Report:
    keys = tuple(c.key for c in cols)
    names = [c.name for c in cols]
    overview = Table(L("机制比较", "Mechanisms side by side"), (L("指标", "figure"), *names),
                     tuple((label, *values) for _, label, values in metric_rows(cols)), SCHEME_NOTE)
    coverage = BarChart(L("全链条覆盖率与最弱角色", "Chain completeness and the weakest role"), keys,
                        (Series("chain", tuple(c.coverage.chain_share for c in cols)),
                         Series("weakest role", tuple(min((r.share for r in c.coverage.roles if r.share is not None),
                                                          default=None) for c in cols))),
                        L("农户覆盖率", "share of households"), percent=True)
    per_role = tuple(BarChart(L(f"{c.name.zh}：按角色覆盖", f"{c.name.en}: coverage by role"),
                              tuple(r.role for r in c.coverage.roles),
                              (Series(c.key, tuple(r.share for r in c.coverage.roles)),), percent=True) for c in cols)
    top = max((int(c.loads.max()) for c in cols if len(c.loads)), default=1)
    edges = np.unique(np.round(np.geomspace(1, max(top, 2) + 1, 13))).astype(float)
    edges = np.concatenate([[0.0], edges])
    load = Histogram(L("每名责任人负责的农户数分布", "Households per actor"), tuple(float(e) for e in edges),
                     tuple(Series(c.key, tuple(float(x) for x in np.histogram(c.loads, bins=edges)[0])) for c in cols),
                     L("农户数", "households"), L("责任人", "actors"))
    xs = (0.0, *ROBUSTNESS)
    robust = LineChart(L("人员流失后的全链条覆盖（期望值，精确计算）", "Chain completeness as actors leave (exact expectation)"),
                       xs, tuple(Series(c.key, (c.coverage.chain_share, *(c.robustness.get(f) for f in ROBUSTNESS)))
                                 for c in cols), L("流失比例", "share leaving"), L("全链条覆盖", "chain complete"),
                       percent=True)
    burden = BarChart(L("走访负担", "Visit burden"), keys, (Series("actor-days/month", tuple(c.visit_burden for c in cols)),),
                      L("人·天/月", "actor-days a month"))
    sections = [
        Section(L("总览", "Overview"), (Text(L(f"同一县（{county_label}）上比较各机制；没有该机制包保关系的，按其配置政策生成。",
                                              f"Each mechanism applied to the same county ({county_label}); where the "
                                              "county has no assignments for one, its staffing policy makes them.")),
                                       overview)),
        Section(L("覆盖", "Coverage"), (coverage, *per_role)),
        Section(L("负担与稳健性", "Load and robustness"), (load, robust, burden)),
    ]
    if any(c.simulated for c in cols):
        sims = [(c.key, c.simulated) for c in cols if c.simulated]
        sim_keys = tuple(k for k, _ in sims)
        sections.append(Section(L("风险发现（模拟）", "Risks found (simulated)"), (
            BarChart(L("期限内发现的风险事件", "Risk events found within the deadline"), sim_keys,
                     (Series("within deadline", tuple(sm.found_within_deadline for _, sm in sims)),),
                     percent=True),
            BarChart(L("发现时间（天）", "Detection delay (days)"), sim_keys,
                     (Series("mean", tuple(sm.delay_mean for _, sm in sims)),
                      Series("p90", tuple(sm.delay_p90 for _, sm in sims))), L("天", "days")),
        )))
    else:
        sections.append(Section(L("风险发现（模拟）", "Risks found (simulated)"), (
            Text(L("未运行模拟；加 --simulate 运行蒙特卡洛情景。",
                   "Not simulated; add --simulate to run the Monte Carlo scenario.")),)))
    ranked = [c for c in cols if c.ranking]
    if ranked:
        charts = []
        for c in ranked:
            label, rows = c.ranking  # type: ignore[misc]
            rows = rows[:20]
            charts.append(BarChart(L(f"{c.name.zh}：{label.zh}（{c.budget_period}，前20）",
                                     f"{c.name.en}: {label.en} ({c.budget_period}, top 20)"),
                                   tuple(_unit_label(county, u, unmask) for _, u, _ in rows),
                                   (Series(c.key, tuple(s for _, _, s in rows)),), L("得分", "score")))
        sections.append(Section(L("排名", "Rankings"), tuple(charts)))
    spof_rows = []
    for c in cols:
        actor_by_id = county.structure.actor_by_id
        for sp in sorted(c.coverage.single_points_of_failure, key=lambda x: -x.households)[:5]:
            a = actor_by_id.get(sp.actor)
            name = a.name if a is not None else sp.actor
            spof_rows.append((c.key, name if unmask or (a is not None and "synthetic" in a.tags) else mask_name(name),
                              sp.role, sp.units, sp.households))
    sections.append(Section(L("单点责任人", "Single points of failure"), (
        Table(L("独自负责最多农户的责任人（每个机制前5名）", "Actors alone responsible for the most households (top 5 each)"),
              (L("机制", "mechanism"), L("责任人", "actor"), L("角色", "role"), L("单位", "units"), L("农户", "households")),
              tuple(spof_rows), L("姓名已脱敏（--unmask 显示）", "names masked (--unmask shows them)")),)))
    return Report(L("乡村振兴责任机制比较", "Rural-revitalisation responsibility mechanisms compared"),
                  L(f"{county_label} · {len(cols)} 个机制", f"{county_label} · {len(cols)} mechanisms"), tuple(sections),
                  L("由 mechanisms 生成；数字可由 coverage、score、simulate 命令逐一复核。",
                    "Made by mechanisms; every figure can be checked with the coverage, score and simulate commands."))


def print_lang(value: Any, lang: Lang) -> Any:
    return value.get(lang) if isinstance(value, Label) else value
