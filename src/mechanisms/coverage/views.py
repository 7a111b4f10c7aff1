"""The coverage report as a person reads it (tables in either language) and as a spreadsheet takes it (long CSV
rows), built here so ``mechanisms coverage`` and a library user get the same thing.

A person reads names: roles as the mechanism calls them (市级领导挂联镇), levels as the county calls them (镇（街道）),
rules as the mechanism states them. Keys are for programs: JSON keeps them, ``keys=True`` (``--keys``) puts them
back in tables and CSV. The names come from the report itself (:attr:`CoverageReport.names`, built from the
mechanism and the county's own levels), so the CLI and a library user name things alike.
"""

from __future__ import annotations

from typing import Any

import attrs

from ..model.labels import L, Label, Lang, _, p_, percent
from ..model.mechanism import Mechanism, Scope
from ..model.names import Names
from ..model.rows import Block, Col, Rows, Say
from .results import CoverageReport, RoleCoverage
from .robustness import ALL_ROLES

TABLE_ROWS = 50
"""Gaps shown in a table (JSON and CSV carry every one)."""
SPOF_ROWS = 15
"""Single points of failure shown in a table, those with most households first."""
CSV_HEADER = ("section", "role", "subject", "metric", "value", "role_key", "subject_key", "metric_key")
"""The CSV a person opens: ``role``, ``subject`` and ``metric`` in words, each beside its key so the file stays
joinable (on ``role_key`` with the JSON's roles, or with another county's CSV) without a second run."""
CSV_KEYS_HEADER = CSV_HEADER[:5]
"""``--keys``: the tidy five columns with keys in them, for a program (as before names were given)."""
WHOLE_CHAIN = _("whole chain")
"""The robustness row of every role at once (role key ``all``)."""
NOT_APPLICABLE = _("n/a")


def _names_for(report: CoverageReport, keys: bool) -> Names:
    return attrs.evolve(report.names, keys=True) if keys else report.names


def _role(names: Names, key: str, lang: Lang) -> str:
    if key == ALL_ROLES and not names.keys and key not in names.roles:
        return WHOLE_CHAIN.get(lang)
    return names.role(key, lang)


def csv_rows(report: CoverageReport, show_personal: bool = False, *, lang: Lang = "zh", keys: bool = False
             ) -> list[tuple[Any, ...]]:
    """Every figure of the report as ``(section, role, subject, metric, value, role_key, subject_key, metric_key)``
    rows, header first: ``role`` the role's name in ``lang``, ``subject`` the level's name (as the county names
    it) on role and level rows, ``metric`` the rule's name on a gap row; the ``*_key`` columns carry the keys
    beside them. Names by default because this CSV is opened in a spreadsheet by the office that reads
    县级领导, not ``county-leader``; the key columns stay so an analyst can still join on keys without running
    again. With ``keys`` the file is the five columns ``section, role, subject, metric, value`` with keys in
    them (what a program reading the old output expects).

    A gap is two rows on its unit: ``metric`` = the rule broken with the households left unreached, and
    ``metric`` = ``name`` with the unit's name (a household's masked unless ``show_personal``). The day the
    county was read as of is a ``county … on`` row (empty: every assignment ever held); each role no rule
    checks is an ``unchecked_role`` row. Unit and actor ids (a gap's or a single point's subject) are ids, the
    same in both columns.
    """
    names = _names_for(report, keys)
    role_name: dict[str, str] = {}
    level_name: dict[str, str] = {}

    def role(key: str) -> str:
        if key not in role_name:
            role_name[key] = _role(names, key, lang)
        return role_name[key]

    def level(key: str) -> str:
        if key not in level_name:
            level_name[key] = names.level(key, lang)
        return level_name[key]

    rule_name = {c: names.rule(c, lang) for c in names.rules}
    raw: list[tuple[Any, ...]] = []  # (section, role name, subject, metric, value, role key, subject key, metric key)

    def add(section: str, role_key: str, subject_key: str, metric: str, value: Any, *, subject: str | None = None,
            metric_name: str | None = None) -> None:
        raw.append((section, role(role_key) if role_key else "", subject_key if subject is None else subject,
                    metric if metric_name is None else metric_name, value, role_key, subject_key, metric))

    add("county", "", "", "on", report.on.isoformat() if report.on else "")
    add("county", "", "", "households", report.households)
    add("county", "", "", "chain_complete_households", report.chain_complete_households)
    for key in report.unchecked_roles:
        add("unchecked_role", key, "", "gaps_checked", False)
    for r in report.roles:
        for metric in ("units_in_scope", "units_satisfied", "households_in_scope", "households_covered", "share"):
            add("role", r.role, r.level, metric, getattr(r, metric), subject=level(r.level))
    for lv in report.levels:
        for metric in ("units", "units_complete", "households", "households_complete"):
            add("level", "", lv.level, metric, getattr(lv, metric), subject=level(lv.level))
    for g in report.gaps:
        add("gap", g.role, g.unit, g.rule, g.households, metric_name=rule_name.get(g.rule, g.rule))
        if g.name is not None:
            add("gap", g.role, g.unit, "name", report.gap_name(g, show_personal))
    for x in report.load:
        for metric in ("actors", "mean", "median", "max", "gini", "over_capacity", "units_mean", "units_median",
                       "units_max"):
            add("load", x.role, "", metric, getattr(x, metric))
    for rr in report.redundancy:
        for metric in ("mean", "min", "max"):
            add("redundancy", rr.role, "", metric, getattr(rr, metric))
    for s in report.single_points_of_failure:
        add("single_point_of_failure", s.role, s.actor, "units", s.units)
        add("single_point_of_failure", s.role, s.actor, "households", s.households)
    for p in report.robustness:
        f = f"{p.f:g}"
        add("robustness", p.role, f, "expected_share", p.expected_share)
        if p.runs:
            add("robustness", p.role, f, "monte_carlo", p.monte_carlo)
            add("robustness", p.role, f, "stderr", p.stderr)
    if keys:
        return [CSV_KEYS_HEADER, *((row[0], row[5], row[6], row[7], row[4]) for row in raw)]
    return [CSV_HEADER, *raw]


def _tags(scope: Scope, lang: Lang) -> str:
    sep = "、" if lang == "zh" else ", "
    parts = []
    if scope.tags_any:
        parts.append("/".join(scope.tags_any))
    if scope.tags_all:
        parts.append("+".join(scope.tags_all))
    if scope.tags_none:
        parts.append(("非 " if lang == "zh" else "not ") + "/".join(scope.tags_none))
    return sep.join(parts)


def not_applicable_reason(r: RoleCoverage, m: Mechanism, names: Names) -> Label | None:
    """Why a role applies to no unit of the county (0 units in scope), or None where it applies: the county has
    no unit of its level, or no unit of that level carries the tag its scope asks for (the tag as the county's
    ``tags`` column would carry it: what an office can check or fix). A table says this instead of a row of
    dashes that reads as a failure."""
    if r.units_in_scope:
        return None
    level = names.level_label(r.level)
    if r.units_of_level == 0:
        return _("the county has no {level} units").format(level=level)
    try:
        scope = m.role(r.role).scope
    except KeyError:
        scope = Scope()
    if scope.is_everything:
        return _("no {level} of the county is in the role's scope").format(level=level)
    return _("no {level} of the county has the tag {tags}").format(level=level,
                                                                  tags=Label(_tags(scope, "zh"), _tags(scope, "en")))


def _joined(names: Names, keys: tuple[str, ...], lang: Lang) -> str:
    return ("、" if lang == "zh" else ", ").join(names.role(k, lang) for k in keys)


def _gap_blocks(report: CoverageReport, names: Names, lang: Lang, show_personal: bool) -> list[Block]:
    """The gaps with their units' names and unreached households, or why there are none — never a bare "no gaps"
    where a role has no rule (its units are never checked) or the whole chain misses households."""
    zh = lang == "zh"
    out: list[Block] = []
    gaps = report.gaps
    share = percent(report.chain_share) or "—"
    if gaps:
        out.append(Rows(
            [{"unit": g.unit, "name": report.gap_name(g, show_personal), "role": names.role(g.role, lang),
              "rule": names.rule(g.rule, lang), "households": g.households} for g in gaps[:TABLE_ROWS]],
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
        joined = _joined(names, report.unchecked_roles, lang)
        out.append(Say(f"注：角色 {joined} 没有覆盖要求，其单位未检查缺口。" if zh else
                       f"Note: no coverage rule names the role(s) {joined}; their units are not checked for gaps."))
    return out


def _role_rows(report: CoverageReport, m: Mechanism, names: Names, lang: Lang) -> Rows:
    """Coverage by role; a role that applies to no unit of the county says n/a in its share columns and why (a
    ``note`` column, only where some role does not apply) rather than a row of dashes that reads as a failure."""
    red = {x.role: x for x in report.redundancy}
    na = NOT_APPLICABLE.get(lang)
    rows: list[dict[str, Any]] = []
    for r in report.roles:
        reason = not_applicable_reason(r, m, names)
        red_mean = red[r.role].mean
        rows.append({"role": names.role(r.role, lang), "level": names.level(r.level, lang),
                     "units": f"{r.units_satisfied:,}/{r.units_in_scope:,}",
                     "unit_share": na if reason else percent(r.unit_share),
                     "households": f"{r.households_covered:,}/{r.households_in_scope:,}",
                     "share": na if reason else percent(r.share),
                     "red_mean": None if red_mean is None else round(red_mean, 2), "red_min": red[r.role].min,
                     "note": reason.get(lang) if reason else ""})
    cols = [Col("role", _("role")), Col("level", _("level")),
            Col("units", _("units ok"), "right"),
            Col("unit_share", _("units %"), "right"),
            Col("households", p_("views", "households"), "right"),
            Col("share", _("hh %"), "right"),
            Col("red_mean", _("actors/hh"), "right"),
            Col("red_min", _("min"), "right")]
    if any(row["note"] for row in rows):
        cols.append(Col("note", _("note")))
    return Rows(rows, cols, _("Coverage by role"))


def blocks(report: CoverageReport, m: Mechanism, lang: Lang, data: str, show_personal: bool = False, *,
           keys: bool = False) -> list[Block]:
    """The terminal view: a heading, then coverage by role and level, gaps, load, single points, robustness —
    roles, levels and rules by name in ``lang`` (``keys``: by key)."""
    zh = lang == "zh"
    names = _names_for(report, keys)
    out: list[Block] = []
    when = ((f"，{report.on} 当日" if zh else f", as of {report.on}") if report.on else
            ("，所有日期的包保关系" if zh else ", every assignment ever held"))
    out.append(Say(f"{m.name.get(lang)} ({m.key}) — {data}{when}"))
    share = percent(report.chain_share) or "—"
    out.append(Say(f"农户 {report.households:,} 户，全链条覆盖 {report.chain_complete_households:,} 户（{share}）" if zh else
                   f"{report.households:,} households; chain complete for {report.chain_complete_households:,} ({share})"))
    out.append(_role_rows(report, m, names, lang))
    out.append(Rows(
        [{"level": names.level(lv.level, lang), "units": f"{lv.units_complete:,}/{lv.units:,}",
          "households": f"{lv.households_complete:,}/{lv.households:,}",
          "share": percent(lv.households_complete / lv.households if lv.households else None)} for lv in report.levels],
        [Col("level", _("level")), Col("units", _("units complete"), "right"),
         Col("households", _("households complete"), "right"),
         Col("share", p_("views", "share"), "right")],
        _("Chain completeness by level")))
    out.extend(_gap_blocks(report, names, lang, show_personal))
    out.append(Rows(
        [{"role": names.role(x.role, lang), "actors": x.actors,
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
            [{"actor": s.actor, "role": names.role(s.role, lang), "units": s.units, "households": s.households}
             for s in spof[:SPOF_ROWS]],
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
            rows.append({"f": f"{p.f:g}", "role": _role(names, p.role, lang), "leaving": f"{p.leaving:g}/{p.actors}",
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
