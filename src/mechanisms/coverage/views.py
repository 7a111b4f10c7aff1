"""The coverage report as a person reads it (tables in either language) and as a spreadsheet takes it (long CSV
rows), built here so ``mechanisms coverage`` and a library user get the same thing."""

from __future__ import annotations

from typing import Any

from ..model.labels import L, Label, Lang, _, p_, percent
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


def _role_name(m: Mechanism, key: str) -> Label:
    try:
        return m.role(key).label
    except KeyError:
        return Label(key, key)


def csv_rows(report: CoverageReport, show_personal: bool = False) -> list[tuple[Any, ...]]:
    """Every figure of the report as ``(section, role, subject, metric, value)`` rows, header first.

    A gap is two rows on its unit: ``metric`` = the rule broken with the households left unreached, and
    ``metric`` = ``name`` with the unit's name (a household's masked unless ``show_personal``). The day the
    county was read as of is a ``county … on`` row (empty: every assignment ever held); each role no rule
    checks is an ``unchecked_role`` row.
    """
    out: list[tuple[Any, ...]] = [CSV_HEADER, ("county", "", "", "on", report.on.isoformat() if report.on else ""),
                                  ("county", "", "", "households", report.households),
                                  ("county", "", "", "chain_complete_households", report.chain_complete_households)]
    for key in report.unchecked_roles:
        out.append(("unchecked_role", key, "", "gaps_checked", False))
    for r in report.roles:
        for metric in ("units_in_scope", "units_satisfied", "households_in_scope", "households_covered", "share"):
            out.append(("role", r.role, r.level, metric, getattr(r, metric)))
    for lv in report.levels:
        for metric in ("units", "units_complete", "households", "households_complete"):
            out.append(("level", "", lv.level, metric, getattr(lv, metric)))
    for g in report.gaps:
        out.append(("gap", g.role, g.unit, g.rule, g.households))
        if g.name is not None:
            out.append(("gap", g.role, g.unit, "name", report.gap_name(g, show_personal)))
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


def _names(m: Mechanism, keys: tuple[str, ...], lang: Lang) -> str:
    return ("、" if lang == "zh" else ", ").join(_role_name(m, k).get(lang) for k in keys)


def _gap_blocks(report: CoverageReport, m: Mechanism, lang: Lang, show_personal: bool) -> list[Block]:
    """The gaps with their units' names and unreached households, or why there are none — never a bare "no gaps"
    where a role has no rule (its units are never checked) or the whole chain misses households."""
    zh = lang == "zh"
    out: list[Block] = []
    gaps = report.gaps
    share = percent(report.chain_share) or "—"
    if gaps:
        out.append(Rows(
            [{"unit": g.unit, "name": report.gap_name(g, show_personal), "role": _role_name(m, g.role),
              "rule": _rule_label(m, g.rule), "households": g.households} for g in gaps[:TABLE_ROWS]],
            [Col("unit", _("unit")), Col("name", _("unit name")), Col("role", _("role")),
             Col("rule", _("rule broken")), Col("households", _("hh unreached"), "right")],
            L(f"覆盖缺口（{len(gaps)} 处）", f"Gaps ({len(gaps)})"),
            (f"另有 {len(gaps) - TABLE_ROWS} 处，见 --format json 或 csv" if zh else
             f"{len(gaps) - TABLE_ROWS} more; see --format json or csv") if len(gaps) > TABLE_ROWS else None))
    elif report.gaps_tell_all:
        out.append(Say("无覆盖缺口。" if zh else "No gaps."))
    elif report.chain_complete_households == report.households:
        out.append(Say("按覆盖要求未发现缺口。" if zh else "No rule is broken."))
    else:
        out.append(Say(f"按覆盖要求未发现缺口，但全链条覆盖只有 {share}：下面的角色没有覆盖要求，或其负责范围超出要求，"
                       "未覆盖的农户不作为缺口列出（见按角色覆盖）。" if zh else
                       f"No rule is broken, yet the whole chain reaches only {share}: roles without a rule, or beyond "
                       "what the rules ask, leave households unreached that are not listed as gaps (see coverage by "
                       "role)."))
    if report.unchecked_roles:
        names = _names(m, report.unchecked_roles, lang)
        out.append(Say(f"注：角色 {names} 没有覆盖要求，其单位未检查缺口。" if zh else
                       f"Note: no coverage rule names the role(s) {names}; their units are not checked for gaps."))
    return out


def blocks(report: CoverageReport, m: Mechanism, lang: Lang, data: str, show_personal: bool = False) -> list[Block]:
    """The terminal view: a heading, then coverage by role and level, gaps, load, single points, robustness."""
    zh = lang == "zh"
    out: list[Block] = []
    when = ((f"，{report.on} 当日" if zh else f", as of {report.on}") if report.on else
            ("，所有日期的包保关系" if zh else ", every assignment ever held"))
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
        [Col("role", _("role")), Col("level", _("level")),
         Col("units", _("units ok"), "right"),
         Col("unit_share", _("units %"), "right"),
         Col("households", p_("views", "households"), "right"),
         Col("share", _("hh %"), "right"),
         Col("red_mean", _("actors/hh"), "right"),
         Col("red_min", _("min"), "right")],
        _("Coverage by role")))
    out.append(Rows(
        [{"level": lv.level, "units": f"{lv.units_complete:,}/{lv.units:,}",
          "households": f"{lv.households_complete:,}/{lv.households:,}",
          "share": percent(lv.households_complete / lv.households if lv.households else None)} for lv in report.levels],
        [Col("level", _("level")), Col("units", _("units complete"), "right"),
         Col("households", _("households complete"), "right"),
         Col("share", p_("views", "share"), "right")],
        _("Chain completeness by level")))
    out.extend(_gap_blocks(report, m, lang, show_personal))
    out.append(Rows(
        [{"role": x.role, "actors": x.actors,
          "units": f"{x.units_mean:.3g} / {x.units_median:g} / {x.units_max}",
          "households": f"{x.mean:.3g} / {x.median:g} / {x.max}", "gini": round(x.gini, 3),
          "over": x.over_capacity} for x in report.load],
        [Col("role", _("role")), Col("actors", _("actors"), "right"),
         Col("units", _("units mean/med/max"), "right"),
         Col("households", _("hh mean/med/max"), "right"),
         Col("gini", _("Gini"), "right"), Col("over", _("over cap."), "right")],
        _("Load per actor")))
    spof = report.single_points_of_failure
    if spof:
        out.append(Rows(
            [{"actor": s.actor, "role": s.role, "units": s.units, "households": s.households} for s in spof[:SPOF_ROWS]],
            [Col("actor", p_("views", "actor")), Col("role", _("role")),
             Col("units", _("units alone"), "right"),
             Col("households", _("households on them alone"), "right")],
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
        cols = [Col("f", _("share leaving"), "right"), Col("role", _("role")),
                Col("leaving", _("leaving/actors"), "right"),
                Col("exact", _("expected share (exact)"), "right")]
        if any(p.runs for p in report.robustness):
            cols.append(Col("mc", _("Monte Carlo ± s.e."), "right"))
        out.append(Rows(rows, cols, _("Robustness: expected coverage after turnover"),
                        "“全链条”：所有角色的责任人一起流失后，链条仍完整的农户比例" if zh else
                        "whole chain: share of households whose chain stays complete when actors of every role leave"))
    return out
