"""`mechanisms visits`: each role's required visit frequency checked against the visits table.
"""

from __future__ import annotations

from pathlib import Path

import click

from ..model.labels import Lang, _, p_, percent
from ..model.names import Names
from ..model.periods import Period
from ..year.visits import check_visits, compliance_by_role, window
from .context import county_for, get_mechanism
from .options import fmt_option, keys_option, lang_option, mechanism_file_option, set_option
from .output import Col, emit, emit_json, err_console
from .year_common import (
    actor_label,
    capped_rows,
    freq_text,
    mechanism_option,
    say_line,
    show_personal_option,
    unit_label,
    zh_en,
)

_COUNTED = {"visit": _("per visit"), "day": _("per day")}
"""How a duty is counted (``visit``: every visit; ``day``: each date once), as the 计 column names it."""


@click.command()
@click.argument("data")
@mechanism_option
@mechanism_file_option
@set_option
@click.option("--period", "period_text", required=True, help="Period: 2024-05, 2024Q2, 2024.")
@click.option("--all", "show_all", is_flag=True, help="List compliant checks too (the table lists shortfalls only).")
@show_personal_option
@keys_option
@fmt_option()
@lang_option
def visits(data: str, key: str | None, mechanism_files: tuple[Path, ...], overrides: tuple[str, ...], period_text: str,
           show_all: bool, show_personal: bool, keys: bool, fmt: str, lang: Lang) -> None:
    """Visit compliance: each role's required frequency against the visits table, per actor and unit.

    Where the county has no assignments for the mechanism, its assignment policy staffs it (seed 0), as `coverage`
    and `compare` do; such actors have no visit records, so every duty of theirs shows as owed and not done.
    """
    m = get_mechanism(key, mechanism_files, overrides)
    county = county_for(data, m, lang=lang)
    period = Period.parse(period_text)
    s = county.structure
    checks = check_visits(m, county, period)
    if checks and not any(c.done for c in checks):
        err_console().print(zh_en(lang, f"注：{period} 内这些人员在走访表中没有任何走访记录，所有走访要求均未完成"
                                     "（按配置政策生成的人员没有走访记录）",
                               f"note: the visits table records no visit by these actors in {period}, so every duty shows "
                               "as owed (actors staffed by a policy have no visit records)"), markup=False)
    by_role = compliance_by_role(checks, m)
    names = Names.of(m, s.levels, keys=keys)
    rows = [{"actor": c.actor, "actor_name": actor_label(s, c.actor), "role": names.role_label(c.role), "role_key": c.role,
             "unit": c.unit if len(c.units) == 1 else f"{c.unit} +{len(c.units) - 1}",
             "unit_name": unit_label(s, c.unit, show_personal) if len(c.units) == 1 else
             zh_en(lang, f"{len(c.units)}个单位", f"{len(c.units)} units"),
             "from": c.start, "to": c.end, "required": c.required, "done": c.done,
             "counted": c.counted if keys else _COUNTED.get(c.counted, c.counted),
             "compliant": None if c.compliant is None else (_("yes").get(lang) if c.compliant else _("no").get(lang))}
            for c in checks]
    if fmt == "json":
        emit_json({"mechanism": m.key, "period": str(period),
                   "roles": [{"role": r.role, "checked": r.checked, "compliant": r.compliant, "share": r.share}
                             for r in by_role],
                   "checks": [{"actor": c.actor, "role": c.role, "units": list(c.units), "from": c.start, "to": c.end,
                               "required": c.required, "done": c.done, "counted": c.counted, "visits": c.visits,
                               "compliant": c.compliant} for c in checks]})
        return
    cols = [Col("actor", _("actor")), Col("actor_name", p_("visits_cmds", "name")), Col("role", _("role")),
            Col("unit", _("unit")), Col("unit_name", _("unit name")), Col("from", p_("visits_cmds", "from")),
            Col("to", p_("visits_cmds", "to")), Col("required", _("required"), "right"),
            Col("done", p_("visits_cmds", "done"), "right"), Col("counted", _("counted")),
            Col("compliant", _("compliant"))]
    if fmt == "csv":
        emit(rows, [Col("role_key", _("role key")), *cols], fmt="csv", lang=lang)
        return
    freq = {r.key: r.visits for r in m.roles}
    summary = [{"role": names.role_label(r.role) if r.role != "all" or keys else _("total"),
                "role_key": r.role,
                "freq": freq_text(f, lang) if (f := freq.get(r.role)) else None,
                "window": str(window(period, m.role(r.role))) if r.role != "all" else None,
                "checked": r.checked, "compliant": r.compliant, "share": percent(r.share)} for r in by_role]
    say_line(f"{m.name.get(lang)} [{m.key}] — {period}")
    if not checks:
        say_line(_("No assignments of this mechanism's roles with a visit duty in this county's data").get(lang))
        return
    emit(summary, [Col("role", _("role")), Col("freq", _("required frequency")),
                   Col("window", _("window")), Col("checked", _("checked"), "right"),
                   Col("compliant", _("compliant"), "right"), Col("share", _("share"), "right")],
         fmt="table", lang=lang, title=_("Visit compliance"),
         caption=_("Required = times × frequency periods begun in the window while assigned; visits to the unit or "
                    "any unit under it count; day-based duties count each date once").get(lang))
    detail = rows if show_all else [r for r, c in zip(rows, checks, strict=True) if c.compliant is False]
    detail, cap = capped_rows(detail, lang)
    if detail:
        emit(detail, cols, fmt="table", lang=lang,
             title=_("Checks") if show_all else _("Shortfalls"), caption=cap)


# ------------------------------------------------------------------ points
