"""`mechanisms campaign`: a campaign's status on a day — phase, tasks due, done and overdue, milestones,
the reporting calendar, and relative deadlines checked against event records.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import click

from ..io.county_io import load_county
from ..model.labels import L, Label, Lang
from ..model.mechanism import Mechanism
from ..model.periods import Period
from ..year.campaign_status import CampaignStatus, campaign_status
from .context import get_mechanism
from .options import fmt_option, lang_option, mechanism_file_option, set_option
from .output import Col, emit, emit_json
from .year_common import (
    actor_label,
    capped_rows,
    due_text,
    label_of,
    on_option,
    role_label,
    rounded,
    say_line,
    unit_label,
    zh_en,
)

_STATE = {"in-phase": L("进行中", "in phase"), "before": L("尚未开始", "not started"), "after": L("已结束", "ended"),
          "between": L("阶段之间", "between phases")}
_MS = {"met": L("达成", "met"), "missed": L("未达成", "missed"), "pending": L("未到期", "pending"),
       "no-data": L("无数据", "no data")}
_CASE = {"on-time": L("按时", "on time"), "late": L("超期完成", "late"), "overdue": L("超期未办", "overdue"),
         "open": L("办理中", "open")}


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
@fmt_option()
@lang_option
def campaign(key: str, on: dt.date | None, data: str | None, period_text: str | None, show_all: bool,
             mechanism_files: tuple[Path, ...], overrides: tuple[str, ...], fmt: str, lang: Lang) -> None:
    """A mechanism's campaign on a day: phase, tasks due/done/overdue, milestones, reports due, relative deadlines."""
    from ..errors import UsageError

    m = get_mechanism(key, mechanism_files, overrides)
    if m.campaign is None:
        raise UsageError(f"{m.key} states no campaign")
    day = on or dt.date.today()
    county = load_county(data) if data else None
    st = campaign_status(m.campaign, day, county, m, Period.parse(period_text) if period_text else None)
    doc = _campaign_doc(st, m)
    c = m.campaign
    if fmt == "json":
        emit_json(doc)
        return
    task_rows = []
    labels = {a.key: a.label for a in c.actions}
    for t in st.tasks:
        task_rows.append({
            "action": labels.get(t.action), "task": t.task.label,
            "owner": role_label(m, t.task.owner_role) if t.task.owner_role else t.task.lead,
            "due": due_text(t.task, lang), "units": t.units, "due_so_far": t.due_so_far,
            "done": t.count("done") if t.tracked else None, "late": t.count("done-late") if t.tracked else None,
            "overdue": t.count("overdue") if t.tracked else None, "max_late": t.max_days_late if t.tracked else None,
            "records": zh_en(lang, "有", "yes") if t.tracked else zh_en(lang, "无", "none"),
            "next": t.next_due, "key": t.task.key})
    task_cols = [Col("action", L("行动", "action")), Col("task", L("任务", "task")), Col("owner", L("责任", "owner")),
                 Col("due", L("期限", "due")), Col("units", L("承担单位", "units"), "right"),
                 Col("due_so_far", L("已到期", "due so far"), "right"), Col("done", L("按时完成", "done"), "right"),
                 Col("late", L("逾期完成", "done late"), "right"), Col("overdue", L("逾期未完成", "overdue"), "right"),
                 Col("max_late", L("最长逾期天数", "max days late"), "right"), Col("records", L("完成记录", "records")),
                 Col("next", L("下次到期", "next due"))]
    if fmt == "csv":
        emit(task_rows, [Col("key", L("键", "key")), *task_cols], fmt="csv", lang=lang)
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
    rule = zh_en(lang, "规则：到期当日仍算按时，次日起逾期；逾期天数 = 查看日 − 到期日；完成记录按先到期先销号",
              "Rule: a task is on time on its due date and overdue from the next day; days late = day − due; "
              "completion records settle the oldest occurrence first")
    rule += zh_en(lang, "；无完成记录的任务不判逾期", "; a task with no completion record at all is not judged overdue")
    if county is None:
        rule += zh_en(lang, "。未提供 --data：无法判断完成情况", ". No --data given: completion cannot be known")
    shown = [r for r, t in zip(task_rows, st.tasks, strict=True) if show_all or t.tracked or t.occurrences]
    if len(shown) < len(task_rows):
        rule += zh_en(lang, f"。另有 {len(task_rows) - len(shown)} 项任务无期限、无记录，未列出（--all 列出）",
                   f". {len(task_rows) - len(shown)} tasks with no date and no records not listed (--all lists them)")
    emit(shown, task_cols, fmt="table", lang=lang, title=L("任务", "Tasks"), caption=rule)
    overdue = sorted(st.overdue, key=lambda o: (-o.days_late, o.task, o.unit or ""))
    if overdue:
        s = county.structure if county else None
        rows: list[dict[str, Any]] = [
            {"task": o.task, "unit": o.unit, "name": unit_label(s, o.unit) if s and o.unit else None, "due": o.due,
             "days": o.days_late, "owners": [actor_label(s, a) for a in o.owners] if s else None} for o in overdue]
        rows, cap = capped_rows(rows, lang)
        emit(rows, [Col("task", L("任务", "task")), Col("unit", L("单位", "unit")), Col("name", L("名称", "name")),
                    Col("due", L("到期日", "due")), Col("days", L("逾期天数", "days late"), "right"),
                    Col("owners", L("责任人", "owners"))],
             fmt="table", lang=lang, title=L("逾期未完成", "Overdue"), caption=cap)
    if st.milestones:
        rows = [{"label": ms.milestone.label, "date": ms.milestone.date,
                 "target": f"{ms.milestone.target.indicator or ''} {ms.milestone.target.comparison} "
                           f"{ms.milestone.target.value:g}{ms.milestone.target.unit}",
                 "period": ms.period, "value": rounded(ms.value),
                 "state": _MS[ms.state].get(lang)
                 + ("" if ms.complete else zh_en(lang, "（部分单位未报）", " (partly reported)"))}
                for ms in st.milestones]
        emit(rows, [Col("label", L("节点", "milestone")), Col("date", L("日期", "date")), Col("target", L("目标", "target")),
                    Col("period", L("数据期", "period"), "right"), Col("value", L("全县值", "county value"), "right"),
                    Col("state", L("状态", "state"))], fmt="table", lang=lang, title=L("节点目标", "Milestones"),
             caption=zh_en(lang, "按节点日期所在数据期的全县汇总值判断；未到期的显示查看日所在期的值",
                        "Checked on the county total for the period holding the milestone date; "
                        "pending ones show the value of the period holding the status day"))
    rows = [{"date": r.date, "label": r.label, "owner": role_label(m, r.owner_role) if r.owner_role else None}
            for r in st.reporting]
    if rows:
        emit(rows, [Col("date", L("日期", "date")), Col("label", L("报告", "report")), Col("owner", L("责任", "owner"))],
             fmt="table", lang=lang, title=Label(f"{st.reporting_period} 报告日程", f"Reporting in {st.reporting_period}"))
    else:
        say_line(zh_en(lang, f"{st.reporting_period} 无报告安排", f"No reports fall in {st.reporting_period}"))
    rules = [(t, r) for a in c.actions for t in a.tasks for r in t.within]
    if rules:
        rows = []
        for tk, r in rules:
            cases = [d for d in st.deadlines if d.task == tk.key and d.rule == r]
            rows.append({"task": tk.key, "rule": (r.label.get(lang) + zh_en(lang, f"（{r.days}日内）", f" (within {r.days} days)")
                                                 if r.label else zh_en(lang, f"{r.after}后{r.days}日内{r.event}",
                                                                    f"{r.event} within {r.days} days of {r.after}")),
                         "cases": len(cases) if county else None,
                         **{k: (sum(1 for d in cases if d.state == k) if county else None)
                            for k in ("on-time", "late", "overdue", "open")}})
        emit(rows, [Col("task", L("任务", "task")), Col("rule", L("时限", "deadline")),
                     Col("cases", L("件数", "cases"), "right"),
                    Col("on-time", L("按时", "on time"), "right"), Col("late", L("超期完成", "late"), "right"),
                    Col("overdue", L("超期未办", "overdue"), "right"), Col("open", L("办理中", "open"), "right")],
             fmt="table", lang=lang, title=L("时限要求", "Relative deadlines"),
             caption=zh_en(lang, "从前一事件的实际日期起算；期限当日仍算按时",
                        "Counted from the actual date of the preceding event; the last day is still on time"))
        bad = [d for d in st.deadlines if d.state in ("late", "overdue")]
        if bad:
            s = county.structure if county else None
            rows = [{"case": d.case, "unit": d.unit, "step": f"{d.rule.after} → {d.rule.event}", "start": d.start,
                     "due": d.due, "done": d.done, "state": _CASE[d.state], "days": d.days_late} for d in bad]
            rows, cap = capped_rows(rows, lang)
            emit(rows, [Col("case", L("案件", "case")), Col("unit", L("单位", "unit")), Col("step", L("环节", "step")),
                        Col("start", L("起算日", "from")), Col("due", L("期限", "due")), Col("done", L("办结日", "done")),
                        Col("state", L("状态", "state")), Col("days", L("超期天数", "days late"), "right")],
                 fmt="table", lang=lang, title=L("超期案件", "Late and overdue cases"), caption=cap)


# ------------------------------------------------------------------ visits
