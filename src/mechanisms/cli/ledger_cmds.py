"""`mechanisms points` and `mechanisms problems`: the household points ledger and the supervision
loop's problem ledger, with balances, audit trails and closure rates.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ..io.county_io import load_county
from ..model.labels import L, Lang, percent
from ..year.points import ledger_from_records
from ..year.supervision import categories_count, closure_rates, group_by_level, supervise
from .context import get_mechanism
from .options import fmt_option, lang_option, mechanism_file_option, set_option
from .output import Col, emit, emit_json
from .year_common import (
    actor_label,
    capped_rows,
    default_on,
    mechanism_option,
    on_option,
    say_line,
    show_personal_option,
    unit_label,
    zh_en,
)

_KIND = {"earn": L("获得", "earned"), "deduct": L("扣减", "deducted"), "redeem": L("兑换", "redeemed")}
_STATUS = {"ok": L("正常", "ok"), "capped": L("扣至0分", "capped at 0"), "rejected": L("余额不足，未兑换", "rejected"),
           "unknown-rule": L("规则未定义", "unknown rule"), "rule-mismatch": L("分值与规则不符", "points differ from rule")}


@click.command()
@click.argument("data")
@mechanism_option
@mechanism_file_option
@on_option
@click.option("--household", "households", multiple=True, help="Only this household (repeatable).")
@click.option("--trail", is_flag=True, help="Show the audit trail, one line per entry, with the balance after it.")
@show_personal_option
@fmt_option()
@lang_option
def points(data: str, key: str | None, mechanism_files: tuple[Path, ...], on: dt.date | None,
           households: tuple[str, ...], trail: bool, show_personal: bool, fmt: str, lang: Lang) -> None:
    """Household points ledgers: earned, deducted, redeemed, balance; never negative; with the audit trail."""
    m = get_mechanism(key, mechanism_files) if key or mechanism_files else None
    scheme = m.scoring.points if m and m.scoring else None
    county = load_county(data)
    s = county.structure
    day = on
    entries = [e for e in county.points if not households or e.household in households]
    ledger = ledger_from_records(entries, scheme, day)
    sums = ledger.summaries()

    def village(h: str) -> str | None:
        chain = [a for a in s.ancestors(h)] if h in s.unit_by_id else []
        return next((a.id for a in chain if a.level == "village"), chain[0].id if chain else None)

    rows = [{"household": x.household, "name": unit_label(s, x.household, show_personal), "village": village(x.household),
             "earned": x.earned, "deducted": x.deducted, "redeemed": x.redeemed, "balance": x.balance, "lines": x.lines,
             "last": x.last, "flagged": x.flagged} for x in sums]
    trail_rows = [{"date": ln.date, "household": ln.household, "kind": _KIND[ln.kind], "rule": ln.rule, "points": ln.points,
                   "applied": ln.applied, "balance": ln.balance, "status": _STATUS[ln.status], "note": ln.note}
                  for ln in ledger.lines]
    totals = {"households": len(sums), "earned": sum(x.earned for x in sums), "deducted": sum(x.deducted for x in sums),
              "redeemed": sum(x.redeemed for x in sums), "balance": sum(x.balance for x in sums),
              "flagged": sum(x.flagged for x in sums)}
    if fmt == "json":
        emit_json({"mechanism": m.key if m else None, "on": day, "totals": totals,
                   "yuan_per_point": scheme.yuan_per_point if scheme else None,
                   "households": [{k: v for k, v in r.items()} for r in rows],
                   "trail": [{"date": ln.date, "household": ln.household, "kind": ln.kind, "rule": ln.rule,
                              "points": ln.points, "applied": ln.applied, "balance": ln.balance, "status": ln.status,
                              "note": ln.note} for ln in ledger.lines] if trail else None})
        return
    hh_cols = [Col("household", L("农户", "household")), Col("name", L("户名", "name")), Col("village", L("村", "village")),
               Col("earned", L("获得", "earned"), "right"), Col("deducted", L("扣减", "deducted"), "right"),
               Col("redeemed", L("兑换", "redeemed"), "right"), Col("balance", L("余额", "balance"), "right"),
               Col("lines", L("笔数", "entries"), "right"), Col("last", L("最近", "last")),
               Col("flagged", L("异常", "flagged"), "right")]
    trail_cols = [Col("date", L("日期", "date")), Col("household", L("农户", "household")), Col("kind", L("类型", "kind")),
                  Col("rule", L("规则", "rule")), Col("points", L("记录积分", "points"), "right"),
                  Col("applied", L("入账", "applied"), "right"), Col("balance", L("余额", "balance"), "right"),
                  Col("status", L("状态", "status")), Col("note", L("备注", "note"))]
    if fmt == "csv":
        emit(trail_rows if trail else rows, trail_cols if trail else hh_cols, fmt="csv", lang=lang)
        return
    head = (scheme.label.get(lang) + " — ") if scheme else ""
    n_hh = totals["households"]
    say_line(head + zh_en(lang, f"{n_hh} 户：获得 {totals['earned']} 分，扣减 {totals['deducted']} 分，"
                         f"兑换 {totals['redeemed']} 分，余额 {totals['balance']} 分；异常 {totals['flagged']} 笔",
                   f"{n_hh} household{'s' if n_hh != 1 else ''}: earned {totals['earned']}, deducted {totals['deducted']}, "
                   f"redeemed {totals['redeemed']}, balance {totals['balance']}; {totals['flagged']} flagged entries"))
    if scheme and scheme.yuan_per_point is not None:
        say_line(zh_en(lang, f"按每分 {scheme.yuan_per_point:g} 元：已兑换 {totals['redeemed'] * scheme.yuan_per_point:,.2f} 元，"
                      f"余额折合 {totals['balance'] * scheme.yuan_per_point:,.2f} 元",
                f"At ¥{scheme.yuan_per_point:g} a point: ¥{totals['redeemed'] * scheme.yuan_per_point:,.2f} redeemed, "
                f"¥{totals['balance'] * scheme.yuan_per_point:,.2f} outstanding"))
    rule_text = zh_en(lang, "规则：余额不为负——兑换超过余额不予兑换，扣分最多扣至0分；按日期顺序记账",
                   "Rules: never negative — a redemption above the balance is refused, a penalty stops at 0; "
                   "entries are booked in date order")
    if trail:
        shown, cap = capped_rows(trail_rows, lang)
        emit(shown, trail_cols, fmt="table", lang=lang, title=L("积分流水", "Audit trail"),
             caption=rule_text + (f"；{cap}" if cap else ""))
    else:
        shown, cap = capped_rows(rows, lang)
        emit(shown, hh_cols, fmt="table", lang=lang, title=L("农户积分", "Household points"),
             caption=rule_text + (f"；{cap}" if cap else ""))


# ------------------------------------------------------------------ problems

_PSTATE = {"open": L("整改中", "open"), "overdue": L("逾期未整改", "overdue"), "closed": L("按期销号", "closed"),
           "closed-late": L("逾期销号", "closed late")}


@click.command()
@click.argument("data")
@mechanism_option
@mechanism_file_option
@set_option
@on_option
@click.option("--by", "by", default=None, help="Group closure rates by a level (default: the level below the county) "
              "or by `assignee`.")
@fmt_option()
@lang_option
def problems(data: str, key: str | None, mechanism_files: tuple[Path, ...], overrides: tuple[str, ...],
             on: dt.date | None, by: str | None, fmt: str, lang: Lang) -> None:
    """The supervision loop: problems found, rectification deadlines, close-outs, overdue ones, accountability."""
    from ..errors import UsageError

    m = get_mechanism(key, mechanism_files, overrides) if key or mechanism_files else None
    county = load_county(data)
    s = county.structure
    day = on or default_on(county)
    statuses = supervise(county, day, m)
    level_keys = [lv.key for lv in s.levels]
    by = by or (level_keys[1] if len(level_keys) > 1 else level_keys[0])
    if by == "assignee":
        group_of = {st.record.id: st.record.assigned_to or "—" for st in statuses}
    elif by in level_keys:
        group_of = group_by_level(county, statuses, by)
    else:
        raise UsageError(f"--by must be a level ({', '.join(level_keys)}) or assignee, not {by!r}")
    rates = closure_rates(statuses, group_of)
    sup = m.scoring.supervision if m and m.scoring else None
    cat_label = {c.key: c.label for c in sup.categories} if sup else {}
    rows = [{"id": st.record.id, "unit": st.record.unit, "name": unit_label(s, st.record.unit), "found": st.record.found,
             "assigned_to": st.record.assigned_to, "assignee": actor_label(s, st.record.assigned_to),
             "deadline": st.deadline, "deadline_source": st.deadline_source, "closed": st.closed,
             "state": _PSTATE[st.state], "state_key": st.state, "days_late": st.days_late,
             "category": cat_label.get(st.record.category, st.record.category) if st.record.category else None,
             "suggested": cat_label.get(st.suggested, st.suggested) if st.suggested else None,
             "description": st.record.description} for st in statuses]
    rate_rows = [{"group": r.group, "name": (actor_label(s, r.group) if by == "assignee" else unit_label(s, r.group))
                  if r.group not in ("all", "—") else (L("合计", "all") if r.group == "all" else None),
                  "found": r.found, "closed": r.closed, "on_time": r.closed_on_time, "late": r.closed_late,
                  "open": r.open, "overdue": r.overdue, "closure": percent(r.closure_rate),
                  "on_time_rate": percent(r.on_time_rate)}
                 for r in rates]
    cats = categories_count(statuses)
    if fmt == "json":
        emit_json({"mechanism": m.key if m else None, "on": day, "rectification_days": sup.rectification_days if sup else None,
                   "problems": [{k: v for k, v in r.items() if k not in ("state", "name", "assignee")} |
                                {"state": r["state_key"], "category": st.record.category, "suggested": st.suggested}
                                for r, st in zip(rows, statuses, strict=True)],
                   "closure": [{"group": r.group, "found": r.found, "closed": r.closed, "closed_on_time": r.closed_on_time,
                                "closed_late": r.closed_late, "open": r.open, "overdue": r.overdue,
                                "closure_rate": r.closure_rate, "on_time_rate": r.on_time_rate} for r in rates],
                   "by": by, "categories": {k: {"recorded": v[0], "suggested": v[1]} for k, v in cats.items()}})
        return
    cols = [Col("id", L("编号", "id")), Col("unit", L("单位", "unit")), Col("name", L("名称", "name")),
            Col("found", L("发现", "found")), Col("assignee", L("责任人", "assigned to")),
            Col("deadline", L("整改期限", "deadline")), Col("closed", L("销号", "closed")), Col("state", L("状态", "state")),
            Col("days_late", L("逾期天数", "days late"), "right"), Col("category", L("问责类别", "category")),
            Col("suggested", L("建议类别", "suggested"))]
    if fmt == "csv":
        emit(rows, [*cols[:4], Col("assigned_to", L("责任人编号", "assignee id")), *cols[5:],
                    Col("deadline_source", L("期限来源", "deadline source")), Col("description", L("问题", "description"))],
             fmt="csv", lang=lang)
        return
    head = (sup.label.get(lang) + " — ") if sup else ""
    say_line(head + zh_en(lang, f"截至 {day}", f"as of {day}"))
    for r in rows:
        if r["deadline_source"] == "rule":
            r["deadline"] = f"{r['deadline']}*"
    shown, cap = capped_rows(rows, lang)
    rule = zh_en(lang, "期限当日销号为按期，次日起逾期；* 为按机制整改时限推算的期限；建议类别仅供参考，不写回台账",
              "Closed on the deadline is on time; overdue from the next day; * = deadline from the mechanism's "
              "rectification period; suggested categories are advice only, never written back")
    emit(shown, cols, fmt="table", lang=lang, title=L("问题清单", "Problem ledger"),
         caption=rule + (f"；{cap}" if cap else ""))
    emit(rate_rows, [Col("group", L("分组", "group")), Col("name", L("名称", "name")),
                     Col("found", L("问题数", "found"), "right"),
                     Col("closed", L("已销号", "closed"), "right"), Col("on_time", L("按期", "on time"), "right"),
                     Col("late", L("逾期销号", "late"), "right"), Col("open", L("整改中", "open"), "right"),
                     Col("overdue", L("逾期未整改", "overdue"), "right"), Col("closure", L("销号率", "closure rate"), "right"),
                     Col("on_time_rate", L("按期率", "on-time rate"), "right")],
         fmt="table", lang=lang, title=L("整改销号率", "Closure rates"),
         caption=zh_en(lang, "销号率 = 已销号 / 问题数；按期率 = 按期销号 / (已销号 + 逾期未整改)",
                    "closure rate = closed / found; on-time rate = closed on time / (closed + overdue)"))
    if cats:
        emit([{"category": cat_label.get(k, k), "recorded": v[0], "suggested": v[1]} for k, v in cats.items()],
             [Col("category", L("问责类别", "category")), Col("recorded", L("已认定", "recorded"), "right"),
              Col("suggested", L("建议", "suggested"), "right")], fmt="table", lang=lang, title=L("问责", "Accountability"))
