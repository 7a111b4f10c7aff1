"""The comparison as rows (terminal, CSV), as a document (JSON) and as a report (HTML), from one set of figures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from ..compare.comparison import ROBUSTNESS, MechanismColumn
from ..county.records import County
from ..model.labels import Label, Lang, _, p_, percent
from ..model.safe_text import mask_personal
from .document import BarChart, Histogram, LineChart, Ref, Report, Section, Series, Table, Text, na
from .masking import mask_name

L = Label


def _num(x: float | None, digits: int = 1) -> str | None:
    return None if x is None else f"{x:,.{digits}f}"


def _role_name(c: MechanismColumn, role: str) -> Label:
    labels = dict(zip(c.roles, c.role_labels, strict=True))
    return labels.get(role, Label(role, role))


def has_visit_duties(c: MechanismColumn) -> bool:
    """Whether the mechanism asks anyone to visit households (its visit burden is more than nothing)."""
    return any(v > 0 for v in c.visit_burden_by_role.values())


NO_VISITS = _("the mechanism sets no visit duties, so no one visits in the simulation and no risk can be found in time")
NOT_SIMULATED = _("not simulated (add --simulate)")
NO_EVENTS = _("no risk event occurred in the simulation")
NONE_FOUND = _("no risk event was found in the simulation")
NO_TIERS = _("the mechanism has no reward tiers")
STAFFING = {"own": _("the county's own"), "policy": _("its staffing policy"),
            "own-no-policy": _("the county's own as they are (the mechanism has no "
                                                                 "staffing policy)")}
NO_POLICY = _("Note: {keys} state(s) no staffing policy, so it is compared on the county's own assignments as they are "
              "(none for it here means no coverage).")
NO_ROLE_SCOPE = _("no role has units in scope in this county")


def _sim(c: MechanismColumn, value: float | None, none_reason: Label, digits: int | None = 1) -> Any:
    if c.simulated is None:
        return na(NOT_SIMULATED)
    if not has_visit_duties(c):
        return na(NO_VISITS)
    if value is None:
        return na(none_reason)
    return percent(value) if digits is None else _num(value, digits)


def metric_rows(cols: Sequence[MechanismColumn]) -> list[tuple[str, Label, list[Any]]]:
    """The comparison table: (metric key, label, one value per mechanism), values already formatted for people;
    a figure that does not apply is a :class:`NotApplicable` label giving the reason."""
    def row(key: str, label: Label, values: list[Any]) -> tuple[str, Label, list[Any]]:
        return key, label, values

    rows = [
        row("staffing", _("assignments from"), [STAFFING[c.staffing] for c in cols]),
        row("levels", _("levels"), [c.levels for c in cols]),
        row("roles", _("roles"), [len(c.roles) for c in cols]),
        row("actors", _("actors needed"), [c.actors for c in cols]),
        row("assignments", _("assignments"), [c.assignments for c in cols]),
        row("households", _("households"), [c.coverage.households for c in cols]),
        row("chain", p_("comparison_table", "chain complete"), [percent(c.coverage.chain_share) for c in cols]),
        row("weakest_role", _("weakest role"), [_weakest(c) for c in cols]),
        row("roles_not_applicable", _("roles that do not apply here"),
            [_not_applicable_roles(c) for c in cols]),
        row("gaps", _("gaps (rule broken)"), [len(c.coverage.gaps) for c in cols]),
        row("load_mean", _("households per actor, mean"), [_num(c.load_mean) for c in cols]),
        row("load_max", _("households per actor, max"), [c.load_max for c in cols]),
        row("load_gini", _("load Gini"), [_num(c.load_gini, 3) for c in cols]),
        row("redundancy", _("actors per household (mean over roles)"),
            [_num(c.redundancy_mean, 2) for c in cols]),
        row("spof", _("single points of failure"), [len(c.coverage.single_points_of_failure) for c in cols]),
    ]
    for f in ROBUSTNESS:
        share = f"{int(f * 100)}%"
        rows.append(row(f"robustness_{int(f * 100)}", _("chain complete if {share} leave (expected)").format(share=share),
                        [percent(c.robustness.get(f)) for c in cols]))
    rows += [
        row("visit_burden", _("visit burden (actor-days a month)"),
            [_num(c.visit_burden) if has_visit_duties(c) else na(_("the mechanism sets no visit duties"))
             for c in cols]),
    ]
    if any(c.simulated for c in cols):
        rows += [
            row("found_within_deadline", _("risks found within deadline (simulated)"),
                [_sim(c, c.simulated.found_within_deadline if c.simulated else None, NO_EVENTS, None) for c in cols]),
            row("delay_mean", _("mean detection delay (days)"),
                [_sim(c, c.simulated.delay_mean if c.simulated else None, NONE_FOUND) for c in cols]),
            row("delay_p90", _("detection delay, 90th percentile (days)"),
                [_sim(c, c.simulated.delay_p90 if c.simulated else None, NONE_FOUND) for c in cols]),
        ]
    rows += [
        row("tasks", _("tasks / milestones / reports"),
            [f"{c.tasks} / {c.milestones} / {c.reporting}" for c in cols]),
        row("indicators", _("indicators"), [c.indicators for c in cols]),
        row("scoring", _("scoring scheme"), [_scheme(c) for c in cols]),
        row("reward_budget", _("reward budget (CNY)"),
            [na(NO_TIERS) if c.reward_budget is None else f"{c.reward_budget:,.0f} ({c.budget_period})" for c in cols]),
    ]
    return rows


def no_policy_note(cols: Sequence[MechanismColumn]) -> Label | None:
    """The note under the comparison naming the mechanisms with no staffing policy, compared on the county's own
    assignments (None when every mechanism had its own assignments or a policy)."""
    keys = [c for c in cols if c.staffing == "own-no-policy"]
    if not keys:
        return None
    return L(NO_POLICY.zh.format(keys="、".join(c.name.zh for c in keys)),
             NO_POLICY.en.format(keys=", ".join(c.name.en for c in keys)))


def _weakest(c: MechanismColumn) -> Any:
    shares = [(r.share, r.role) for r in c.coverage.roles if r.share is not None]
    if not shares:
        return na(NO_ROLE_SCOPE)
    share, role = min(shares)
    name = _role_name(c, role)
    return name + f" {100 * share:.1f}%"


def _not_applicable_roles(c: MechanismColumn) -> Label:
    names = [_role_name(c, r.role) for r in c.coverage.roles if r.share is None]
    if not names:
        return _("none")
    return L("、".join(n.zh for n in names), ", ".join(n.en for n in names))


def _scheme(c: MechanismColumn) -> Label:
    zh = [f"评分表{c.scorecards}", f"排名{c.rankings}", f"奖励档次{c.tier_schemes}", f"红黑榜{c.lists}"]
    en = [f"{c.scorecards} scorecards", f"{c.rankings} rankings", f"{c.tier_schemes} tier schemes", f"{c.lists} lists"]
    if c.points:
        zh.append("积分制")
        en.append("points")
    if c.supervision:
        zh.append("督查问责")
        en.append("supervision")
    return L("、".join(zh), ", ".join(en))


SCHEME_NOTE = _("Scoring scheme: how many scorecards, rankings, tier schemes and red/black lists; points; supervision")


def comparison_json(cols: Sequence[MechanismColumn], county_label: str) -> dict[str, Any]:
    out = []
    for c in cols:
        cov = c.coverage
        d: dict[str, Any] = {
            "key": c.key, "name": {"zh": c.name.zh, "en": c.name.en}, "staffed_by_policy": c.staffed_by_policy,
            "staffing": c.staffing, "on": c.coverage.on.isoformat() if c.coverage.on else None,
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


def county_name(county: County, fallback: str) -> str:
    """The county's own name (its root units'), not the file or preset it was read from."""
    names = [u.name for u in county.structure.roots if u.name]
    return "、".join(names) if names else fallback


def _unit_ref(county: County, unit: str, unmask: bool) -> Ref:
    u = county.structure.unit_by_id.get(unit)
    if u is None:
        return Ref(unit, unit)
    personal = u.level == county.structure.levels[-1].key
    name = u.name if unmask or not personal else mask_name(u.name)
    return Ref(name if unmask else mask_personal(name), u.id)


def _actor_ref(county: County, actor: str, role: Label, unmask: bool) -> Ref:
    a = county.structure.actor_by_id.get(actor)
    if a is None:  # made by the mechanism's staffing policy: nobody's name, only a post of the role
        return Ref(_("{role}, made by the staffing policy").format(role=role), actor)
    name = a.name if unmask or "synthetic" in a.tags else mask_name(a.name)
    return Ref(name if unmask else mask_personal(name), a.id)


def _role_value(c: MechanismColumn, i: int, level_names: Mapping[str, Label]) -> Any:
    """The share of the ``i``-th role, or why it has none, in the words ``coverage`` uses (a column built without
    them: a generic reason, the level named as the county names it)."""
    r = c.coverage.roles[i]
    if r.share is not None:
        return r.share
    reason = c.not_applicable[i] if i < len(c.not_applicable) else None
    level = level_names.get(r.level, Label(r.level, r.level))
    return na(reason or _("no {level} in this county falls to this role").format(level=level))


GAP_ROWS = 10
"""Gaps the report lists per mechanism, those leaving most households unreached first (``coverage`` lists all)."""


def _gap_blocks(cols: Sequence[MechanismColumn], county: County, unmask: bool) -> list[Any]:
    """The gaps by name (the unit's name beside its id) with the households each leaves unreached, and, per
    mechanism, the roles no rule checks: an empty table does not mean every household is reached."""
    rows: list[tuple[Any, ...]] = []
    for c in cols:
        for g in sorted(c.coverage.gaps, key=lambda x: -x.households)[:GAP_ROWS]:
            rows.append((c.name, _unit_ref(county, g.unit, unmask), _role_name(c, g.role), g.households))
    out: list[Any] = []
    if rows:
        out.append(Table(_("Gaps (the {n} leaving most households unreached, each mechanism)").format(n=GAP_ROWS),
                         (_("mechanism"), _("unit (id)"), _("role"),
                          _("households unreached")), tuple(rows),
                         _("every gap by name: the coverage command")))
    for c in cols:
        unchecked = c.coverage.unchecked_roles
        if unchecked:
            names = [_role_name(c, r) for r in unchecked]
            out.append(Text(_("{mechanism}: no coverage rule names {roles}; their units are not checked for gaps.").format(
                mechanism=c.name, roles=Label("、".join(n.zh for n in names), ", ".join(n.en for n in names)))))
    return out


def comparison_report(cols: Sequence[MechanismColumn], county: County, county_label: str, *,
                      unmask: bool = False) -> Report:
    name = county_name(county, county_label)
    names = tuple(c.name for c in cols)
    overview = Table(_("Mechanisms side by side"), (p_("comparison_report", "figure"), *names),
                     tuple((label, *values) for __, label, values in metric_rows(cols)), SCHEME_NOTE)
    weakest: list[Any] = []
    for c in cols:
        shares = [r.share for r in c.coverage.roles if r.share is not None]
        weakest.append(min(shares) if shares else na(NO_ROLE_SCOPE))
    chain: list[Any] = [c.coverage.chain_share if c.coverage.chain_share is not None
                        else na(_("no household of this county is in scope")) for c in cols]
    coverage = BarChart(_("Chain completeness and the weakest role"), names,
                        (Series(p_("comparison_report", "chain complete"), tuple(chain)),
                         Series(_("weakest role's coverage"), tuple(weakest))),
                        _("share of households"), percent=True)
    level_names = {x.key: x.label for x in county.structure.levels}
    per_role = tuple(BarChart(_("{mechanism}: coverage by role").format(mechanism=c.name),
                              tuple(_role_name(c, r.role) for r in c.coverage.roles),
                              (Series(c.name, tuple(_role_value(c, i, level_names)
                                                    for i in range(len(c.coverage.roles)))),),
                              _("share of households"), percent=True) for c in cols)
    top = max((int(c.loads.max()) for c in cols if len(c.loads)), default=1)
    edges = np.unique(np.round(np.geomspace(1, max(top, 2) + 1, 13))).astype(float)
    edges = np.concatenate([[0.0], edges])
    load = Histogram(_("Households per actor"), tuple(float(e) for e in edges),
                     tuple(Series(c.name, tuple(float(x) for x in np.histogram(c.loads, bins=edges)[0])) for c in cols),
                     _("households per actor"), p_("comparison_report", "actors"))
    xs = (0.0, *ROBUSTNESS)
    robust = LineChart(_("Chain completeness as actors leave (exact expectation)"),
                       xs, tuple(Series(c.name, (c.coverage.chain_share, *(c.robustness.get(f) for f in ROBUSTNESS)))
                                 for c in cols), _("share leaving"), p_("comparison_report", "chain complete"),
                       percent=True)
    no_visits = na(_("the mechanism sets no visit duties"))
    burden = BarChart(_("Visit burden"), names,
                      (Series(_("actor-days a month"),
                              tuple(c.visit_burden if has_visit_duties(c) else no_visits for c in cols)),),
                      _("visit burden (actor-days a month)"))
    on = next((c.coverage.on for c in cols), None)
    when = (_(", as of {day} (the assignments in force that day)").format(day=on) if on else
            _(", every assignment ever held counted"))
    intro: list[Any] = [Text(_("Each mechanism applied to the same county ({county}){when}; where the county has no "
                               "assignments for one, its staffing policy makes them.").format(county=name, when=when))]
    note = no_policy_note(cols)
    if note is not None:
        intro.append(Text(note))
    sections = [
        Section(_("Overview"), (*intro, overview)),
        Section(_("Coverage"), (coverage, *per_role, *_gap_blocks(cols, county, unmask))),
        Section(_("Load and robustness"), (load, robust, burden)),
    ]
    if any(c.simulated for c in cols):
        def sim(c: MechanismColumn, value: float | None, none_reason: Label) -> Any:
            if c.simulated is None:
                return na(NOT_SIMULATED)
            if not has_visit_duties(c):
                return na(NO_VISITS)
            return na(none_reason) if value is None else value

        sections.append(Section(_("Risks found (simulated)"), (
            BarChart(_("Risk events found within the deadline"), names,
                     (Series(_("found within the deadline"),
                             tuple(sim(c, c.simulated.found_within_deadline if c.simulated else None, NO_EVENTS)
                                   for c in cols)),),
                     _("share of risk events"), percent=True),
            BarChart(_("Detection delay (days)"), names,
                     (Series(_("mean"), tuple(sim(c, c.simulated.delay_mean if c.simulated else None, NONE_FOUND)
                                                    for c in cols)),
                      Series(_("90th percentile"),
                             tuple(sim(c, c.simulated.delay_p90 if c.simulated else None, NONE_FOUND) for c in cols))),
                     _("days")),
        )))
    else:
        sections.append(Section(_("Risks found (simulated)"), (
            Text(_("Not simulated; add --simulate to run the Monte Carlo scenario.")),)))
    ranked = [c for c in cols if c.ranking]
    if ranked:
        charts = []
        for c in ranked:
            label, rows = c.ranking  # type: ignore[misc]
            rows = rows[:20]
            charts.append(BarChart(_("{mechanism}: {ranking} ({period}, top 20)").format(mechanism=c.name, ranking=label,
                                                                           period=c.budget_period),
                                   tuple(_unit_ref(county, u, unmask) for _rank, u, _score in rows),
                                   (Series(_("score"), tuple(s for _rank, _unit, s in rows)),), _("score")))
        sections.append(Section(_("Rankings"), tuple(charts)))
    spof_rows = []
    for c in cols:
        for sp in sorted(c.coverage.single_points_of_failure, key=lambda x: -x.households)[:5]:
            spof_rows.append((c.name, _actor_ref(county, sp.actor, _role_name(c, sp.role), unmask),
                              _role_name(c, sp.role), sp.units,
                              sp.households))
    masked = _("names masked but for the first character (--show-personal shows them); the actors a staffing "
               "policy made are nobody and stay as they are")
    sections.append(Section(_("Single points of failure"), (
        Table(_("Actors alone responsible for the most households (top 5 each)"),
              (_("mechanism"), _("actor (id)"), _("role"), p_("comparison_report", "units"),
               p_("comparison_report", "households")),
              tuple(spof_rows), None if unmask else masked),)))
    return Report(_("{county}: rural-revitalisation responsibility mechanisms compared").format(county=name),
                  _("{n} mechanisms · data: {data}").format(n=len(cols), data=county_label),
                  tuple(sections),
                  _("Made by mechanisms; every figure can be checked with the coverage, score and simulate commands."))


def print_lang(value: Any, lang: Lang) -> Any:
    return value.get(lang) if isinstance(value, Label) else value
