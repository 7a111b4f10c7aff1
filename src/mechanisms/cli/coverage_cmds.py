"""The ``coverage`` command: does responsibility reach every household under a mechanism, and how fragile is it?

Gaps are results (exit 0); a county whose data is broken exits 1 with every problem; a
bad option or unknown mechanism exits 2.
"""

from __future__ import annotations

import csv
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import click

from ..coverage import CoverageReport, build_model, report_from_model
from ..model.labels import L, Label, Lang, percent
from ..model.mechanism import Mechanism
from .context import county_for, get_mechanism
from .options import fmt_option, lang_option, mechanism_file_option, set_option
from .output import Col, console, emit, emit_json, err_console

TABLE_ROWS = 50
"""Gaps shown in a table (JSON and CSV carry every one)."""
SPOF_ROWS = 15
"""Single points of failure shown in a table, those with most households first."""


def _shares(ctx: click.Context, param: click.Parameter, value: str | None) -> tuple[float, ...]:
    if not value:
        return ()
    out = []
    for part in value.split(","):
        try:
            f = float(part)
        except ValueError:
            raise click.BadParameter(f"{part.strip()!r} is not a number (give shares like 0.1,0.2,0.3)") from None
        if not 0.0 <= f <= 1.0:
            raise click.BadParameter(f"{f} is not a share between 0 and 1")
        out.append(f)
    return tuple(out)


def _rule_label(m: Mechanism, key: str) -> Label:
    for c in m.coverage_rules:
        if c.key == key:
            return c.label
    return Label(key, key)


def _table(report: CoverageReport, m: Mechanism, lang: Lang, data: str) -> None:
    out = console()
    zh = lang == "zh"
    when = (f"，{report.on} 当日" if zh else f", as of {report.on}") if report.on else ""
    out.print(f"{m.name.get(lang)} ({m.key}) — {data}{when}", markup=False)
    share = percent(report.chain_share) or "—"
    out.print((f"农户 {report.households:,} 户，全链条覆盖 {report.chain_complete_households:,} 户（{share}）" if zh else
               f"{report.households:,} households; chain complete for {report.chain_complete_households:,} ({share})"),
              markup=False)
    red = {x.role: x for x in report.redundancy}
    emit([{"role": r.role, "level": r.level,
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
         fmt="table", lang=lang, title=L("按角色覆盖", "Coverage by role"))
    emit([{"level": lv.level, "units": f"{lv.units_complete:,}/{lv.units:,}",
           "households": f"{lv.households_complete:,}/{lv.households:,}",
           "share": percent(lv.households_complete / lv.households if lv.households else None)} for lv in report.levels],
         [Col("level", L("层级", "level")), Col("units", L("链条完整单位", "units complete"), "right"),
          Col("households", L("链条完整农户", "households complete"), "right"),
          Col("share", L("比例", "share"), "right")],
         fmt="table", lang=lang, title=L("按层级的链条完整性", "Chain completeness by level"))
    gaps = report.gaps
    if gaps:
        emit([{"unit": g.unit, "role": g.role, "rule": _rule_label(m, g.rule), "households": g.households}
              for g in gaps[:TABLE_ROWS]],
             [Col("unit", L("单位", "unit")), Col("role", L("角色", "role")), Col("rule", L("未满足的要求", "rule broken")),
              Col("households", L("未覆盖户", "hh unreached"), "right")],
             fmt="table", lang=lang, title=L(f"覆盖缺口（{len(gaps)} 处）", f"Gaps ({len(gaps)})"),
             caption=(f"另有 {len(gaps) - TABLE_ROWS} 处，见 --format json" if zh else
                      f"{len(gaps) - TABLE_ROWS} more; see --format json") if len(gaps) > TABLE_ROWS else None)
    else:
        out.print("无覆盖缺口。" if zh else "No gaps.", markup=False)
    emit([{"role": x.role, "actors": x.actors,
           "units": f"{x.units_mean:.3g} / {x.units_median:g} / {x.units_max}",
           "households": f"{x.mean:.3g} / {x.median:g} / {x.max}", "gini": round(x.gini, 3),
           "over": x.over_capacity} for x in report.load],
         [Col("role", L("角色", "role")), Col("actors", L("责任人", "actors"), "right"),
          Col("units", L("单位 均/中/最大", "units mean/med/max"), "right"),
          Col("households", L("农户 均/中/最大", "hh mean/med/max"), "right"),
          Col("gini", L("基尼系数", "Gini"), "right"), Col("over", L("超容量", "over cap."), "right")],
         fmt="table", lang=lang, title=L("每名责任人的负担", "Load per actor"))
    spof = report.single_points_of_failure
    if spof:
        emit([{"actor": s.actor, "role": s.role, "units": s.units, "households": s.households}
              for s in spof[:SPOF_ROWS]],
             [Col("actor", L("责任人", "actor")), Col("role", L("角色", "role")),
              Col("units", L("独自负责单位", "units alone"), "right"),
              Col("households", L("仅靠其覆盖的农户", "households on them alone"), "right")],
             fmt="table", lang=lang, title=L(f"单点责任人（{len(spof)} 人次）", f"Single points of failure ({len(spof)})"),
             caption=(f"另有 {len(spof) - SPOF_ROWS} 条，见 --format json" if zh else
                      f"{len(spof) - SPOF_ROWS} more; see --format json") if len(spof) > SPOF_ROWS else None)
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
        emit(rows, cols, fmt="table", lang=lang,
             title=L("稳健性：责任人流失后的期望覆盖", "Robustness: expected coverage after turnover"),
             caption=("“全链条”：所有角色的责任人一起流失后，链条仍完整的农户比例" if zh else
                      "whole chain: share of households whose chain stays complete when actors of every role leave"))


def _csv(report: CoverageReport) -> None:
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["section", "role", "subject", "metric", "value"])
    w.writerow(["county", "", "", "households", report.households])
    w.writerow(["county", "", "", "chain_complete_households", report.chain_complete_households])
    for r in report.roles:
        for metric in ("units_in_scope", "units_satisfied", "households_in_scope", "households_covered", "share"):
            w.writerow(["role", r.role, r.level, metric, getattr(r, metric)])
    for lv in report.levels:
        for metric in ("units", "units_complete", "households", "households_complete"):
            w.writerow(["level", "", lv.level, metric, getattr(lv, metric)])
    for g in report.gaps:
        w.writerow(["gap", g.role, g.unit, g.rule, g.households])
    for x in report.load:
        for metric in ("actors", "mean", "median", "max", "gini", "over_capacity", "units_mean", "units_median", "units_max"):
            w.writerow(["load", x.role, "", metric, getattr(x, metric)])
    for rr in report.redundancy:
        for metric in ("mean", "min", "max"):
            w.writerow(["redundancy", rr.role, "", metric, getattr(rr, metric)])
    for s in report.single_points_of_failure:
        w.writerow(["single_point_of_failure", s.role, s.actor, "units", s.units])
        w.writerow(["single_point_of_failure", s.role, s.actor, "households", s.households])
    for p in report.robustness:
        w.writerow(["robustness", p.role, f"{p.f:g}", "expected_share", p.expected_share])
        if p.runs:
            w.writerow(["robustness", p.role, f"{p.f:g}", "monte_carlo", p.monte_carlo])
            w.writerow(["robustness", p.role, f"{p.f:g}", "stderr", p.stderr])


@click.command()
@click.argument("data")
@click.option("--mechanism", "key", help="The mechanism to apply (see `mechanisms list`).")
@mechanism_file_option
@set_option
@click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), default=None, metavar="YYYY-MM-DD",
              help="Coverage on this day: only assignments in force then count (default: every assignment).")
@click.option("--robustness", "shares", callback=_shares, metavar="F1,F2,…",
              help="Turnover shares for the robustness curve, e.g. 0.1,0.2,0.3.")
@click.option("--runs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Monte Carlo runs per robustness point, beside the exact figure (0: exact only).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the Monte Carlo runs, and of the staffing policy where the county has no assignments.")
@click.option("--turnover", type=click.Choice(["fixed", "independent"]), default="fixed", show_default=True,
              help="fixed: exactly round(f·N) actors leave; independent: each leaves with probability f.")
@fmt_option()
@lang_option
def coverage(data: str, key: str | None, mechanism_files: tuple[Path, ...], overrides: tuple[str, ...],
             on: dt.datetime | None, shares: tuple[float, ...], runs: int, seed: int, turnover: str, fmt: str,
             lang: Lang) -> None:
    """Coverage of a county under a mechanism: by role and level, gaps, load, redundancy, single points of failure, robustness.

    Gaps are results (exit 0); broken data exits 1 with every problem listed.
    """
    mechanism = get_mechanism(key, mechanism_files, overrides)
    county = county_for(data, mechanism, seed=seed, lang=lang)
    day = on.date() if on is not None else None
    model = build_model(county, mechanism, on=day)
    for ra in model.roles:
        if ra.off_level:
            err_console().print(f"warning: {ra.off_level} assignment(s) of role {ra.key!r} are on units that are not "
                                f"{ra.role.level} units and do not count (see `mechanisms validate {data} --mechanism "
                                f"{mechanism.key}`)", markup=False)
    report = report_from_model(model, on=day, robustness=shares, runs=runs, seed=seed,
                               turnover="fixed" if turnover == "fixed" else "independent")
    if fmt == "json":
        emit_json(report.to_json())
    elif fmt == "csv":
        _csv(report)
    else:
        _table(report, mechanism, lang, data)
