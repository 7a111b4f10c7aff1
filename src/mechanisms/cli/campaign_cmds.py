"""`mechanisms campaign`: a campaign's status on a day — phase, tasks due, done and overdue, milestones,
the reporting calendar, and relative deadlines checked against event records.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from ..io.county_io import load_county
from ..model.labels import Label, Lang, _, p_
from ..model.mechanism import Mechanism
from ..model.names import Names
from ..model.periods import Period
from ..year.campaign_status import CampaignStatus, campaign_status
from .context import get_mechanism
from .options import fmt_option, keys_option, lang_option, mechanism_file_option, set_option
from .output import Col, emit, emit_json
from .year_common import (
    actor_label,
    capped_rows,
    due_text,
    label_of,
    on_option,
    rounded,
    say_line,
    unit_label,
    zh_en,
)

_STATE = {"in-phase": _("in phase"), "before": _("not started"), "after": _("ended"),
          "between": _("between phases")}
_MS = {"met": _("met"), "missed": _("missed"), "pending": _("pending"),
       "no-data": _("no data")}
_CASE = {"on-time": _("on time"), "late": _("late"), "overdue": _("overdue"),
         "open": _("open")}


def _campaign_doc(st: CampaignStatus, m: Mechanism) -> dict[str, Any]:
    c = st.campaign
    return {
        "mechanism": m.key, "campaign": c.key, "label": label_of(c.label), "on": st.on.isoformat(),
        "records": st.has_records,
        "phase": None if st.phase is None else {"key": st.phase.key, "label": label_of(st.phase.label),
                                                "start": st.phase.start, "end": st.phase.end},
        "phase_state": st.phase_state,
        "tasks": [{"action": t.action, "task": t.task.key, "label": label_of(t.task.label), "owner_role": t.task.owner_role,
                   "units": t.units, "tracked": t.tracked, "due_so_far": t.due_so_far, "done": t.count("done"),
                   "done_late": t.count("done-late"), "overdue": t.count("overdue"), "due_today": t.count("due"),
                   "no_records": t.count("no-records"), "max_days_late": t.max_days_late, "next_due": t.next_due,
                   "occurrences": [{"unit": o.unit, "due": o.due, "state": o.state, "done": o.done,
                                    "days_late": o.days_late, "owners": list(o.owners)} for o in t.occurrences]}
                  for t in st.tasks],
        "milestones": [{"key": ms.milestone.key, "label": label_of(ms.milestone.label), "date": ms.milestone.date,
                        "indicator": ms.milestone.target.indicator, "comparison": ms.milestone.target.comparison,
                        "target": ms.milestone.target.value, "unit": ms.milestone.target.unit, "period": ms.period,
                        "value": ms.value, "complete": ms.complete, "state": ms.state} for ms in st.milestones],
        "reporting_period": str(st.reporting_period),
        "reporting": [{"key": r.key, "label": label_of(r.label), "date": r.date, "owner_role": r.owner_role}
                      for r in st.reporting],
        "deadlines": [{"task": d.task, "event": d.rule.event, "after": d.rule.after, "days": d.rule.days, "case": d.case,
                       "unit": d.unit, "start": d.start, "due": d.due, "done": d.done, "state": d.state,
                       "days_late": d.days_late} for d in st.deadlines],
    }


@click.command()
@click.argument("key")
@on_option
@click.option("--data", "data", help="County data with the event records (tasks done, risk cases) and observations.")
@click.option("--period", "period_text", help="Period for the reporting calendar (default: the month of --on).")
@click.option("--all", "show_all", is_flag=True, help="List undated tasks without records too (JSON and CSV always do).")
@mechanism_file_option
@set_option
@keys_option
@fmt_option()
@lang_option
def campaign(key: str, on: dt.date | None, data: str | None, period_text: str | None, show_all: bool,
             mechanism_files: tuple[Path, ...], overrides: tuple[str, ...], keys: bool, fmt: str, lang: Lang) -> None:
    """A mechanism's campaign on a day: phase, tasks due/done/overdue, milestones, reports due, relative deadlines."""
    from ..errors import UsageError

    m = get_mechanism(key, mechanism_files, overrides)
    if m.campaign is None:
        raise UsageError(_("{key} states no campaign").format(key=m.key))
    day = on or dt.date.today()
    county = load_county(data, mechanism=m) if data else None
    st = campaign_status(m.campaign, day, county, m, Period.parse(period_text) if period_text else None)
    doc = _campaign_doc(st, m)
    c = m.campaign
    names = Names.of(m, county.structure.levels if county else None, keys=keys)
    task_names = {t.key: (Label(t.key, t.key) if keys else t.label) for a in c.actions for t in a.tasks}
    if fmt == "json":
        emit_json(doc)
        return
    task_rows = []
    labels = {a.key: a.label for a in c.actions}
    for t in st.tasks:
        task_rows.append({
            "action": labels.get(t.action), "task": t.task.label,
            "owner": names.role_label(t.task.owner_role) if t.task.owner_role else t.task.lead,
            "due": due_text(t.task, lang), "units": t.units, "due_so_far": t.due_so_far,
            "done": t.count("done") if t.tracked else None, "late": t.count("done-late") if t.tracked else None,
            "overdue": t.count("overdue") if t.tracked else None, "max_late": t.max_days_late if t.tracked else None,
            "records": p_("campaign_cmds", "yes").get(lang) if t.tracked else _("none").get(lang),
            "next": t.next_due, "key": t.task.key})
    task_cols = [Col("action", _("action")), Col("task", _("task")), Col("owner", _("owner")),
                 Col("due", _("due")), Col("units", p_("campaign_cmds", "units"), "right"),
                 Col("due_so_far", _("due so far"), "right"), Col("done", _("done"), "right"),
                 Col("late", _("done late"), "right"), Col("overdue", p_("campaign_cmds", "overdue"), "right"),
                 Col("max_late", _("max days late"), "right"), Col("records", _("records")),
                 Col("next", _("next due"))]
    if fmt == "csv":
        emit(task_rows, [Col("key", _("key")), *task_cols], fmt="csv", lang=lang)
        return
    end = c.end or "…"
    say_line(f"{m.name.get(lang)} — {c.label.get(lang)} {c.start} – {end}")
    if st.phase is not None:
        p = st.phase
        day_no = (day - p.start).days + 1
        span = f"{p.start} – {p.end or '…'}"
        say_line(zh_en(lang, f"{day}：{p.label.zh}（{span}）第{day_no}天", f"{day}: {p.label.en} phase ({span}), day {day_no}"))
    else:
        say_line(f"{day}: {_STATE[st.phase_state].get(lang)}")
    rule = _("Rule: a task is on time on its due date and overdue from the next day; days late = day − due; "
              "completion records settle the oldest occurrence first").get(lang)
    rule += _("; a task with no completion record at all is not judged overdue").get(lang)
    if county is None:
        rule += _(". No --data given: completion cannot be known").get(lang)
    shown = [r for r, t in zip(task_rows, st.tasks, strict=True) if show_all or t.tracked or t.occurrences]
    if len(shown) < len(task_rows):
        rule += zh_en(lang, f"。另有 {len(task_rows) - len(shown)} 项任务无期限、无记录，未列出（--all 列出）",
                   f". {len(task_rows) - len(shown)} tasks with no date and no records not listed (--all lists them)")
    emit(shown, task_cols, fmt="table", lang=lang, title=_("Tasks"), caption=rule)
    overdue = sorted(st.overdue, key=lambda o: (-o.days_late, o.task, o.unit or ""))
    if overdue:
        s = county.structure if county else None
        rows: list[dict[str, Any]] = [
            {"task": task_names.get(o.task, o.task), "unit": o.unit,
             "name": unit_label(s, o.unit) if s and o.unit else None, "due": o.due, "days": o.days_late,
             "owners": [actor_label(s, a) for a in o.owners] if s else None} for o in overdue]
        rows, cap = capped_rows(rows, lang)
        emit(rows, [Col("task", _("task")), Col("unit", _("unit")), Col("name", _("name")),
                    Col("due", p_("campaign_cmds", "due")), Col("days", _("days late"), "right"),
                    Col("owners", _("owners"))],
             fmt="table", lang=lang, title=_("Overdue"), caption=cap)
    if st.milestones:
        rows = [{"label": ms.milestone.label, "date": ms.milestone.date,
                 "target": f"{names.indicator(ms.milestone.target.indicator or '', lang)} {ms.milestone.target.comparison} "
                           f"{ms.milestone.target.value:g}{ms.milestone.target.unit}",
                 "period": ms.period, "value": rounded(ms.value),
                 "state": _MS[ms.state].get(lang)
                 + ("" if ms.complete else _(" (partly reported)").get(lang))}
                for ms in st.milestones]
        emit(rows, [Col("label", _("milestone")), Col("date", _("date")), Col("target", _("target")),
                    Col("period", _("period"), "right"), Col("value", _("county value"), "right"),
                    Col("state", _("state"))], fmt="table", lang=lang, title=_("Milestones"),
             caption=_("Checked on the county total for the period holding the milestone date; "
                        "pending ones show the value of the period holding the status day").get(lang))
    rows = [{"date": r.date, "label": r.label, "owner": names.role_label(r.owner_role) if r.owner_role else None}
            for r in st.reporting]
    if rows:
        emit(rows, [Col("date", _("date")), Col("label", _("report")), Col("owner", _("owner"))],
             fmt="table", lang=lang, title=Label(f"{st.reporting_period} 报告日程", f"Reporting in {st.reporting_period}"))
    else:
        say_line(zh_en(lang, f"{st.reporting_period} 无报告安排", f"No reports fall in {st.reporting_period}"))
    rules = [(t, r) for a in c.actions for t in a.tasks for r in t.within]
    if rules:
        rows = []
        for tk, r in rules:
            cases = [d for d in st.deadlines if d.task == tk.key and d.rule == r]
            rule_text = (r.label.get(lang) + zh_en(lang, f"（{r.days}日内）", f" (within {r.days} days)") if r.label
                         else zh_en(lang, f"{r.after}后{r.days}日内{r.event}", f"{r.event} within {r.days} days of {r.after}"))
            rows.append({"task": task_names.get(tk.key, tk.key), "rule": rule_text,
                         "cases": len(cases) if county else None,
                         **{k: (sum(1 for d in cases if d.state == k) if county else None)
                            for k in ("on-time", "late", "overdue", "open")}})
        emit(rows, [Col("task", _("task")), Col("rule", _("deadline")),
                     Col("cases", _("cases"), "right"),
                    Col("on-time", _("on time"), "right"), Col("late", _("late"), "right"),
                    Col("overdue", _("overdue"), "right"), Col("open", _("open"), "right")],
             fmt="table", lang=lang, title=_("Relative deadlines"),
             caption=_("Counted from the actual date of the preceding event; the last day is still on time").get(lang))
        bad = [d for d in st.deadlines if d.state in ("late", "overdue")]
        if bad:
            s = county.structure if county else None
            rows = [{"case": d.case, "unit": d.unit, "step": f"{d.rule.after} → {d.rule.event}", "start": d.start,
                     "due": d.due, "done": d.done, "state": _CASE[d.state], "days": d.days_late} for d in bad]
            rows, cap = capped_rows(rows, lang)
            emit(rows, [Col("case", _("case")), Col("unit", _("unit")), Col("step", _("step")),
                        Col("start", p_("campaign_cmds", "from")), Col("due", _("due")), Col("done", p_("campaign_cmds", "done")),
                        Col("state", _("state")), Col("days", p_("campaign_cmds", "days late"), "right")],
                 fmt="table", lang=lang, title=_("Late and overdue cases"), caption=cap)


# ------------------------------------------------------------------ visits
