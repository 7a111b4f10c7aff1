"""The coverage report as a person reads it (tables in either language) and as a spreadsheet takes it (long CSV
rows), built here so ``mechanisms coverage`` and a library user get the same thing."""

from __future__ import annotations

from typing import Any

from ..model.labels import L, Label, Lang, percent
from ..model.mechanism import Mechanism
from ..model.rows import Block, Col, Rows, Say
from .results import CoverageReport

TABLE_ROWS = 50
"""Gaps shown in a table (JSON and CSV carry every one)."""
SPOF_ROWS = 15
"""Single points of failure shown in a table, those with most households first."""
CSV_HEADER = ("section", "role", "subject", "metric", "value")


def _rule_label(m: Mechanism, key: str) -> Label:
    for c in m.coverage_rules:
        if c.key == key:
            return c.label
    return Label(key, key)


def csv_rows(report: CoverageReport) -> list[tuple[Any, ...]]:
    """Every figure of the report as ``(section, role, subject, metric, value)`` rows, header first."""
    out: list[tuple[Any, ...]] = [CSV_HEADER, ("county", "", "", "households", report.households),
                                  ("county", "", "", "chain_complete_households", report.chain_complete_households)]
    for r in report.roles:
        for metric in ("units_in_scope", "units_satisfied", "households_in_scope", "households_covered", "share"):
            out.append(("role", r.role, r.level, metric, getattr(r, metric)))
    for lv in report.levels:
        for metric in ("units", "units_complete", "households", "households_complete"):
            out.append(("level", "", lv.level, metric, getattr(lv, metric)))
    for g in report.gaps:
        out.append(("gap", g.role, g.unit, g.rule, g.households))
    for x in report.load:
        for metric in ("actors", "mean", "median", "max", "gini", "over_capacity", "units_mean", "units_median", "units_max"):
            out.append(("load", x.role, "", metric, getattr(x, metric)))
    for rr in report.redundancy:
        for metric in ("mean", "min", "max"):
            out.append(("redundancy", rr.role, "", metric, getattr(rr, metric)))
    for s in report.single_points_of_failure:
        out.append(("single_point_of_failure", s.role, s.actor, "units", s.units))
        out.append(("single_point_of_failure", s.role, s.actor, "households", s.households))
    for p in report.robustness:
        out.append(("robustness", p.role, f"{p.f:g}", "expected_share", p.expected_share))
        if p.runs:
            out.append(("robustness", p.role, f"{p.f:g}", "monte_carlo", p.monte_carlo))
            out.append(("robustness", p.role, f"{p.f:g}", "stderr", p.stderr))
    return out


def blocks(report: CoverageReport, m: Mechanism, lang: Lang, data: str) -> list[Block]:
    """The terminal view: a heading, then coverage by role and level, gaps, load, single points, robustness."""
    zh = lang == "zh"
    out: list[Block] = []
    when = (f"，{report.on} 当日" if zh else f", as of {report.on}") if report.on else ""
    out.append(Say(f"{m.name.get(lang)} ({m.key}) — {data}{when}"))
    share = percent(report.chain_share) or "—"
    out.append(Say(f"农户 {report.households:,} 户，全链条覆盖 {report.chain_complete_households:,} 户（{share}）" if zh else
                   f"{report.households:,} households; chain complete for {report.chain_complete_households:,} ({share})"))
    red = {x.role: x for x in report.redundancy}
    out.append(Rows(
        [{"role": r.role, "level": r.level,
          "units": f"{r.units_satisfied:,}/{r.units_in_scope:,}", "unit_share": percent(r.unit_share),
          "households": f"{r.households_covered:,}/{r.households_in_scope:,}", "share": percent(r.share),
          "red_mean": None if (red_mean := red[r.role].mean) is None else round(red_mean, 2),
          "red_min": red[r.role].min} for r in report.roles],
        [Col("role", L("角色", "role")), Col("level", L("层级", "level")),
         Col("units", L("达标单位", "units ok"), "right"),
         Col("unit_share", L("单位%", "units %"), "right"),
         Col("households", L("覆盖农户", "households"), "right"),
         Col("share", L("农户%", "hh %"), "right"),
         Col("red_mean", L("户均责任人", "actors/hh"), "right"),
         Col("red_min", L("最少", "min"), "right")],
        L("按角色覆盖", "Coverage by role")))
    out.append(Rows(
        [{"level": lv.level, "units": f"{lv.units_complete:,}/{lv.units:,}",
          "households": f"{lv.households_complete:,}/{lv.households:,}",
          "share": percent(lv.households_complete / lv.households if lv.households else None)} for lv in report.levels],
        [Col("level", L("层级", "level")), Col("units", L("链条完整单位", "units complete"), "right"),
         Col("households", L("链条完整农户", "households complete"), "right"),
         Col("share", L("比例", "share"), "right")],
        L("按层级的链条完整性", "Chain completeness by level")))
    gaps = report.gaps
    if gaps:
        out.append(Rows(
            [{"unit": g.unit, "role": g.role, "rule": _rule_label(m, g.rule), "households": g.households}
             for g in gaps[:TABLE_ROWS]],
            [Col("unit", L("单位", "unit")), Col("role", L("角色", "role")), Col("rule", L("未满足的要求", "rule broken")),
             Col("households", L("未覆盖户", "hh unreached"), "right")],
            L(f"覆盖缺口（{len(gaps)} 处）", f"Gaps ({len(gaps)})"),
            (f"另有 {len(gaps) - TABLE_ROWS} 处，见 --format json" if zh else
             f"{len(gaps) - TABLE_ROWS} more; see --format json") if len(gaps) > TABLE_ROWS else None))
    else:
        out.append(Say("无覆盖缺口。" if zh else "No gaps."))
    out.append(Rows(
        [{"role": x.role, "actors": x.actors,
          "units": f"{x.units_mean:.3g} / {x.units_median:g} / {x.units_max}",
          "households": f"{x.mean:.3g} / {x.median:g} / {x.max}", "gini": round(x.gini, 3),
          "over": x.over_capacity} for x in report.load],
        [Col("role", L("角色", "role")), Col("actors", L("责任人", "actors"), "right"),
         Col("units", L("单位 均/中/最大", "units mean/med/max"), "right"),
         Col("households", L("农户 均/中/最大", "hh mean/med/max"), "right"),
         Col("gini", L("基尼系数", "Gini"), "right"), Col("over", L("超容量", "over cap."), "right")],
        L("每名责任人的负担", "Load per actor")))
    spof = report.single_points_of_failure
    if spof:
        out.append(Rows(
            [{"actor": s.actor, "role": s.role, "units": s.units, "households": s.households} for s in spof[:SPOF_ROWS]],
            [Col("actor", L("责任人", "actor")), Col("role", L("角色", "role")),
             Col("units", L("独自负责单位", "units alone"), "right"),
             Col("households", L("仅靠其覆盖的农户", "households on them alone"), "right")],
            L(f"单点责任人（{len(spof)} 人次）", f"Single points of failure ({len(spof)})"),
            (f"另有 {len(spof) - SPOF_ROWS} 条，见 --format json" if zh else
             f"{len(spof) - SPOF_ROWS} more; see --format json") if len(spof) > SPOF_ROWS else None))
    if report.robustness:
        rows: list[dict[str, Any]] = []
        for p in report.robustness:
            mc = None
            if p.runs and p.monte_carlo is not None:
                mc = (percent(p.monte_carlo) or "") + (f" ± {100 * p.stderr:.1f}" if p.stderr is not None else "")
            rows.append({"f": f"{p.f:g}", "role": p.role, "leaving": f"{p.leaving:g}/{p.actors}",
                         "exact": percent(p.expected_share), "mc": mc})
        cols = [Col("f", L("流失比例", "share leaving"), "right"), Col("role", L("角色", "role")),
                Col("leaving", L("流失/总人数", "leaving/actors"), "right"),
                Col("exact", L("期望覆盖率（精确）", "expected share (exact)"), "right")]
        if any(p.runs for p in report.robustness):
            cols.append(Col("mc", L("蒙特卡洛 ± 标准误", "Monte Carlo ± s.e."), "right"))
        out.append(Rows(rows, cols, L("稳健性：责任人流失后的期望覆盖", "Robustness: expected coverage after turnover"),
                        "“全链条”：所有角色的责任人一起流失后，链条仍完整的农户比例" if zh else
                        "whole chain: share of households whose chain stays complete when actors of every role leave"))
    return out
